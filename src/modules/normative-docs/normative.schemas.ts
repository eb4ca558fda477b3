import type { PagedDto } from '../../platform/http/http.contract.js';
import { OrgRefDto, pagedDto } from '../../platform/http/http.schemas.js';
import { z } from '../../platform/http/zod.js';
import { RecordAnchorDto } from '../../platform/ledger/ledger.schemas.js';
import { DISPOSITIONS, PERIOD_PHASES, PublicCommentFields } from '../../procedures/public-comment/index.js';
import { SnippetPartDto } from '../laws/index.js';
import type * as C from './normative-docs.contract.js';
import { DOC_STATUSES } from './normative.workflow.js';

const localDate = (what: string) =>
  z.string({ error: `请填写${what}` }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${what}格式应为 YYYY-MM-DD` });
const text = (what: string, min: number, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(min, { error: `${what}至少 ${min} 个字` })
    .max(max, { error: `${what}不能超过 ${max} 个字` });

export const DocStatusEnum = z.enum(DOC_STATUSES);

export const BasisInput = z.strictObject({
  lawId: z.uuid({ error: '法规编号格式不正确' }),
  articles: z.string().trim().max(200, { error: '条款不能超过 200 个字' }).default(''),
});

export const CreateDocBody = z.strictObject({
  orgId: z.uuid({ error: '制定机关编号格式不正确' }),
  title: text('文件标题', 4, 120),
  body: text('文件正文', 10, 200_000),
  draftingNote: z.string().trim().max(20_000).default(''),
  businessRelated: z.boolean({ error: '请说明是否与市场主体生产经营活动密切相关' }),
  affectsMarket: z.boolean({ error: '请说明是否涉及市场主体经济活动（公平竞争审查）' }),
  commentRequired: z.boolean({ error: '请说明是否需要公开征求意见' }),
  bases: z.array(BasisInput).max(50).default([]),
});

export const ReviseDocBody = z.strictObject({
  title: text('文件标题', 4, 120).optional(),
  body: text('文件正文', 10, 200_000).optional(),
  draftingNote: z.string().trim().max(20_000).optional(),
  changeNote: text('修改说明', 2, 500),
  bases: z.array(BasisInput).max(50).optional(),
});

export const StartCommentBody = z.strictObject({
  start: localDate('征求意见开始日期'),
  end: localDate('征求意见截止日期'),
  shortenedReason: z.string().trim().max(500).optional(),
});

/**
 * Closing the comment period: the adoption statement is compiled from the dispositions of the comments received
 * through the portal; comments received otherwise (letters, e-mail) are stated with their count and how they
 * were handled.
 */
export const FinishCommentBody = z.strictObject({
  offlineCount: z.number({ error: '其他渠道收到的意见数应为数字' }).int().min(0).max(1_000_000).default(0),
  offlineStatement: z.string().trim().max(5000, { error: '其他渠道意见的处理情况不能超过 5000 个字' }).optional(),
});

export const DisposeCommentBody = z.strictObject({
  disposition: z.enum(DISPOSITIONS, { error: '请选择处理结果：采纳、部分采纳、不予采纳' }),
  reason: text('处理理由', 4, 1000),
});

export const CommentParams = z.strictObject({
  id: z.uuid({ error: '文件编号格式不正确' }),
  commentId: z.uuid({ error: '意见编号格式不正确' }),
});

export const FairReviewBody = z.strictObject({
  passed: z.boolean({ error: '请选择审查结论' }),
  conclusion: text('审查结论', 5, 5000),
});

export const LegalityOpinionBody = z.strictObject({
  outcome: z.enum(['lawful', 'lawful_with_changes', 'unlawful'], { error: '审核结论应为合法、修改后合法或不合法' }),
  opinion: text('审核意见', 5, 10_000),
  /** Needed only when the opinion comes before the minimum review time (国办发〔2018〕115号 "一般不少于"). */
  earlyReason: z.string().trim().max(1000, { error: '提前出具意见的理由不能超过 1000 个字' }).optional(),
});

export const DeliberationBody = z.strictObject({
  adopted: z.boolean({ error: '请选择审议结果' }),
  meeting: text('会议名称', 4, 120),
  heldOn: localDate('会议日期'),
});

export const PublishBody = z.strictObject({
  interpretation: text('政策解读', 20, 50_000),
  publishedOn: localDate('公布日期').optional(),
  /** Default: the adaptation period after publication (FAZHI_NORMATIVE_ADAPTATION_DAYS, 30 days). */
  effectiveOn: localDate('施行日期').optional(),
  validUntil: localDate('有效期截止日期').optional(),
  /** Required when no public comment period was held: why not (published with the document). */
  commentWaiverReason: text('未公开征求意见的理由', 10, 1000).optional(),
  /** Required when 施行 is sooner than the adaptation period after publication: why. */
  earlyEffectReason: text('提前施行的理由', 10, 1000).optional(),
});

export const RepealBody = z.strictObject({ reason: text('废止理由', 4, 1000) });

/** Historical entry (补录) of a document already published, with its original number and dates. */
export const HistoricalDocBody = z.strictObject({
  orgId: z.uuid({ error: '制定机关编号格式不正确' }),
  title: text('文件标题', 4, 120),
  body: text('文件正文', 10, 200_000),
  interpretation: z.string().trim().max(50_000).optional(),
  registrationNo: text('文号', 4, 60),
  publishedOn: localDate('公布日期'),
  effectiveOn: localDate('施行日期').optional(),
  validUntil: localDate('有效期截止日期').optional(),
  businessRelated: z.boolean().default(false),
  bases: z.array(BasisInput).min(1, { error: '请填写制定依据（至少一部法律、法规或规章）' }).max(50),
  reason: text('补录说明', 4, 500),
});

/** A formal correction of a published document: what is corrected, and why (published with it). */
export const CorrectionBody = z.strictObject({
  title: text('文件标题', 4, 200).optional(),
  body: text('文件正文', 10, 200_000).optional(),
  interpretation: text('政策解读', 20, 50_000).optional(),
  reason: text('更正理由', 10, 1000),
});

export const FilingSubmitBody = z.strictObject({
  materials: z.array(z.enum(['filing_report', 'text', 'drafting_explanation', 'legal_bases'])).max(4),
  report: text('备案报告', 10, 20_000),
  submittedOn: localDate('报送日期').optional(),
  /** The drafting explanation, when the document has none on record (kept on the document). */
  draftingExplanation: z.string().trim().max(20_000, { error: '起草说明不能超过 20000 个字' }).optional(),
});

export const FilingReviewBody = z.strictObject({
  outcome: z.enum(['accepted', 'returned', 'correction_required', 'revocation_proposed'], { error: '审查结论不正确' }),
  opinion: text('审查意见', 4, 10_000),
});

export const IssuingBodyBody = z.strictObject({
  orgId: z.uuid({ error: '单位编号格式不正确' }),
  numberPrefix: z
    .string({ error: '请填写文号前缀' })
    .trim()
    .regex(/^[\p{Script=Han}A-Za-z0-9]{1,20}$/u, { error: '文号前缀应为 1–20 个汉字或字母数字，如“示市监规”' }),
  basis: text('列入依据', 4, 500),
  active: z.boolean().default(true),
});

export const CampaignBody = z.strictObject({ title: text('清理名称', 4, 100), dueOn: localDate('完成期限') });
export const CleanupDecisionBody = z.strictObject({
  docId: z.uuid({ error: '文件编号格式不正确' }),
  outcome: z.enum(['keep', 'amend', 'repeal', 'lapse'], { error: '清理结果应为继续有效、修改、废止或宣布失效' }),
  reason: text('理由', 2, 1000),
});
export const TaskDoneBody = z.strictObject({ outcome: text('评估结论', 4, 2000) });

export const DocListQuery = z.strictObject({
  status: DocStatusEnum.optional(),
  orgId: z.uuid({ error: '单位编号格式不正确' }).optional(),
  year: z.coerce.number().int().min(1949).max(2100).optional(),
  q: z.string().trim().max(60).optional(),
  needsReview: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const DocSummaryDto = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  title: z.string(),
  status: DocStatusEnum,
  statusLabel: z.string(),
  registrationNo: z.string().nullable(),
  publishedOn: z.string().nullable(),
  effectiveOn: z.string().nullable(),
  validUntil: z.string().nullable(),
  needsReview: z.boolean(),
  version: z.number(),
}) satisfies z.ZodType<C.DocSummaryDto>;
export type DocSummaryDto = z.infer<typeof DocSummaryDto>;

export const BasisDto: z.ZodType<C.LegalBasisDto> = z.object({
  lawId: z.string(),
  title: z.string(),
  versionDate: z.string().nullable(),
  lawStatus: z.string(),
  articles: z.string(),
});

export const FilingDto: z.ZodType<C.FilingDto> = z.object({
  id: z.string(),
  docId: z.string(),
  docTitle: z.string(),
  registrationNo: z.string().nullable(),
  orgId: z.string(),
  orgName: z.string(),
  dueOn: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  submittedOn: z.string().nullable(),
  late: z.boolean().nullable(),
  overdue: z.boolean(),
  materials: z.array(z.string()),
  report: z.string().nullable(),
  supplementDueOn: z.string().nullable(),
  reviewOpinion: z.string().nullable(),
  reviewedOn: z.string().nullable(),
  submissions: z.number(),
});
export type FilingDto = z.infer<typeof FilingDto>;

export const TaskDto: z.ZodType<C.ReviewTaskDto> = z.object({
  id: z.string(),
  docId: z.string(),
  kind: z.string(),
  reason: z.string(),
  dueOn: z.string().nullable(),
  status: z.string(),
  outcome: z.string().nullable(),
});

const EnteredAfterwards = z.object({ reason: z.string().nullable(), on: z.string() }).nullable();
export const DocDetailDto: z.ZodType<C.DocDetailDto> = DocSummaryDto.extend({
  enteredAfterwards: EnteredAfterwards,
  body: z.string(),
  draftingNote: z.string(),
  docType: z.enum(['regular', 'interim']),
  businessRelated: z.boolean(),
  affectsMarket: z.boolean(),
  commentRequired: z.boolean(),
  comment: z.object({
    start: z.string().nullable(),
    end: z.string().nullable(),
    shortenedReason: z.string().nullable(),
    count: z.number().nullable(),
    disposition: z.string().nullable(),
    done: z.boolean(),
  }),
  fairReview: z.object({ done: z.boolean(), conclusion: z.string().nullable() }),
  legality: z.object({
    submittedOn: z.string().nullable(),
    outcome: z.string().nullable(),
    opinion: z.string().nullable(),
    reviewedOn: z.string().nullable(),
    /** The earliest day an opinion may be given without a stated reason (minimum review time). */
    earliestOpinionOn: z.string().nullable(),
    earlyReason: z.string().nullable(),
  }),
  deliberation: z.object({ meeting: z.string().nullable(), heldOn: z.string().nullable() }),
  interpretation: z.string().nullable(),
  contentHash: z.string().nullable(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  bases: z.array(BasisDto),
  versions: z.array(
    z.object({ version: z.number(), title: z.string(), changeNote: z.string(), createdAt: z.string() }),
  ),
  stages: z.array(z.object({ status: DocStatusEnum, label: z.string(), done: z.boolean(), current: z.boolean() })),
  filing: FilingDto.nullable(),
  tasks: z.array(TaskDto),
  abilities: z.record(z.string(), z.boolean()),
});
export type DocDetailDto = z.infer<typeof DocDetailDto>;

export const DiffDto: z.ZodType<C.DocDiffDto> = z.object({
  from: z.number(),
  to: z.number(),
  titleChanged: z.object({ from: z.string(), to: z.string() }).nullable(),
  lines: z.array(z.object({ op: z.enum(['same', 'add', 'del']), text: z.string() })),
});

export const PublicDocDto: z.ZodType<C.PublicDocDto> = z.object({
  id: z.string(),
  title: z.string(),
  orgName: z.string(),
  registrationNo: z.string().nullable(),
  status: DocStatusEnum,
  statusLabel: z.string(),
  publishedOn: z.string().nullable(),
  effectiveOn: z.string().nullable(),
  validUntil: z.string().nullable(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  body: z.string(),
  interpretation: z.string().nullable(),
  commentWaiverReason: z.string().nullable(),
  earlyEffectReason: z.string().nullable(),
  enteredAfterwards: EnteredAfterwards,
  bases: z.array(BasisDto),
  history: z.array(z.object({ date: z.string(), event: z.string() })),
  contentHash: z.string().nullable(),
  proof: RecordAnchorDto.nullable(),
});

export const PublicListQuery = z.strictObject({
  status: z.enum(['in_force', 'expired', 'repealed']).optional(),
  orgId: z.uuid({ error: '制定机关编号格式不正确' }).optional(),
  year: z.coerce.number().int().min(1949).max(2100).optional(),
  q: z.string().trim().max(60, { error: '检索词不能超过 60 个字' }).optional(),
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const PublicListDto: z.ZodType<C.PublicDocListDto> = pagedDto(
  DocSummaryDto.extend({ snippet: z.array(SnippetPartDto).optional() }),
).extend({
  /** Set when a full-text query matched more documents than are counted (the total is then a lower bound). */
  totalCapped: z.boolean().optional(),
  bodies: z.array(OrgRefDto),
});

export const PublicCommentBody = z.strictObject(PublicCommentFields);

export const CommentReceiptDto: z.ZodType<C.CommentReceiptDto> = z.object({
  receiptNo: z.string(),
  submittedAt: z.string(),
  commentEnd: z.string().nullable(),
});

export const PublicDraftDto: z.ZodType<C.PublicDraftDto> = z.object({
  id: z.string(),
  title: z.string(),
  orgName: z.string(),
  body: z.string(),
  draftingNote: z.string(),
  commentStart: z.string(),
  commentEnd: z.string(),
  open: z.boolean(),
  phase: z.enum(PERIOD_PHASES),
  phaseLabel: z.string(),
});

export const CommentDto: z.ZodType<C.DocCommentDto> = z.object({
  id: z.string(),
  receiptNo: z.string(),
  submitterKind: z.enum(['anonymous', 'individual', 'organization']),
  submitterName: z.string().nullable(),
  contact: z.string().nullable(),
  body: z.string(),
  disposition: z.enum(DISPOSITIONS).nullable(),
  dispositionLabel: z.string().nullable(),
  dispositionReason: z.string().nullable(),
  createdAt: z.string(),
});

export const StaffSearchQuery = z.strictObject({
  q: z
    .string({ error: '请输入检索词' })
    .trim()
    .min(1, { error: '请输入检索词' })
    .max(60, { error: '检索词不能超过 60 个字' }),
  status: DocStatusEnum.optional(),
});

export const StaffSearchDto: z.ZodType<C.DocSearchDto> = pagedDto(
  DocSummaryDto.extend({ snippet: z.array(SnippetPartDto) }),
);

/** The staff list of documents: one page. */
export const DocListDto: z.ZodType<PagedDto<C.DocSummaryDto>> = pagedDto(DocSummaryDto);
