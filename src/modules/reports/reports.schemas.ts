import { RecordRefDto } from '../../platform/http/http.schemas.js';
import { z } from '../../platform/http/zod.js';
import { RecordProofDto } from '../../platform/ledger/ledger.schemas.js';
import type * as C from './reports.contract.js';

/** Request and response schemas of the annual-report routes (the OpenAPI document is generated from them). */
export const year = z.coerce.number({ error: '年度应为数字' }).int().min(2000).max(2100);
export const Figure: z.ZodType<C.ReportFigureDto> = z.object({
  code: z.string(),
  label: z.string(),
  unit: z.string(),
  year: z.number().optional(),
  value: z.number().nullable(),
  status: z.string(),
  basis: z.string(),
  /** GET it to re-run the figure's query (GET /api/indicators/figures/…). */
  query: z.string().optional(),
  records: z.array(RecordRefDto),
  recordCount: z.number(),
});
export const PublicSection: z.ZodType<C.PublicSectionDto> = z.object({
  key: z.string(),
  heading: z.string(),
  text: z.string(),
});
export const PublicReportDto = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  year: z.number(),
  title: z.string(),
  docNo: z.string().nullable(),
  sections: z.array(PublicSection),
  figures: z.array(
    z.object({
      code: z.string(),
      label: z.string(),
      value: z.number().nullable(),
      unit: z.string(),
      basis: z.string(),
    }),
  ),
  publishedAt: z.string().nullable(),
}) satisfies z.ZodType<C.PublicReportDto>;
export const sectionText = z.string().max(50_000, { error: '单个部分不能超过 5 万字' });
export const ReportDto: z.ZodType<C.ReportDto> = PublicReportDto.extend({
  figures: z.array(Figure),
  status: z.enum(['draft', 'awaiting_approval', 'approved', 'submitted', 'published']),
  statusLabel: z.string(),
  rawSections: z.object({
    measures: z.string(),
    shortcomings: z.string(),
    headDuty: z.string(),
    nextYear: z.string(),
    other: z.string(),
  }),
  sectionDefs: z.array(
    z.object({ key: z.string(), numeral: z.string(), title: z.string(), heading: z.string(), required: z.boolean() }),
  ),
  cc: z.string(),
  /** 主送机关 the DOCX export uses unless another is given. */
  defaultRecipient: z.string(),
  snapshotAt: z.string().nullable(),
  ledgerTreeSize: z.string().nullable(),
  ledgerRoot: z.string().nullable(),
  /** The signed checkpoint the figures were taken against (public ledger API), when there is one. */
  ledgerCheckpoint: z.string().nullable(),
  submitBy: z.string().nullable(),
  publishBy: z.string(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  version: z.number(),
  abilities: z.record(z.string(), z.boolean()),
});

export const DashboardDto: z.ZodType<C.ReportsDashboardDto> = z.object({
  year: z.number(),
  submitBy: z.string(),
  publishBy: z.string(),
  units: z.array(
    z.object({
      orgId: z.string(),
      orgName: z.string(),
      kind: z.string(),
      reportId: z.string().nullable(),
      reportStatus: z.string().nullable(),
      status: z.enum(['not_started', 'drafting', 'submitted', 'published', 'late']),
    }),
  ),
  counts: z.record(z.string(), z.number()),
  plan: z
    .object({
      id: z.string(),
      title: z.string(),
      progress: z.number().nullable(),
      chapters: z.array(z.object({ id: z.string(), title: z.string(), progress: z.number().nullable() })),
      units: z.array(
        z.object({
          orgId: z.string(),
          orgName: z.string(),
          tasks: z.number(),
          progress: z.number().nullable(),
          overdue: z.number(),
        }),
      ),
    })
    .nullable(),
  overdueTasks: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      orgId: z.string(),
      orgName: z.string(),
      progress: z.number(),
      dueDate: z.string(),
      escalated: z.boolean(),
    }),
  ),
});

export const CompareDto: z.ZodType<C.ReportCompareDto> = z.object({
  previous: z.object({ id: z.string(), year: z.number(), status: z.string() }).nullable(),
  rows: z.array(
    z.object({
      code: z.string(),
      label: z.string(),
      unit: z.string(),
      current: z.number().nullable(),
      previous: z.number().nullable(),
      change: z.number().nullable(),
    }),
  ),
  /** The narrative sections side by side: this year's text and the previous year's. */
  sections: z.array(
    z.object({
      key: z.string(),
      heading: z.string(),
      current: z.string(),
      previous: z.string().nullable(),
      changed: z.boolean(),
    }),
  ),
});

/** A row of the workbench's report list. */
export const ReportListItemDto: z.ZodType<C.ReportListItemDto> = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  year: z.number(),
  title: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  updatedAt: z.string(),
});

/** A row of the portal's list of published reports. */
export const PublicReportListItemDto: z.ZodType<C.PublicReportListItemDto> = z.object({
  id: z.string(),
  orgName: z.string(),
  year: z.number(),
  title: z.string(),
  publishedAt: z.string(),
});

/** A published report with its ledger proof (null: not anchored). */
export const PublicReportWithProofDto: z.ZodType<C.PublicReportWithProofDto> = PublicReportDto.extend({
  proof: RecordProofDto.nullable(),
});

export const DocxQuery = z.strictObject({
  recipient: z
    .string({ error: '主送机关应为文字' })
    .trim()
    .min(2, { error: '主送机关至少 2 个字，例如“区委、区人大常委会”；不填则按单位类型使用默认主送机关' })
    .max(60, { error: '主送机关不超过 60 个字' })
    .regex(/^[^<>&]+$/, { error: '主送机关不能包含 < > & 等符号' })
    .optional(),
});
