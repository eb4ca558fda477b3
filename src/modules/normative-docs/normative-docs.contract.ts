/**
 * The normative-documents contract: the statuses of a normative document from draft to repeal, with the names
 * the workbench and the portal show. Pure data (the web app bundles it).
 */
import type { OrgRefDto, PagedDto } from '../../platform/http/http.contract.js';
import type { RecordAnchorDto } from '../../platform/ledger/ledger.contract.js';
import type { SnippetPartDto } from '../../platform/search/search.contract.js';
import type { PeriodPhase } from '../../procedures/public-comment/public-comment.contract.js';
import { vocabulary } from '../../platform/vocabulary.contract.js';

const STATUS_VOCAB = vocabulary({
  draft: '起草中',
  commenting: '公开征求意见中',
  fair_review: '公平竞争审查中',
  legality_review: '合法性审核中',
  deliberation: '待集体审议',
  approved: '已审议通过',
  registered: '已统一登记编号',
  in_force: '现行有效',
  expired: '已失效',
  repealed: '已废止',
});
export const STATUS_LABELS = STATUS_VOCAB.labels;
export const DOC_STATUSES = STATUS_VOCAB.values;
export type DocStatus = (typeof DOC_STATUSES)[number];

/*
 * The records as the API sends them. The server's response schemas are typed against these (normative.schemas.ts,
 * normative.annual.schemas.ts), so the workbench's and the portal's types cannot drift from what the server sends.
 */

export interface DocSummaryDto {
  id: string;
  orgId: string;
  orgName: string;
  title: string;
  status: DocStatus;
  statusLabel: string;
  registrationNo: string | null;
  publishedOn: string | null;
  effectiveOn: string | null;
  validUntil: string | null;
  needsReview: boolean;
  version: number;
}

export interface LegalBasisDto {
  lawId: string;
  title: string;
  versionDate: string | null;
  lawStatus: string;
  articles: string;
}

export interface FilingDto {
  id: string;
  docId: string;
  docTitle: string;
  registrationNo: string | null;
  orgId: string;
  orgName: string;
  dueOn: string;
  status: string;
  statusLabel: string;
  submittedOn: string | null;
  late: boolean | null;
  overdue: boolean;
  materials: string[];
  report: string | null;
  supplementDueOn: string | null;
  reviewOpinion: string | null;
  reviewedOn: string | null;
  submissions: number;
}

export interface ReviewTaskDto {
  id: string;
  docId: string;
  kind: string;
  reason: string;
  dueOn: string | null;
  status: string;
  outcome: string | null;
}

export interface DocDetailDto extends DocSummaryDto {
  /** Entered afterwards (补录) with its original number and dates, and why; null when made here. */
  enteredAfterwards: { reason: string | null; on: string } | null;
  body: string;
  draftingNote: string;
  docType: 'regular' | 'interim';
  businessRelated: boolean;
  affectsMarket: boolean;
  commentRequired: boolean;
  comment: {
    start: string | null;
    end: string | null;
    shortenedReason: string | null;
    count: number | null;
    disposition: string | null;
    done: boolean;
  };
  fairReview: {
    done: boolean;
    conclusion: string | null;
  };
  legality: {
    submittedOn: string | null;
    outcome: string | null;
    opinion: string | null;
    reviewedOn: string | null;
    /** The earliest day an opinion may be given without a stated reason (minimum review time). */
    earliestOpinionOn: string | null;
    earlyReason: string | null;
  };
  deliberation: {
    meeting: string | null;
    heldOn: string | null;
  };
  interpretation: string | null;
  contentHash: string | null;
  endedOn: string | null;
  endReason: string | null;
  bases: LegalBasisDto[];
  versions: {
    version: number;
    title: string;
    changeNote: string;
    createdAt: string;
  }[];
  stages: {
    status: DocStatus;
    label: string;
    done: boolean;
    current: boolean;
  }[];
  filing: FilingDto | null;
  tasks: ReviewTaskDto[];
  abilities: Record<string, boolean>;
}

export interface DocDiffDto {
  from: number;
  to: number;
  titleChanged: {
    from: string;
    to: string;
  } | null;
  lines: {
    op: 'same' | 'add' | 'del';
    text: string;
  }[];
}

export interface PublicDocDto {
  id: string;
  title: string;
  orgName: string;
  registrationNo: string | null;
  status: DocStatus;
  statusLabel: string;
  publishedOn: string | null;
  effectiveOn: string | null;
  validUntil: string | null;
  endedOn: string | null;
  endReason: string | null;
  body: string;
  interpretation: string | null;
  /** Why no public comment period was held, published with the document (null: one was held). */
  commentWaiverReason: string | null;
  /** Why it took effect sooner than the adaptation period (null: it did not). */
  earlyEffectReason: string | null;
  /** Entered afterwards (补录) with its original number and dates, and why; null when made here. */
  enteredAfterwards: { reason: string | null; on: string } | null;
  bases: LegalBasisDto[];
  history: {
    date: string;
    event: string;
  }[];
  contentHash: string | null;
  /** Where the published text stands in the ledger (null: not anchored). */
  proof: RecordAnchorDto | null;
}

/** The portal's library: a page of documents (with the matching passage when searched). */
export interface PublicDocListDto extends PagedDto<DocSummaryDto & { snippet?: SnippetPartDto[] }> {
  /** Set when a full-text query matched more documents than are counted (the total is then a lower bound). */
  totalCapped?: boolean;
  /** The issuing bodies that have published (the filter's options). */
  bodies: OrgRefDto[];
}

export interface CommentReceiptDto {
  receiptNo: string;
  submittedAt: string;
  commentEnd: string | null;
}

export interface PublicDraftDto {
  id: string;
  title: string;
  orgName: string;
  body: string;
  draftingNote: string;
  commentStart: string;
  commentEnd: string;
  open: boolean;
  /** Where the period stands on today's Beijing date (public-comment kernel periodPhase). */
  phase: PeriodPhase;
  phaseLabel: string;
}

export interface DocCommentDto {
  id: string;
  receiptNo: string;
  submitterKind: 'anonymous' | 'individual' | 'organization';
  submitterName: string | null;
  contact: string | null;
  body: string;
  disposition: ('adopted' | 'partly_adopted' | 'not_adopted') | null;
  dispositionLabel: string | null;
  dispositionReason: string | null;
  createdAt: string;
}

/** Staff full-text search: a page of documents with the matching passage. */
export type DocSearchDto = PagedDto<DocSummaryDto & { snippet: SnippetPartDto[] }>;

export interface CatalogEntryDto {
  docId: string;
  title: string;
  registrationNo: string | null;
  on: string;
  note: string | null;
}

/** The year's catalog (年度目录) in its four sections. */
export interface CatalogEntriesDto {
  made: CatalogEntryDto[];
  amended: CatalogEntryDto[];
  repealed: CatalogEntryDto[];
  lapsed: CatalogEntryDto[];
}

export type CatalogSection = keyof CatalogEntriesDto;

export interface CatalogCountsDto {
  made: number;
  amended: number;
  repealed: number;
  lapsed: number;
}

export interface PublishedCatalogDto {
  id: string;
  version: number;
  publishedOn: string;
  late: boolean;
  leafHash: string;
  reason: string | null;
}

/** Staff view: the catalog as the record stands now, and what has been published. */
export interface StaffCatalogDto {
  orgId: string;
  orgName: string;
  year: number;
  title: string;
  dueOn: string;
  /** Not published and the due date has passed. */
  overdue: boolean;
  counts: CatalogCountsDto;
  entries: CatalogEntriesDto;
  published: PublishedCatalogDto | null;
  /** The record differs from the latest published version (a correction may be due). */
  changedSincePublished: boolean;
  abilities: Record<string, boolean>;
}

export interface StaffCatalogListDto {
  year: number;
  dueOn: string;
  items: StaffCatalogDto[];
}

export interface PublishCatalogResultDto {
  id: string;
  version: number;
  late: boolean;
  leafHash: string;
}

/** Portal view: the latest published version of each catalog, as it was published. */
export interface PublicDocCatalogDto {
  id: string;
  orgId: string;
  orgName: string;
  year: number;
  version: number;
  title: string;
  publishedOn: string;
  reason: string | null;
  counts: CatalogCountsDto;
  entries: CatalogEntriesDto;
  leafHash: string;
}

export interface PublicDocCatalogListDto {
  items: PublicDocCatalogDto[];
  years: number[];
  /** The issuing bodies that have published (the filter's options). */
  bodies: OrgRefDto[];
}

export interface FilingRatesRowDto {
  published: number;
  filed: number;
  onTime: number;
  reviewed: number;
  accepted: number;
  filingRatePct: number | null;
  onTimePct: number | null;
  conformityPct: number | null;
}

/** Filing rates per unit and in total for a year. */
export interface FilingRatesDto {
  year: number;
  /** The filing period of the rule in force, e.g. "30日". */
  period: string;
  units: (FilingRatesRowDto & { orgId: string; orgName: string })[];
  total: FilingRatesRowDto;
}

/** A normative-document cleanup campaign (清理): progress per unit and each document's outcome. */
export interface CleanupCampaignDto {
  id: string;
  title: string;
  startedOn: string;
  dueOn: string;
  status: string;
  progress: {
    total: number;
    decided: number;
    counts: { keep: number; amend: number; repeal: number; lapse: number };
    units: {
      orgId: string;
      orgName: string;
      total: number;
      decided: number;
      keep: number;
      amend: number;
      repeal: number;
      lapse: number;
    }[];
  };
  items: {
    docId: string;
    title: string;
    registrationNo: string | null;
    orgName: string;
    outcome: string | null;
    reason: string | null;
  }[];
}

/** An issuing body (制定主体) and its registration-number prefix. */
export interface IssuingBodyDto {
  orgId: string;
  orgName: string;
  numberPrefix: string;
  basis: string;
  active: boolean;
}
