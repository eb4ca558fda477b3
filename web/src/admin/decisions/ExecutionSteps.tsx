import { Checkbox, Form, Input, InputNumber, Radio, Select } from 'antd';
import { ADJUST_STEP } from './AdjustForm';
import { OrgSelect, Rows, type StepDef, area, date, reason, req, text, todayLocal, yesNo } from './formParts';
import { lines } from './types';

/** The steps from the Party report to archiving, and suspension, adjustment and withdrawal (Arts 31–37). */
export const EXECUTION_STEPS: StepDef[] = [
  {
    ability: 'reportToParty',
    label: '记录向同级党委请示报告',
    path: () => 'party-report',
    fields: (_d, form) => (
      <>
        {date('reportedOn', '请示报告日期')}
        {text('reference', '请示报告文件或会议')}
        <Form.Item name="npcRequired" valuePropName="checked">
          <Checkbox>须按规定向本级人大常委会报告（第八条）</Checkbox>
        </Form.Item>
        {Form.useWatch('npcRequired', form) && area('npcNote', '向人大常委会报告情况', 2)}
      </>
    ),
    toBody: (v) => ({ ...v, npcRequired: !!v.npcRequired, npcNote: v.npcNote ?? '' }),
  },
  {
    ability: 'publish',
    label: '公布决策',
    path: () => 'publish',
    fields: () => (
      <>
        {area('publishedText', '决策公布文本', 5)}
        <Form.Item
          name="channels"
          label="公布渠道（每行一个）"
          rules={req('公布渠道')}
          initialValue={'区政府门户网站\n区政府公报'}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="executionOrgId" label="决策执行单位" rules={[{ required: true, message: '请选择执行单位' }]}>
          <OrgSelect />
        </Form.Item>
        {area('interpretation', '政策解读（可选）', 2, false)}
        <Form.Item label="执行任务及权重（第三十四条：执行单位定期报告执行情况）" required>
          <Rows name="tasks" add="增加执行任务">
            {(f) => (
              <>
                <Form.Item name={[f.name, 'name']} rules={req('任务名称')}>
                  <Input placeholder="任务名称" aria-label="执行任务名称" style={{ width: 260 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'weight']} rules={req('权重')}>
                  <InputNumber placeholder="权重" aria-label="任务权重" min={1} max={100} precision={0} />
                </Form.Item>
              </>
            )}
          </Rows>
        </Form.Item>
      </>
    ),
    toBody: (v) => ({
      ...v,
      channels: lines(v.channels as string),
      interpretation: v.interpretation ?? '',
      tasks: v.tasks ?? [],
    }),
  },
  {
    ability: 'reportProgress',
    label: '报告执行情况',
    path: () => 'progress',
    fields: (d) => (
      <>
        <Form.Item name="period" label="报告期（年月）" rules={req('报告期')} initialValue={todayLocal().slice(0, 7)}>
          <Input type="month" />
        </Form.Item>
        {d.tasks.map((t) => (
          <Form.Item
            key={t.id}
            name={['progress', t.id]}
            label={`${t.name}（权重 ${t.weight}）进度 %`}
            initialValue={t.progress}
            rules={req('进度')}
          >
            <InputNumber min={0} max={100} precision={0} />
          </Form.Item>
        ))}
        {area('note', '执行情况', 3)}
        {area('problems', '存在问题及进度倒退的说明（可选）', 2, false)}
      </>
    ),
    toBody: (v) => ({
      period: v.period,
      note: v.note,
      problems: v.problems ?? '',
      tasks: Object.entries((v.progress as Record<string, number>) ?? {}).map(([taskId, progress]) => ({
        taskId,
        progress,
      })),
    }),
  },
  {
    ability: 'startPostEvaluation',
    label: '启动决策后评估',
    path: () => 'post-evaluation',
    fields: () => (
      <>
        <Form.Item
          name="trigger"
          label="启动情形（第三十六条）"
          rules={[{ required: true, message: '请选择启动情形' }]}
        >
          <Select
            options={[
              { value: 'missed_effect', label: '实施后明显未达到预期效果' },
              { value: 'public_objections', label: '公民、法人或者其他组织提出较多意见' },
              { value: 'body_discretion', label: '决策机关认为有必要' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="evaluator"
          label="评估单位"
          rules={req('评估单位')}
          extra="决策前评估（风险评估、专家论证）的单位不得作为后评估单位。"
        >
          <Input />
        </Form.Item>
        {area('reason', '启动理由', 2)}
      </>
    ),
    toBody: (v) => ({ ...v, evaluatorOrgId: null }),
  },
  {
    ability: 'completePostEvaluation',
    label: '完成决策后评估',
    path: () => 'post-evaluation/complete',
    fields: () => (
      <>
        {area('report', '评估报告', 5)}
        <Form.Item name="conclusion" label="评估结论" rules={[{ required: true, message: '请选择评估结论' }]}>
          <Radio.Group
            options={[
              { value: 'continue', label: '继续执行' },
              { value: 'adjust', label: '调整' },
              { value: 'stop', label: '停止执行' },
            ]}
          />
        </Form.Item>
        {yesNo('publicHeard', '是否听取了社会公众意见')}
      </>
    ),
  },
  {
    ability: 'completeExecution',
    label: '确认执行完毕',
    path: () => 'complete',
    fields: () => (
      <>
        {date('completedOn', '完成日期')}
        {area('summary', '执行总结', 3)}
      </>
    ),
  },
  {
    ability: 'archive',
    label: '归档',
    path: () => 'archive',
    fields: () => <>{text('archiveNo', '档案号')}</>,
  },
  { ability: 'suspend', label: '暂停执行', path: () => 'suspend', danger: true, fields: () => reason('暂停理由') },
  { ability: 'resume', label: '恢复执行', path: () => 'resume', fields: () => reason('恢复理由') },
  ADJUST_STEP,
  {
    ability: 'withdraw',
    label: '撤回决策事项',
    path: () => 'withdraw',
    danger: true,
    fields: () => reason('撤回理由'),
  },
];
