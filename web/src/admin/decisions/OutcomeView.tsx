import { Descriptions } from 'antd';
import type { ReactNode } from 'react';
import { EXCLUSIONS, FORM_LABELS, MAJOR_KINDS, REVIEW_LEVEL } from './types';

/** Chinese names of the fields a stage record keeps (see the commands under src/modules/decisions/commands). */
const KEYS: Record<string, string> = {
  text: '决策草案',
  legalBases: '法律依据',
  disputed: '存在较大分歧',
  alternatives: '备选方案',
  consultedUnits: '征求意见单位',
  costBenefit: '成本效益分析',
  forms: '参与形式',
  statement: '意见采纳情况说明',
  opinions: '专家意见',
  expert: '专家',
  affiliation: '单位',
  opinion: '意见',
  signed: '签字或盖章',
  dissent: '不同意见',
  handling: '采纳情况',
  assessor: '评估单位',
  thirdParty: '第三方评估',
  riskPoints: '风险点',
  measures: '防范化解措施',
  contingencyPlan: '处置预案',
  level: '等级',
  controllable: '风险可控',
  conclusion: '结论',
  reviewedOn: '审查日期',
  meeting: '会议',
  meetingKind: '会议类型',
  heldOn: '会议日期',
  members: '参会成员意见',
  name: '姓名',
  title: '职务/名称',
  view: '意见',
  remarks: '发言要点',
  headName: '行政首长',
  outcome: '结果',
  headReasons: '行政首长理由',
  minutes: '会议纪要',
  reportedOn: '报告日期',
  reference: '文件或会议',
  npcRequired: '向人大常委会报告',
  npcNote: '人大报告情况',
  publishedText: '公布文本',
  channels: '公布渠道',
  interpretation: '政策解读',
  tasks: '执行任务',
  weight: '权重',
  leafHash: '存证哈希',
  reason: '理由',
  trigger: '启动情形',
  evaluator: '评估单位',
  report: '评估报告',
  publicHeard: '听取公众意见',
  completedOn: '完成日期',
  summary: '总结',
  archiveNo: '档案号',
  kinds: '类型',
  exclusions: '排除情形',
  reasons: '理由',
  isMajor: '属于重大行政决策',
  explanation: '认定说明',
  note: '说明',
  assessedAt: '认定时间',
  assessedBy: '认定人',
  dissenting: '不同意见',
  majority: '多数意见',
  adjustment: '调整决策',
  round: '调整轮次',
  rerun: '本轮重新履行的可选程序',
  carried: '沿用此前记录的程序',
  stage: '程序',
  fromRound: '沿用记录的轮次（0 为原决策程序）',
};
const VALUES: Record<string, string> = {
  ...MAJOR_KINDS,
  ...EXCLUSIONS,
  ...FORM_LABELS,
  ...REVIEW_LEVEL,
  agree: '同意',
  disagree: '不同意',
  abstain: '弃权',
  approved: '通过',
  returned: '退回修改',
  executive: '常务会议',
  plenary: '全体会议',
  lawful: '合法',
  lawful_with_changes: '修改后合法',
  unlawful: '不合法',
  low: '低',
  medium: '中',
  high: '高',
  participation: '公众参与',
  expert_review: '专家论证',
  risk_assessment: '风险评估',
};

function render(v: unknown): ReactNode {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') return <span style={{ whiteSpace: 'pre-wrap' }}>{VALUES[v] ?? v}</span>;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return '无';
    if (v.every((x) => typeof x !== 'object')) return v.map((x) => VALUES[String(x)] ?? String(x)).join('、');
    return (
      <ol style={{ margin: 0, paddingLeft: 20 }}>
        {v.map((x, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a stored record's list never reorders
          <li key={i}>
            {Object.entries(x as object)
              .map(
                ([k, y]) =>
                  `${KEYS[k] ?? k}：${typeof y === 'boolean' ? (y ? '是' : '否') : (VALUES[String(y)] ?? String(y ?? ''))}`,
              )
              .join('；')}
          </li>
        ))}
      </ol>
    );
  }
  return <OutcomeView value={v} />;
}

/** A stage's stored record, shown field by field with Chinese names; text stays text. */
export function OutcomeView({ value }: { value: unknown }) {
  if (!value || typeof value !== 'object') return null;
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([k]) => k !== 'statement' && !k.endsWith('Id') && k !== 'id',
  );
  if (entries.length === 0) return null;
  return (
    <Descriptions size="small" column={1} bordered>
      {entries.map(([k, v]) => (
        <Descriptions.Item key={k} label={KEYS[k] ?? k}>
          {render(v)}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}
