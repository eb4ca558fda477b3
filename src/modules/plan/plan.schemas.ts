import { z } from '../../platform/http/zod.js';
import type * as C from './plan.contract.js';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD，例如 2025-12-31' });
const year = z
  .number({ error: '年度应为数字' })
  .int()
  .min(2000, { error: '年度不能早于 2000 年' })
  .max(2100, { error: '年度不能晚于 2100 年' });

export const PlanTextBody = z.strictObject({
  text: z
    .string({ error: '请粘贴实施方案全文' })
    .min(20, { error: '实施方案全文过短，请粘贴完整文本' })
    .max(300_000, { error: '实施方案全文不能超过 30 万字' }),
  title: z.string().trim().min(4, { error: '标题至少 4 个字' }).max(120).optional(),
  yearFrom: year,
  yearTo: year,
});

export const ProblemDto: z.ZodType<C.PlanProblemDto> = z.object({ line: z.number(), message: z.string() });

export const UnitMatchDto: z.ZodType<C.UnitMatchDto> = z.object({
  id: z.string().nullable(),
  rawName: z.string(),
  resolution: z.enum(['org', 'group', 'unmatched', 'ignored']),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  groupKey: z.string().nullable(),
  groupLabel: z.string().nullable(),
  lead: z.boolean(),
});

export const PreviewDto: z.ZodType<C.PlanPreviewDto> = z.object({
  title: z.string().nullable(),
  docNo: z.string().nullable(),
  chapters: z.array(z.object({ seq: z.number(), numeral: z.string(), title: z.string(), line: z.number() })),
  items: z.array(
    z.object({
      seq: z.number(),
      numeral: z.string(),
      chapterSeq: z.number(),
      title: z.string(),
      general: z.boolean(),
      line: z.number(),
      units: z.array(UnitMatchDto),
    }),
  ),
  problems: z.array(ProblemDto),
  unmatched: z.array(z.string()),
});

export const PlanSummaryDto = z.object({
  id: z.string(),
  title: z.string(),
  docNo: z.string().nullable(),
  yearFrom: z.number(),
  yearTo: z.number(),
  status: z.enum(['review', 'active', 'closed']),
  defaultDueDate: z.string().nullable(),
  progress: z.number().nullable(),
  tasks: z.number(),
  overdueTasks: z.number(),
  unmatchedUnits: z.number(),
  createdAt: z.string(),
}) satisfies z.ZodType<C.PlanSummaryDto>;

export const TaskDto = z.object({
  id: z.string(),
  planId: z.string(),
  itemId: z.string(),
  itemSeq: z.number(),
  itemNumeral: z.string(),
  itemTitle: z.string(),
  chapterTitle: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  lead: z.boolean(),
  dueDate: z.string(),
  progress: z.number(),
  weight: z.number(),
  status: z.enum(['open', 'done']),
  overdue: z.boolean(),
  escalated: z.boolean(),
  lastReportedAt: z.string().nullable(),
  abilities: z.record(z.string(), z.boolean()),
}) satisfies z.ZodType<C.PlanTaskDto>;

export const PlanDetailDto: z.ZodType<C.PlanDetailDto> = PlanSummaryDto.extend({
  chapters: z.array(
    z.object({
      id: z.string(),
      seq: z.number(),
      numeral: z.string(),
      title: z.string(),
      weight: z.number(),
      progress: z.number().nullable(),
    }),
  ),
  items: z.array(
    z.object({
      id: z.string(),
      chapterId: z.string(),
      seq: z.number(),
      numeral: z.string(),
      title: z.string(),
      body: z.string(),
      general: z.boolean(),
      line: z.number(),
      weight: z.number(),
      progress: z.number().nullable(),
      units: z.array(UnitMatchDto),
    }),
  ),
  units: z.array(
    z.object({
      orgId: z.string(),
      orgName: z.string(),
      tasks: z.number(),
      progress: z.number().nullable(),
      overdue: z.number(),
    }),
  ),
  abilities: z.record(z.string(), z.boolean()),
});

export const DecomposeBody = z.strictObject({ dueDate: localDate });

/** Weight of one chapter, item or task in the roll-up (numeric(8,2), > 0; 默认 1). */
export const WeightBody = z.strictObject({
  level: z.enum(['chapter', 'item', 'task'], { error: '调整对象应为 章节（chapter）、条目（item）或 任务（task）' }),
  targetId: z.uuid({ error: '请指定要调整权重的章节、条目或任务' }),
  weight: z
    .number({ error: '权重应为数字，例如 1 或 1.5' })
    .gt(0, { error: '权重应为正数（大于 0）；不计入汇总的条目无需设置权重' })
    .max(100, { error: '权重不能超过 100' })
    .refine((w) => Math.abs(Math.round(w * 100) - w * 100) < 1e-6, { error: '权重最多保留两位小数' }),
});
export const WeightDto: z.ZodType<C.WeightDto> = z.object({
  level: z.enum(['chapter', 'item', 'task']),
  targetId: z.string(),
  weight: z.number(),
  progress: z.number().nullable(),
});

export const ResolveUnitBody = z.union([
  z.strictObject({ orgId: z.uuid({ error: '请选择单位' }) }),
  z.strictObject({
    ignore: z.literal(true),
    reason: z.string().trim().min(2, { error: '请说明不纳入分解的理由' }).max(200),
  }),
]);

export const EvidenceInput = z.strictObject({
  title: z.string().trim().min(2, { error: '佐证材料名称至少 2 个字' }).max(120),
  url: z.string().trim().max(500).optional(),
  fileSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, { error: '附件编号格式不正确' })
    .optional(),
});

export const ProgressBody = z.strictObject({
  progress: z
    .number({ error: '请填写进度（0–100 的整数）' })
    .int({ error: '进度应为整数' })
    .min(0, { error: '进度不能小于 0%' })
    .max(100, { error: '进度不能超过 100%' }),
  note: z.string({ error: '请填写进展情况' }).trim().min(4, { error: '进展情况至少 4 个字' }).max(4000),
  reason: z.string().trim().max(500).optional(),
  evidence: z.array(EvidenceInput).max(20).default([]),
});

export const ProgressReportDto: z.ZodType<C.ProgressReportDto> = z.object({
  id: z.string(),
  from: z.number(),
  to: z.number(),
  note: z.string(),
  reason: z.string().nullable(),
  evidence: z.array(z.object({ title: z.string(), url: z.string().optional(), fileSha256: z.string().optional() })),
  reportedBy: z.string().nullable(),
  reportedAt: z.string(),
});

export const TaskDetailDto: z.ZodType<C.PlanTaskDetailDto> = TaskDto.extend({
  itemBody: z.string(),
  reports: z.array(ProgressReportDto),
});

export const EvidenceUploadBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  mime: z.enum(
    [
      'application/pdf',
      'image/png',
      'image/jpeg',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'text/plain',
    ],
    {
      error: '附件类型只能是 PDF、PNG、JPEG、DOCX 或纯文本',
    },
  ),
  contentBase64: z.string().min(4).max(700_000, { error: '附件不能超过 500 KB' }),
});

export const TaskListQuery = z.strictObject({
  planId: z.uuid().optional(),
  orgId: z.uuid().optional(),
  overdue: z.enum(['1', '0']).optional(),
});
