/**
 * The laws contract: the validity of a law in the library, with the names the portal and the workbench show.
 * Pure data (the web app bundles it).
 */
import type { PagedDto } from '../../platform/http/http.contract.js';
import type { SnippetPartDto } from '../../platform/search/search.contract.js';
export const LAW_STATUSES = ['current', 'superseded'] as const;
export type LawStatus = (typeof LAW_STATUSES)[number];

export const LAW_STATUS_LABELS: Record<LawStatus, string> = {
  current: '现行有效',
  superseded: '已被修订',
};

/*
 * The records as the API sends them. The server's response schemas are typed against these (laws.schemas.ts), so
 * the workbench's and the portal's types cannot drift from what the server sends.
 */

export interface LawSummaryDto {
  id: string;
  title: string;
  category: string;
  versionDate: string | null;
  status: LawStatus;
  articleCount: number;
}

export interface LawVersionRefDto {
  id: string;
  versionDate: string | null;
  status: LawStatus;
}

export interface LawDetailDto extends LawSummaryDto {
  history: string;
  sourceName: string;
  importedAt: string;
  versions: LawVersionRefDto[];
  articles: { seq: number; chapter: string | null; number: string | null; text: string }[];
}

/** A page of the library, with the categories for the filter. */
export interface LawListDto extends PagedDto<LawSummaryDto> {
  categories: string[];
}

export interface LawImportSummaryDto {
  imported: number;
  unchanged: number;
  newVersions: number;
  flaggedDocs: number;
  laws: (LawVersionRefDto & { title: string })[];
}

/** A refused import's `details.files`: the problems of each file, line by line (nothing was imported). */
export interface LawImportFileErrors {
  name: string;
  errors: { line: number; message: string }[];
}

export type { SnippetPartDto };

/** Full-text search over the laws and the published normative documents. */
export interface SearchResultDto extends PagedDto<SearchHitDto> {
  /** True when matches were counted only up to `total` (a very common word): shown as “1000 条以上”. */
  totalCapped: boolean;
  tookMs: number;
}

export interface SearchHitDto {
  kind: 'law' | 'normative_doc';
  id: string;
  title: string;
  subtitle: string | null;
  status: string;
  year: number | null;
  snippet: SnippetPartDto[];
}
