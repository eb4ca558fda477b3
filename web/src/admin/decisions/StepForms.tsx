import { Checkbox, Form, Input, Radio, Select } from 'antd';
import type { FormInstance } from 'antd';
import { useEffect } from 'react';
import { EXECUTION_STEPS } from './ExecutionSteps';
import {
  RulePeriod,
  type StepDef,
  Rows,
  area,
  date,
  req,
  text,
  todayLocal,
  useStatutoryDate,
  yesNo,
} from './formParts';
import { lines } from './types';

function ReplyByDefault({ form }: { form: FormInstance }) {
  const submittedOn = Form.useWatch('submittedOn', form) ?? todayLocal();
  const due = useStatutoryDate('decision.legality_review_opinion', submittedOn, 'due');
  useEffect(() => {
    if (due.data && !form.isFieldTouched('replyBy')) form.setFieldValue('replyBy', due.data);
  }, [due.data, form]);
  return null;
}

/** The steps up to the collective decision (Arts 10–30). */
const PRE_DECISION_STEPS: StepDef[] = [
  {
    ability: 'initiate',
    label: '启动决策程序',
    path: () => 'initiate',
    fields: () => <>{area('note', '启动说明（可选）', 2, false)}</>,
    toBody: (v) => ({ note: v.note || undefined }),
  },
  {
    ability: 'completeDrafting',
    label: '完成决策草案',
    path: () => 'drafting',
    fields: (_d, form) => (
      <>
        {area('text', '决策草案', 6)}
        {area(
          'legalBases',
          '法律依据（每行一项）',
          3,
          true,
          '第十三条：拟定决策草案应当遵守法律、法规，列明所依据的法律规定',
        )}
        {area('consultedUnits', '已征求意见的单位（每行一个，可选）', 2, false)}
        {area('costBenefit', '成本效益分析（可选）', 2, false)}
        <Form.Item name="disputed" valuePropName="checked">
          <Checkbox>对决策事项存在较大分歧（须提出两个以上方案，第十二条）</Checkbox>
        </Form.Item>
        {Form.useWatch('disputed', form) && (
          <Rows name="alternatives" add="增加备选方案">
            {(f) => (
              <>
                <Form.Item name={[f.name, 'title']} rules={req('方案名称')}>
                  <Input placeholder="方案名称" aria-label="备选方案名称" />
                </Form.Item>
                <Form.Item name={[f.name, 'summary']} rules={req('方案说明')}>
                  <Input.TextArea placeholder="方案说明" aria-label="备选方案说明" rows={2} style={{ width: 420 }} />
                </Form.Item>
              </>
            )}
          </Rows>
        )}
      </>
    ),
    toBody: (v) => ({
      text: v.text,
      legalBases: lines(v.legalBases as string),
      consultedUnits: lines(v.consultedUnits as string),
      costBenefit: (v.costBenefit as string) || null,
      disputed: !!v.disputed,
      alternatives: v.disputed ? (v.alternatives ?? []) : [],
    }),
  },
  {
    ability: 'completeParticipation',
    label: '完成公众参与，生成意见采纳情况说明',
    path: () => 'participation/complete',
    fields: () => null,
    toBody: () => ({}),
  },
  {
    ability: 'completeExpertReview',
    label: '完成专家论证',
    path: () => 'expert-review',
    fields: () => (
      <>
        <Rows name="opinions" add="增加专家论证意见">
          {(f) => (
            <>
              <Form.Item name={[f.name, 'expert']} rules={req('专家姓名')}>
                <Input placeholder="专家姓名" aria-label="专家姓名" style={{ width: 110 }} />
              </Form.Item>
              <Form.Item name={[f.name, 'affiliation']} rules={req('专家单位')}>
                <Input placeholder="单位" aria-label="专家单位" style={{ width: 160 }} />
              </Form.Item>
              <Form.Item name={[f.name, 'opinion']} rules={req('论证意见')}>
                <Input.TextArea placeholder="论证意见" aria-label="论证意见" rows={2} style={{ width: 300 }} />
              </Form.Item>
              <Form.Item name={[f.name, 'signed']} valuePropName="checked" initialValue={false}>
                <Checkbox>已签字或盖章</Checkbox>
              </Form.Item>
              <Form.Item name={[f.name, 'dissent']} valuePropName="checked" initialValue={false}>
                <Checkbox>不同意见</Checkbox>
              </Form.Item>
            </>
          )}
        </Rows>
        {area('handling', '专家意见采纳情况', 3)}
      </>
    ),
    toBody: (v) => ({ opinions: v.opinions ?? [], handling: v.handling }),
  },
  {
    ability: 'completeRiskAssessment',
    label: '完成风险评估',
    path: () => 'risk-assessment',
    fields: () => (
      <>
        {text('assessor', '评估单位')}
        <Form.Item name="thirdParty" valuePropName="checked">
          <Checkbox>委托第三方评估</Checkbox>
        </Form.Item>
        {area('riskPoints', '风险点（每行一项）', 3)}
        {area('measures', '防范化解措施（每行一项）', 3)}
        {area('contingencyPlan', '处置预案', 3)}
        <Form.Item name="level" label="风险等级" rules={[{ required: true, message: '请选择风险等级' }]}>
          <Radio.Group
            options={[
              { value: 'low', label: '低' },
              { value: 'medium', label: '中' },
              { value: 'high', label: '高' },
            ]}
          />
        </Form.Item>
        {yesNo('controllable', '风险是否可控')}
      </>
    ),
    toBody: (v) => ({
      assessor: v.assessor,
      assessorOrgId: null,
      thirdParty: !!v.thirdParty,
      riskPoints: lines(v.riskPoints as string),
      measures: lines(v.measures as string),
      contingencyPlan: v.contingencyPlan ?? '',
      level: v.level,
      controllable: v.controllable,
    }),
  },
  {
    ability: 'submitLegalityReview',
    label: '送请合法性审查',
    path: () => 'legality-review',
    fields: (d, form) => {
      const unitPassed = d.reviews.some(
        (r) =>
          r.round === d.round && !r.superseded && r.level === 'unit' && r.conclusion && r.conclusion !== 'unlawful',
      );
      return (
        <>
          <Form.Item
            name="level"
            label="审查层级"
            initialValue={unitPassed ? 'justice' : 'unit'}
            rules={req('审查层级')}
          >
            <Radio.Group
              options={[
                { value: 'unit', label: '承办单位法制机构初审' },
                { value: 'justice', label: '司法局合法性审查' },
              ]}
            />
          </Form.Item>
          {date('submittedOn', '送审日期')}
          <Form.Item
            name="replyBy"
            label="要求反馈日期"
            rules={req('要求反馈日期')}
            extra={
              <>
                第二十六条：送请合法性审查，应当保证必要的审查时间，一般不少于
                <RulePeriod ruleId="decision.legality_review" fallback="7个工作日" />
                ；默认按法定期限计算。
              </>
            }
          >
            <Input type="date" />
          </Form.Item>
          <ReplyByDefault form={form} />
          {area('materials', '其他送审材料（每行一项，可选）', 2, false)}
        </>
      );
    },
    toBody: (v) => ({ ...v, materials: lines(v.materials as string) }),
  },
  {
    ability: 'recordLegalityOpinion',
    label: '出具合法性审查意见',
    path: (d) => {
      const pending = d.reviews.find((r) => r.round === d.round && !r.superseded && r.conclusion === null);
      return `legality-review/${pending?.level ?? 'unit'}-opinion`;
    },
    fields: () => (
      <>
        <Form.Item name="conclusion" label="审查结论" rules={[{ required: true, message: '请选择审查结论' }]}>
          <Radio.Group
            options={[
              { value: 'lawful', label: '合法' },
              { value: 'lawful_with_changes', label: '修改后合法' },
              { value: 'unlawful', label: '不合法' },
            ]}
          />
        </Form.Item>
        {area('opinion', '审查意见', 4)}
        {date('reviewedOn', '审查日期')}
      </>
    ),
  },
  {
    ability: 'recordCollectiveDecision',
    label: '记录集体讨论决定',
    path: () => 'collective-decision',
    fields: () => (
      <>
        {text('meeting', '会议名称')}
        <Form.Item name="meetingKind" label="会议类型" initialValue="executive" rules={req('会议类型')}>
          <Radio.Group
            options={[
              { value: 'executive', label: '常务会议' },
              { value: 'plenary', label: '全体会议' },
            ]}
          />
        </Form.Item>
        {date('heldOn', '会议日期')}
        <Form.Item label="参会成员意见（按发言顺序填写，行政首长最后发言，第三十条）" required>
          <Rows name="members" add="增加成员">
            {(f) => (
              <>
                <Form.Item name={[f.name, 'name']} rules={req('姓名')}>
                  <Input placeholder="姓名" aria-label="成员姓名" style={{ width: 110 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'title']} rules={req('职务')}>
                  <Input placeholder="职务" aria-label="成员职务" style={{ width: 100 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'view']} rules={[{ required: true, message: '请选择意见' }]}>
                  <Select
                    aria-label="成员意见"
                    placeholder="意见"
                    style={{ width: 100 }}
                    options={[
                      { value: 'agree', label: '同意' },
                      { value: 'disagree', label: '不同意' },
                      { value: 'abstain', label: '弃权' },
                    ]}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'remarks']}>
                  <Input placeholder="发言要点（不同意的须写明理由）" aria-label="发言要点" style={{ width: 280 }} />
                </Form.Item>
              </>
            )}
          </Rows>
        </Form.Item>
        {text('headName', '行政首长姓名')}
        <Form.Item name="outcome" label="决定结果" initialValue="approved" rules={req('决定结果')}>
          <Radio.Group
            options={[
              { value: 'approved', label: '通过' },
              { value: 'returned', label: '退回修改' },
            ]}
          />
        </Form.Item>
        {area('headReasons', '行政首长与多数人意见不一致时的理由', 2, false)}
        {area('minutes', '会议纪要', 4)}
      </>
    ),
    toBody: (v) => ({
      ...v,
      members: ((v.members as Record<string, string>[] | undefined) ?? []).map((m) => ({
        ...m,
        remarks: m.remarks ?? '',
      })),
      headReasons: v.headReasons ?? '',
    }),
  },
];

/** Every procedure step the workbench offers; shown only when the server's abilities allow it. */
export const STEPS: StepDef[] = [...PRE_DECISION_STEPS, ...EXECUTION_STEPS];
