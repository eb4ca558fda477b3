import { pagedDto } from '../../platform/http/http.schemas.js';
import { z } from '../../platform/http/zod.js';
import type * as C from './laws.contract.js';

export const LawStatus = z.enum(['current', 'superseded']);

export const LawSummaryDto = z.object({
  id: z.string(),
  title: z.string(),
  category: z.string(),
  versionDate: z.string().nullable(),
  status: LawStatus,
  articleCount: z.number(),
}) satisfies z.ZodType<C.LawSummaryDto>;
export type LawSummaryDto = z.infer<typeof LawSummaryDto>;

const LawVersionRefDto: z.ZodType<C.LawVersionRefDto> = z.object({
  id: z.string(),
  versionDate: z.string().nullable(),
  status: LawStatus,
});

export const LawDetailDto: z.ZodType<C.LawDetailDto> = LawSummaryDto.extend({
  history: z.string(),
  sourceName: z.string(),
  importedAt: z.string(),
  versions: z.array(LawVersionRefDto),
  articles: z.array(
    z.object({ seq: z.number(), chapter: z.string().nullable(), number: z.string().nullable(), text: z.string() }),
  ),
});
export type LawDetailDto = z.infer<typeof LawDetailDto>;

export const LawListQuery = z.strictObject({
  q: z.string().trim().max(60, { error: '检索词不能超过 60 个字' }).optional(),
  category: z.string().trim().max(40).optional(),
  status: LawStatus.optional(),
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const LawListDto = pagedDto(LawSummaryDto).extend({
  categories: z.array(z.string()),
}) satisfies z.ZodType<C.LawListDto>;

export const ImportBody = z.strictObject({
  files: z
    .array(
      z.strictObject({
        name: z.string({ error: '请提供文件名' }).trim().min(1, { error: '请提供文件名' }).max(300),
        content: z.string({ error: '请提供文件内容' }).max(2_000_000, { error: '单个文件不能超过 200 万字' }),
        category: z.string().trim().max(40).optional(),
      }),
    )
    .min(1, { error: '请至少选择一个 .md 法规文件' })
    .max(200, { error: '一次最多导入 200 个文件，请分批导入' }),
});

export const ImportSummaryDto: z.ZodType<C.LawImportSummaryDto> = z.object({
  imported: z.number(),
  unchanged: z.number(),
  newVersions: z.number(),
  flaggedDocs: z.number(),
  laws: z.array(z.object({ id: z.string(), title: z.string(), versionDate: z.string().nullable(), status: LawStatus })),
});

export const SnippetPartDto: z.ZodType<C.SnippetPartDto> = z.object({ text: z.string(), hit: z.boolean() });

export const SearchQuery = z.strictObject({
  q: z
    .string({ error: '请输入检索词' })
    .trim()
    .min(1, { error: '请输入检索词' })
    .max(60, { error: '检索词不能超过 60 个字' }),
  kind: z.enum(['law', 'normative_doc']).optional(),
  status: z.string().trim().max(20).optional(),
  orgId: z.uuid({ error: '制定机关编号格式不正确' }).optional(),
  year: z.coerce.number().int().min(1949).max(2100).optional(),
  page: z.coerce.number().int().min(1).max(500).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});

export const SearchResultDto: z.ZodType<C.SearchResultDto> = pagedDto(
  z.object({
    kind: z.enum(['law', 'normative_doc']),
    id: z.string(),
    title: z.string(),
    subtitle: z.string().nullable(),
    status: z.string(),
    year: z.number().nullable(),
    snippet: z.array(SnippetPartDto),
  }),
).extend({
  /** True when matches were counted only up to `total` (a very common word): shown as “1000 条以上”. */
  totalCapped: z.boolean(),
  tookMs: z.number(),
});
