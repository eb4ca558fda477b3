import { z } from '../../platform/http/zod.js';
import { PublicCommentFields } from '../../procedures/public-comment/index.js';
import {
  type CatalogStatsDto as CatalogStats,
  type CatalogVersionDto as CatalogVersion,
  EXCLUSIONS,
  MAJOR_KINDS,
} from './decisions.contract.js';
import { ADJUSTABLE_STAGES, STATUSES } from './decisions.workflow.js';

/** A real calendar date (2026-02-30 is refused here, not by the database as a 500). */
const isRealDate = (v: string) => {
  const [y, m, d] = v.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};
const localDate = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label}格式应为 YYYY-MM-DD` })
    .refine(isRealDate, { error: `${label}不是有效的日期，请核对年、月、日` });
const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, { error: `${label}至少 ${min} 个字` })
    .max(max, { error: `${label}不能超过 ${max} 个字` });
const uuid = (label: string) => z.uuid({ error: `${label}编号格式不正确` });

export { EXCLUSIONS, MAJOR_KINDS } from './decisions.contract.js';

export const CreateCatalogBody = z.strictObject({
  bodyOrgId: uuid('决策机关'),
  year: z
    .number({ error: '请填写目录年度' })
    .int()
    .min(2000, { error: '年度不正确' })
    .max(2199, { error: '年度不正确' }),
  title: text('目录名称', 4, 80).optional(),
});

export const ApproveCatalogBody = z.strictObject({
  partyConsentRef: text('党委同意文件或会议名称', 4, 120),
  partyConsentOn: localDate('党委同意日期'),
});

export const PublishCatalogBody = z.strictObject({
  reason: text('调整理由', 6, 500).optional(),
});

export const ProposeItemBody = z.strictObject({
  title: text('事项名称', 4, 120),
  summary: text('事项简要说明', 10, 2000),
  category: z.enum(Object.keys(MAJOR_KINDS) as [keyof typeof MAJOR_KINDS], {
    error: '请选择事项类别（第三条第一款所列类型）',
  }),
  leadOrgId: uuid('承办单位'),
  plannedCompletionOn: localDate('计划完成时间'),
  isTechnical: z.boolean().default(false),
  affectsStability: z.boolean().default(false),
  confidential: z.boolean().default(false),
  confidentialReason: text('不公开理由', 6, 500).optional(),
  /** Required when the catalog is already published: the item is an adjustment of the catalog. */
  adjustmentReason: text('目录调整理由', 6, 500).optional(),
});

export const AssessBody = z.strictObject({
  kinds: z
    .array(z.enum(Object.keys(MAJOR_KINDS) as [keyof typeof MAJOR_KINDS]))
    .max(5)
    .default([]),
  exclusions: z
    .array(z.enum(Object.keys(EXCLUSIONS) as [keyof typeof EXCLUSIONS]))
    .max(4)
    .default([]),
  reasons: text('认定理由', 20, 3000),
});

export const InitiateBody = z.strictObject({
  leadOrgId: uuid('承办单位').optional(),
  executionOrgId: uuid('执行单位').optional(),
  note: text('启动说明', 4, 1000).optional(),
});

export const DraftingBody = z.strictObject({
  text: text('决策草案', 20, 50000),
  legalBases: z
    .array(text('法律依据', 4, 200))
    .max(50)
    .default([]),
  disputed: z.boolean().default(false),
  alternatives: z
    .array(z.strictObject({ title: text('备选方案名称', 2, 80), summary: text('备选方案说明', 10, 3000) }))
    .max(10)
    .default([]),
  consultedUnits: z
    .array(text('征求意见单位', 2, 60))
    .max(50)
    .default([]),
  costBenefit: text('成本效益分析', 10, 5000).nullable().default(null),
});

export const ExpertReviewBody = z.strictObject({
  opinions: z
    .array(
      z.strictObject({
        expert: text('专家姓名', 2, 40),
        affiliation: text('专家单位', 2, 80),
        opinion: text('论证意见', 10, 5000),
        signed: z.boolean({ error: '请确认专家是否签字或盖章' }),
        dissent: z.boolean().default(false),
      }),
    )
    .max(30)
    .default([]),
  handling: text('专家意见采纳情况', 10, 5000),
});

export const RiskAssessmentBody = z.strictObject({
  assessor: text('评估单位', 2, 80),
  assessorOrgId: uuid('评估单位').nullable().default(null),
  thirdParty: z.boolean().default(false),
  riskPoints: z
    .array(text('风险点', 4, 500))
    .max(50)
    .default([]),
  measures: z
    .array(text('防范化解措施', 4, 500))
    .max(50)
    .default([]),
  contingencyPlan: z.string().trim().max(5000).default(''),
  level: z.enum(['low', 'medium', 'high'], { error: '请选择风险等级（低、中、高）' }),
  controllable: z.boolean({ error: '请说明风险是否可控' }),
});

export const SubmitLegalityBody = z.strictObject({
  level: z.enum(['unit', 'justice'], { error: '请选择审查层级：unit（本单位法制机构初审）或 justice（司法局审查）' }),
  submittedOn: localDate('送审日期'),
  replyBy: localDate('要求反馈日期'),
  materials: z
    .array(text('送审材料', 2, 120))
    .max(30)
    .default([]),
});

export const LegalityOpinionBody = z.strictObject({
  conclusion: z.enum(['lawful', 'lawful_with_changes', 'unlawful'], {
    error: '请选择审查结论：合法、修改后合法、不合法',
  }),
  opinion: text('审查意见', 10, 10000),
  reviewedOn: localDate('审查日期'),
});

const member = z.strictObject({
  name: text('参会人员姓名', 2, 40),
  title: text('职务', 2, 40),
  view: z.enum(['agree', 'disagree', 'abstain'], { error: '请选择每位成员的意见：同意、不同意、弃权' }),
  remarks: z.string().trim().max(2000).default(''),
});

export const CollectiveDecisionBody = z.strictObject({
  meeting: text('会议名称', 4, 120),
  meetingKind: z.enum(['executive', 'plenary'], { error: '请选择会议类型：常务会议或全体会议' }),
  heldOn: localDate('会议日期'),
  /** Members in the order they spoke; the head must be last (Art 30). */
  members: z.array(member).max(60).default([]),
  headName: text('行政首长姓名', 2, 40),
  outcome: z.enum(['approved', 'returned'], { error: '请选择决定结果：通过或退回修改' }),
  headReasons: z.string().trim().max(3000).default(''),
  minutes: text('会议纪要', 10, 20000),
});

export const PartyReportBody = z.strictObject({
  reportedOn: localDate('请示报告日期'),
  reference: text('请示报告文件或会议', 4, 200),
  npcRequired: z.boolean().default(false),
  npcNote: z.string().trim().max(1000).default(''),
});

export const PublishBody = z.strictObject({
  publishedText: text('决策公布文本', 20, 50000),
  channels: z
    .array(text('公布渠道', 2, 60))
    .min(1, { error: '请至少填写一个公布渠道（政府网站、政府公报、本地报纸等）' })
    .max(10),
  executionOrgId: uuid('执行单位'),
  interpretation: z.string().trim().max(5000).default(''),
  tasks: z
    .array(
      z.strictObject({
        name: text('执行任务名称', 2, 120),
        weight: z.number().int().min(1, { error: '任务权重为 1–100 的整数' }).max(100),
      }),
    )
    .max(30)
    .default([]),
});

export const ProgressBody = z.strictObject({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '报告期格式应为 YYYY-MM（例如 2026-03）' }),
  note: text('执行情况', 6, 5000),
  tasks: z
    .array(
      z.strictObject({
        taskId: uuid('执行任务'),
        progress: z.number().int().min(0, { error: '进度为 0–100 的整数' }).max(100, { error: '进度为 0–100 的整数' }),
      }),
    )
    .max(30),
  problems: z.string().trim().max(3000).default(''),
});

export const PostEvaluationStartBody = z.strictObject({
  trigger: z.enum(['missed_effect', 'public_objections', 'body_discretion'], {
    error: '请选择启动评估的情形（第三十六条）',
  }),
  evaluator: text('评估单位', 2, 80),
  evaluatorOrgId: uuid('评估单位').nullable().default(null),
  reason: text('启动理由', 6, 2000),
});

export const PostEvaluationCompleteBody = z.strictObject({
  report: text('评估报告', 20, 20000),
  conclusion: z.enum(['continue', 'adjust', 'stop'], { error: '请选择评估结论：继续执行、调整、停止执行' }),
  publicHeard: z.boolean({ error: '请说明是否听取了社会公众意见' }),
});

export const ReasonBody = z.strictObject({ reason: text('理由', 6, 2000) });

/**
 * Adjusting a decision (Art 37): the reason, and which conditional procedures the adjustment touches. Without
 * `rerun` every triggered procedure is re-run; a triggered procedure left out needs its reason in `carryReasons`.
 */
export const AdjustBody = z.strictObject({
  reason: text('调整理由', 6, 2000),
  rerun: z
    .array(z.enum(ADJUSTABLE_STAGES, { error: '重新履行的程序只能是公众参与、专家论证、风险评估' }))
    .max(3)
    .optional(),
  carryReasons: z
    .strictObject({
      participation: text('不重新履行公众参与的理由', 4, 500).optional(),
      expert_review: text('不重新履行专家论证的理由', 4, 500).optional(),
      risk_assessment: text('不重新履行风险评估的理由', 4, 500).optional(),
    })
    .optional(),
});

/** Changing an item's planned completion date: a catalog adjustment once the catalog is published. */
export const AdjustPlanBody = z.strictObject({
  plannedCompletionOn: localDate('计划完成时间'),
  reason: text('调整理由', 6, 500).optional(),
});
export const CompleteExecutionBody = z.strictObject({
  completedOn: localDate('完成日期'),
  summary: text('执行总结', 10, 5000),
});
export const ArchiveBody = z.strictObject({ archiveNo: text('档案号', 2, 60) });

export const OpenParticipationBody = z.strictObject({
  form: z.enum(['comment_period', 'hearing', 'symposium', 'written_consultation', 'survey', 'field_visit'], {
    error: '请选择参与形式：公开征求意见、听证会、座谈会、书面征求意见、问卷调查、实地走访',
  }),
  title: text('名称', 4, 120),
  opensOn: localDate('开始日期').optional(),
  closesOn: localDate('截止日期').optional(),
  shortenedReason: text('缩短征求意见期的理由', 6, 500).optional(),
  heldOn: localDate('举行日期').optional(),
  materialsSentOn: localDate('材料送达日期').optional(),
  selectionMethod: text('参加人遴选办法', 6, 1000).optional(),
  participants: z
    .array(text('参加人', 2, 80))
    .max(200)
    .default([]),
  place: text('地点', 2, 120).optional(),
});

export const CloseParticipationBody = z.strictObject({
  outcome: text('参与情况与结果', 10, 10000),
  recordSigned: z.boolean().optional(),
});

export const ModerateBody = z.strictObject({
  moderation: z.enum(['published', 'rejected'], { error: '请选择审核结果：公开或不予公开' }),
  reason: text('不予公开的理由', 4, 500).optional(),
});

export const DisposeBody = z.strictObject({
  disposition: z.enum(['adopted', 'partly_adopted', 'not_adopted'], {
    error: '请选择处理结果：采纳、部分采纳、不予采纳',
  }),
  reason: text('处理理由', 4, 1000),
});

export const PublicCommentBody = z.strictObject({
  ...PublicCommentFields,
  attachments: z
    .array(
      z.strictObject({
        name: text('附件文件名', 1, 100),
        mime: z.string().max(100),
        dataBase64: z.string().max(4_000_000, { error: '附件过大' }),
      }),
    )
    .max(10)
    .default([]),
});

export const ListItemsQuery = z.strictObject({
  catalogId: uuid('目录').optional(),
  status: z.enum(STATUSES).optional(),
  q: z.string().max(60).optional(),
});

export const YearQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2199).optional(),
  bodyOrgId: uuid('决策机关').optional(),
});

/** Items, year-on-year change and the on-schedule rate of one catalog (workbench and portal). */
export const CatalogStatsDto: z.ZodType<CatalogStats> = z.object({
  items: z.number(),
  previousItems: z.number().nullable(),
  yoyPct: z.number().nullable(),
  due: z.number(),
  onSchedule: z.number(),
  onSchedulePct: z.number().nullable(),
});

/** One published version of a catalog, anchored in the ledger. */
export const CatalogVersionDto: z.ZodType<CatalogVersion> = z.object({
  version: z.number(),
  reason: z.string().nullable(),
  publishedAt: z.string(),
  contentHash: z.string(),
  leafHash: z.string().nullable(),
});
