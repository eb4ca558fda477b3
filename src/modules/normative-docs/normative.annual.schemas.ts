import { OrgRefDto } from '../../platform/http/http.schemas.js';
import { z } from '../../platform/http/zod.js';
import type * as C from './normative-docs.contract.js';

/** Request and response schemas of the annual figures: the catalog (年度目录) and the per-unit filing rates. */

const YEAR_ERROR = '年度应为 1990 至 2100 之间的四位年份，例如 2025';
export const Year = z.coerce
  .number({ error: YEAR_ERROR })
  .int({ error: YEAR_ERROR })
  .min(1990, { error: YEAR_ERROR })
  .max(2100, {
    error: YEAR_ERROR,
  });

export const CatalogQuery = z.strictObject({
  year: Year,
  orgId: z.uuid({ error: '制定机关编号格式不正确，请从列表中选择' }).optional(),
});

export const PublicCatalogQuery = z.strictObject({
  year: Year.optional(),
  orgId: z.uuid({ error: '制定机关编号格式不正确，请从列表中选择' }).optional(),
});

export const PublishCatalogBody = z.strictObject({
  orgId: z.uuid({ error: '制定机关编号格式不正确，请从列表中选择' }),
  year: Year,
  reason: z.string().trim().max(500, { error: '更正理由不能超过 500 个字' }).optional(),
});

export const CatalogEntryDto: z.ZodType<C.CatalogEntryDto> = z.object({
  docId: z.string(),
  title: z.string(),
  registrationNo: z.string().nullable(),
  on: z.string(),
  note: z.string().nullable(),
});
export const CatalogEntriesDto: z.ZodType<C.CatalogEntriesDto> = z.object({
  made: z.array(CatalogEntryDto),
  amended: z.array(CatalogEntryDto),
  repealed: z.array(CatalogEntryDto),
  lapsed: z.array(CatalogEntryDto),
});
export const CatalogCountsDto: z.ZodType<C.CatalogCountsDto> = z.object({
  made: z.number(),
  amended: z.number(),
  repealed: z.number(),
  lapsed: z.number(),
});

export const PublishedCatalogDto: z.ZodType<C.PublishedCatalogDto> = z.object({
  id: z.string(),
  version: z.number(),
  publishedOn: z.string(),
  late: z.boolean(),
  leafHash: z.string(),
  reason: z.string().nullable(),
});

/** Staff view: the catalog as the record stands now, and what has been published. */
export const StaffCatalogDto: z.ZodType<C.StaffCatalogDto> = z.object({
  orgId: z.string(),
  orgName: z.string(),
  year: z.number(),
  title: z.string(),
  dueOn: z.string(),
  /** Not published and the due date has passed. */
  overdue: z.boolean(),
  counts: CatalogCountsDto,
  entries: CatalogEntriesDto,
  published: PublishedCatalogDto.nullable(),
  /** The record differs from the latest published version (a correction may be due). */
  changedSincePublished: z.boolean(),
  abilities: z.record(z.string(), z.boolean()),
});

export const StaffCatalogListDto: z.ZodType<C.StaffCatalogListDto> = z.object({
  year: z.number(),
  dueOn: z.string(),
  items: z.array(StaffCatalogDto),
});

export const PublishCatalogResult: z.ZodType<C.PublishCatalogResultDto> = z.object({
  id: z.string(),
  version: z.number(),
  late: z.boolean(),
  leafHash: z.string(),
});

/** Portal view: the latest published version of each catalog, as it was published. */
export const PublicCatalogDto: z.ZodType<C.PublicDocCatalogDto> = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  year: z.number(),
  version: z.number(),
  title: z.string(),
  publishedOn: z.string(),
  reason: z.string().nullable(),
  counts: CatalogCountsDto,
  entries: CatalogEntriesDto,
  leafHash: z.string(),
});

export const PublicCatalogListDto: z.ZodType<C.PublicDocCatalogListDto> = z.object({
  items: z.array(PublicCatalogDto),
  years: z.array(z.number()),
  bodies: z.array(OrgRefDto),
});

export const RatesQuery = z.strictObject({ year: Year });

const RatesRow = z.object({
  published: z.number(),
  filed: z.number(),
  onTime: z.number(),
  reviewed: z.number(),
  accepted: z.number(),
  filingRatePct: z.number().nullable(),
  onTimePct: z.number().nullable(),
  conformityPct: z.number().nullable(),
}) satisfies z.ZodType<C.FilingRatesRowDto>;

export const RatesDto: z.ZodType<C.FilingRatesDto> = z.object({
  year: z.number(),
  /** The filing period of the rule in force, e.g. "30日". */
  period: z.string(),
  units: z.array(RatesRow.extend({ orgId: z.string(), orgName: z.string() })),
  total: RatesRow,
});
