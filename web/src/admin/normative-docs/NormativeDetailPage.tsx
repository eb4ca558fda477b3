import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, List, Select, Space, Steps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { get } from '../../shared/api';
import { ActionButton } from './ActionButton';
import { CommentsPanel } from './CommentsPanel';
import type {
  DocDetailDto as DocDetail,
  DocDiffDto,
} from '../../../../src/modules/normative-docs/normative-docs.contract';
import { STATUS_COLORS } from './types';

/** Today in Beijing time, YYYY-MM-DD (the server's calendar day). */
const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

const yesNo = [
  { value: true, label: '是' },
  { value: false, label: '否' },
];
const MATERIALS = [
  { value: 'filing_report', label: '备案报告' },
  { value: 'text', label: '文件正式文本' },
  { value: 'drafting_explanation', label: '起草说明' },
  { value: 'legal_bases', label: '制定依据' },
];

/** Lines with a running number as a stable key (the diff is rendered once, never reordered). */
const numbered = <T,>(xs: T[]) => xs.map((x, n) => ({ ...x, n }));

function Diff({ id, versions }: { id: string; versions: DocDetail['versions'] }) {
  const [from, setFrom] = useState(versions.at(-1)?.version ?? 1);
  const [to, setTo] = useState(versions[0]?.version ?? 1);
  const d = useQuery({
    queryKey: ['normative-diff', id, from, to],
    queryFn: () => get<DocDiffDto>(`/api/normative-docs/${id}/diff?from=${from}&to=${to}`),
    enabled: versions.length > 1,
  });
  const opts = versions.map((v) => ({ value: v.version, label: `第${v.version}版：${v.changeNote}` }));
  return (
    <Card title="版本与修改对照" size="small" style={{ marginTop: 16 }}>
      <Space wrap>
        <Select value={from} options={opts} onChange={setFrom} style={{ width: 260 }} aria-label="对照版本（旧）" />
        <Select value={to} options={opts} onChange={setTo} style={{ width: 260 }} aria-label="对照版本（新）" />
      </Space>
      <div style={{ marginTop: 12, fontSize: 16, lineHeight: 1.8 }}>
        {numbered(d.data?.lines ?? []).map((l) => (
          <div key={l.n} style={{ background: l.op === 'add' ? '#e6ffed' : l.op === 'del' ? '#ffeef0' : undefined }}>
            <strong>{l.op === 'add' ? '＋ 新增 ' : l.op === 'del' ? '－ 删除 ' : '　 '}</strong>
            {l.text}
          </div>
        ))}
      </div>
    </Card>
  );
}

/** One document: its stages, what was recorded at each, and the actions this user may take now. */
export function NormativeDetailPage() {
  const { id = '' } = useParams();
  const key = ['normative-doc', id];
  const q = useQuery({ queryKey: key, queryFn: () => get<DocDetail>(`/api/normative-docs/${id}`) });
  if (q.error) return <Alert type="error" showIcon title={(q.error as Error).message} />;
  const d = q.data;
  if (!d) return null;
  const a = d.abilities;
  const base = `/api/normative-docs/${id}`;
  const current = d.stages.findIndex((s) => s.current);
  return (
    <>
      <Typography.Title level={2}>{d.title}</Typography.Title>
      <Space style={{ marginBottom: 16 }} wrap>
        <Tag color={STATUS_COLORS[d.status]} style={{ fontSize: 16, padding: '4px 10px' }}>
          {d.statusLabel}
        </Tag>
        {d.registrationNo && <Tag style={{ fontSize: 16, padding: '4px 10px' }}>{d.registrationNo}</Tag>}
        {d.needsReview && <Tag color="orange">待评估</Tag>}
        {d.enteredAfterwards && (
          <Tag color="purple">
            补录（{d.enteredAfterwards.on}）{d.enteredAfterwards.reason ? `：${d.enteredAfterwards.reason}` : ''}
          </Tag>
        )}
      </Space>
      <Steps
        current={current < 0 ? d.stages.length : current}
        items={d.stages.map((s) => ({ title: s.label }))}
        size="small"
        style={{ marginBottom: 24 }}
      />
      <Card title="可办理的操作" size="small">
        <Space wrap>
          {a.startComment && (
            <ActionButton
              label="公开征求意见"
              url={`${base}/comment/start`}
              queryKey={key}
              primary
              fields={[
                { name: 'start', label: '开始日期', kind: 'date' },
                { name: 'end', label: '截止日期', kind: 'date' },
                {
                  name: 'shortenedReason',
                  label: '缩短征求意见期的理由（期限不足时填写）',
                  kind: 'textarea',
                  required: false,
                },
              ]}
            />
          )}
          {a.finishComment && (
            <ActionButton
              label="结束征求意见"
              url={`${base}/comment/finish`}
              queryKey={key}
              primary
              fields={[
                {
                  name: 'offlineCount',
                  label: '通过信函、电子邮件等其他渠道收到的意见数（没有填 0）',
                  kind: 'number',
                  required: false,
                },
                { name: 'offlineStatement', label: '其他渠道意见的处理情况', kind: 'textarea', required: false },
              ]}
            />
          )}
          {a.submitFairReview && (
            <ActionButton label="提交公平竞争审查" url={`${base}/fair-review/submit`} queryKey={key} primary />
          )}
          {a.recordFairReview && (
            <ActionButton
              label="记录公平竞争审查结论"
              url={`${base}/fair-review/record`}
              queryKey={key}
              primary
              fields={[
                { name: 'passed', label: '是否通过', kind: 'select', options: yesNo },
                { name: 'conclusion', label: '审查结论', kind: 'textarea' },
              ]}
            />
          )}
          {a.submitLegalityReview && (
            <ActionButton label="提交合法性审核" url={`${base}/legality-review/submit`} queryKey={key} primary />
          )}
          {a.recordLegalityReview && (
            <ActionButton
              label="出具合法性审核意见"
              url={`${base}/legality-review/record`}
              queryKey={key}
              primary
              fields={[
                {
                  name: 'outcome',
                  label: '审核结论',
                  kind: 'select',
                  options: [
                    { value: 'lawful', label: '合法' },
                    { value: 'lawful_with_changes', label: '修改后合法' },
                    { value: 'unlawful', label: '不合法（退回）' },
                  ],
                },
                { name: 'opinion', label: '审核意见', kind: 'textarea' },
                ...(d.legality.earliestOpinionOn && d.legality.earliestOpinionOn > today()
                  ? [
                      {
                        name: 'earlyReason',
                        label: `提前出具理由（未满最短审核时间，${d.legality.earliestOpinionOn}前出具须说明理由）`,
                        kind: 'textarea' as const,
                      },
                    ]
                  : []),
              ]}
            />
          )}
          {a.recordDeliberation && (
            <ActionButton
              label="记录集体审议"
              url={`${base}/deliberation`}
              queryKey={key}
              primary
              fields={[
                { name: 'adopted', label: '审议结果：通过', kind: 'select', options: yesNo },
                { name: 'meeting', label: '会议名称', kind: 'text' },
                { name: 'heldOn', label: '会议日期', kind: 'date' },
              ]}
            />
          )}
          {a.register && <ActionButton label="统一登记编号" url={`${base}/register`} queryKey={key} primary />}
          {a.publish && (
            <ActionButton
              label="公布施行"
              url={`${base}/publish`}
              queryKey={key}
              primary
              fields={[
                { name: 'interpretation', label: '政策解读（与文件同时公布）', kind: 'textarea' },
                {
                  name: 'effectiveOn',
                  label: '施行日期（不填则为公布后适应调整期届满之日）',
                  kind: 'date',
                  required: false,
                },
                {
                  name: 'earlyEffectReason',
                  label: '提前施行的理由（施行日期早于适应调整期届满之日时必填，随文件公布）',
                  kind: 'textarea',
                  required: false,
                },
                ...(d.comment.done
                  ? []
                  : [
                      {
                        name: 'commentWaiverReason',
                        label: '未公开征求意见的理由（必填，至少 10 个字，随文件公布）',
                        kind: 'textarea' as const,
                      },
                    ]),
              ]}
            />
          )}
          {a.submitFiling && (
            <ActionButton
              label="报送备案"
              url={`${base}/filing/submit`}
              queryKey={key}
              primary
              initial={{ materials: MATERIALS.map((m) => m.value) }}
              fields={[
                { name: 'materials', label: '备案材料', kind: 'checkboxes', options: MATERIALS },
                { name: 'report', label: '备案报告', kind: 'textarea' },
                ...(d.draftingNote.trim()
                  ? []
                  : [
                      {
                        name: 'draftingExplanation',
                        label: '起草说明（本文件未附起草说明，报送备案时须填写）',
                        kind: 'textarea' as const,
                      },
                    ]),
              ]}
            />
          )}
          {a.reviewFiling && (
            <ActionButton
              label="备案审查"
              url={`${base}/filing/review`}
              queryKey={key}
              primary
              fields={[
                {
                  name: 'outcome',
                  label: '审查结论',
                  kind: 'select',
                  options: [
                    { value: 'accepted', label: '准予备案' },
                    { value: 'returned', label: '退回补充材料' },
                    { value: 'correction_required', label: '要求纠正' },
                    { value: 'revocation_proposed', label: '建议撤销' },
                  ],
                },
                { name: 'opinion', label: '审查意见', kind: 'textarea' },
              ]}
            />
          )}
          {a.correct && (
            <ActionButton
              label="更正公布文本"
              url={`${base}/correction`}
              queryKey={key}
              initial={{ title: d.title, body: d.body, interpretation: d.interpretation ?? '' }}
              fields={[
                { name: 'title', label: '文件标题', kind: 'text' },
                { name: 'body', label: '文件正文（更正后）', kind: 'textarea' },
                { name: 'interpretation', label: '政策解读（更正后）', kind: 'textarea' },
                { name: 'reason', label: '更正理由（至少 10 个字，随更正公开）', kind: 'textarea' },
              ]}
            />
          )}
          {a.repeal && (
            <ActionButton
              label="废止"
              danger
              url={`${base}/repeal`}
              queryKey={key}
              fields={[{ name: 'reason', label: '废止理由', kind: 'textarea' }]}
            />
          )}
        </Space>
      </Card>
      <Descriptions bordered column={2} size="small" style={{ marginTop: 16 }}>
        <Descriptions.Item label="制定机关">{d.orgName}</Descriptions.Item>
        <Descriptions.Item label="版本">第{d.version}版</Descriptions.Item>
        <Descriptions.Item label="公开征求意见">
          {d.commentRequired
            ? `${d.comment.start ?? '—'} 至 ${d.comment.end ?? '—'}${d.comment.done ? `，收到意见${d.comment.count}条` : ''}`
            : '不需要'}
        </Descriptions.Item>
        <Descriptions.Item label="公平竞争审查">
          {d.affectsMarket ? (d.fairReview.done ? `已通过：${d.fairReview.conclusion}` : '待审查') : '不涉及'}
        </Descriptions.Item>
        <Descriptions.Item label="合法性审核">
          {d.legality.outcome
            ? `${d.legality.reviewedOn}：${d.legality.opinion}${d.legality.earlyReason ? `（提前出具，理由：${d.legality.earlyReason}）` : ''}`
            : d.legality.submittedOn
              ? `已于${d.legality.submittedOn}送审${d.legality.earliestOpinionOn ? `，${d.legality.earliestOpinionOn}起可出具审核意见` : ''}`
              : '未送审'}
        </Descriptions.Item>
        <Descriptions.Item label="集体审议">
          {d.deliberation.heldOn ? `${d.deliberation.heldOn} ${d.deliberation.meeting}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="公布 / 施行">
          {d.publishedOn ? `${d.publishedOn} / ${d.effectiveOn}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="有效期至">{d.validUntil ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="备案" span={2}>
          {d.filing
            ? `${d.filing.statusLabel}（应于${d.filing.dueOn}前报送${d.filing.submittedOn ? `，${d.filing.submittedOn}报送${d.filing.late ? '，逾期' : ''}` : ''}${d.filing.overdue ? '，已逾期未报' : ''}）`
            : '公布后生成'}
        </Descriptions.Item>
        <Descriptions.Item label="制定依据" span={2}>
          {d.bases.length
            ? d.bases
                .map((b) => `《${b.title}》${b.articles}${b.lawStatus === 'superseded' ? '（已有新版本）' : ''}`)
                .join('；')
            : '—'}
        </Descriptions.Item>
      </Descriptions>
      {d.commentRequired && d.comment.start && (
        <CommentsPanel docId={id} canDispose={!!a.disposeComments} statement={d.comment.disposition} />
      )}
      {d.tasks.length > 0 && (
        <Card title="评估任务" size="small" style={{ marginTop: 16 }}>
          <List
            dataSource={d.tasks}
            renderItem={(t) => (
              <List.Item>{`${t.status === 'open' ? '【待办】' : '【已完成】'}${t.reason}${t.outcome ? `——${t.outcome}` : ''}`}</List.Item>
            )}
          />
        </Card>
      )}
      <Card title="正文" size="small" style={{ marginTop: 16 }}>
        <div style={{ whiteSpace: 'pre-wrap', fontSize: 16, lineHeight: 1.9 }}>{d.body}</div>
      </Card>
      {d.interpretation && (
        <Card title="政策解读" size="small" style={{ marginTop: 16 }}>
          <div style={{ whiteSpace: 'pre-wrap', fontSize: 16 }}>{d.interpretation}</div>
        </Card>
      )}
      {d.versions.length > 1 && <Diff id={id} versions={d.versions} />}
    </>
  );
}
