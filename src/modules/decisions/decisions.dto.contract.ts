/**
 * The decisions module's records as the API sends them (re-exported by decisions.contract.ts, where the web app
 * imports them). The server's response schemas are typed against these (decisions.presenter.ts,
 * decisions.schemas.ts, decisions.routes.ts, decisions.public.ts), so the workbench's and the portal's types cannot
 * drift from what the server sends. Pure types (the web app bundles it).
 */
import type { PeriodPhase } from '../../procedures/public-comment/public-comment.contract.js';

export type CatalogStatus = 'draft' | 'approved' | 'published';

/** A year's catalog of major decisions (Art 10), workbench and portal alike. */
export interface CatalogDto {
  id: string;
  bodyOrgId: string;
  bodyName: string;
  year: number;
  title: string;
  status: CatalogStatus;
  version: number;
  partyConsentRef: string | null;
  partyConsentOn: string | null;
  publishedAt: string | null;
  /** Number of items in the catalog. */
  items: number;
}

/** Items, year-on-year change and the on-schedule rate of one catalog. */
export interface CatalogStatsDto {
  items: number;
  previousItems: number | null;
  yoyPct: number | null;
  due: number;
  onSchedule: number;
  onSchedulePct: number | null;
}

/** One published version of a catalog, anchored in the ledger. */
export interface CatalogVersionDto {
  version: number;
  reason: string | null;
  publishedAt: string;
  contentHash: string;
  leafHash: string | null;
}

export interface DecisionSummaryDto {
  id: string;
  catalogId: string;
  seq: number;
  title: string;
  category: string;
  categoryLabel: string;
  status: string;
  statusLabel: string;
  leadOrgId: string;
  leadName: string;
  bodyName: string;
  plannedCompletionOn: string;
  overdue: boolean;
}

export interface StageRecordDto {
  id: string;
  stage: string;
  round: number;
  outcome: unknown;
  publicSummary: string | null;
  completedAt: string;
  completedByName: string | null;
  leafHash: string | null;
}

export interface LegalityReviewDto {
  id: string;
  round: number;
  /** 'unit' (the lead unit's legal office) or 'justice' (the justice bureau). */
  level: string;
  submittedOn: string;
  replyBy: string;
  conclusion: string | null;
  opinion: string | null;
  reviewerName: string | null;
  reviewedOn: string | null;
  /** The draft was revised after this opinion: it no longer counts (a fresh unit-level opinion comes first). */
  superseded: boolean;
}

/** What a participation's `details` holds (the form's own facts); the API sends it as stored. */
export interface ParticipationDetails {
  participants?: string[];
  place?: string | null;
  selectionMethod?: string;
  materialsSentOn?: string;
}

export interface ParticipationDto {
  id: string;
  round: number;
  form: string;
  status: string;
  title: string;
  opensOn: string | null;
  closesOn: string | null;
  shortenedReason: string | null;
  heldOn: string | null;
  /** A ParticipationDetails object or null. */
  details: unknown;
  outcome: string | null;
  commentSetHash: string | null;
  commentCount: number | null;
}

export interface CommentAttachmentDto {
  fileId: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
}

export interface DecisionCommentDto {
  id: string;
  participationId: string;
  receiptNo: string;
  submitterKind: string;
  submitterName: string | null;
  body: string;
  attachments: CommentAttachmentDto[];
  moderation: string;
  moderationReason: string | null;
  disposition: string | null;
  dispositionReason: string | null;
  createdAt: string;
}

/** What a decision's `assessment` holds (the major-decision determination, Art 3); the API sends it as stored. */
export interface DecisionAssessment {
  kinds?: string[];
  exclusions?: string[];
  reasons?: string;
  isMajor?: boolean;
  explanation?: string;
  assessedBy?: string;
  assessedAt?: string;
}

export interface DecisionDetailDto extends DecisionSummaryDto {
  summary: string;
  bodyOrgId: string;
  executionOrgId: string | null;
  executionName: string | null;
  isTechnical: boolean;
  affectsStability: boolean;
  confidential: boolean;
  /** A DecisionAssessment or null. */
  assessment: unknown;
  draft: unknown;
  round: number;
  /** Status of the item's catalog (changing the planned date of a published one needs a reason). */
  catalogStatus: CatalogStatus;
  requiredStages: { stage: string; label: string }[];
  publishedText: string | null;
  stages: StageRecordDto[];
  reviews: LegalityReviewDto[];
  participations: ParticipationDto[];
  comments: DecisionCommentDto[];
  tasks: { id: string; name: string; weight: number; progress: number }[];
  reports: {
    period: string;
    note: string;
    overallPct: number;
    problems: string | null;
    reportedByName: string | null;
  }[];
  abilities: Record<string, boolean>;
}

/** 月月督: every item's stage, its stage and plan deadlines, and the overdue count per lead unit. */
export interface MonthlySupervisionDto {
  asOf: string;
  items: (DecisionSummaryDto & {
    stageDeadline: string | null;
    stageOverdue: boolean;
    /** Due date of the open catalog plan-date deadline (null: none registered or closed). */
    planDeadline: string | null;
  })[];
  byUnit: { leadName: string; total: number; overdue: number }[];
}

/** A published catalog on the portal: its items, every version with its ledger anchor, and its figures. */
export interface PublicCatalogDetailDto extends Omit<CatalogDto, 'items'> {
  items: {
    id: string;
    seq: number;
    title: string;
    category: string;
    leadUnit: string;
    plannedCompletionOn: string;
    status: string;
    statusLabel: string;
  }[];
  versions: CatalogVersionDto[];
  stats: CatalogStatsDto;
}

/** A decision's public status page. */
export interface PublicDecisionDto {
  id: string;
  title: string;
  summary: string;
  bodyName: string;
  leadName: string;
  executionName: string | null;
  status: string;
  statusLabel: string;
  plannedCompletionOn: string;
  confidential: boolean;
  stages: { stage: string; label: string; summary: string; completedAt: string; leafHash: string | null }[];
  participations: {
    id: string;
    form: string;
    formLabel: string;
    title: string;
    status: string;
    acceptingComments: boolean;
    /** Where the period stands on today's Beijing date (public-comment kernel periodPhase). */
    phase: PeriodPhase;
    phaseLabel: string;
    opensOn: string | null;
    closesOn: string | null;
    shortenedReason: string | null;
    heldOn: string | null;
    participants: string[];
    selectionMethod: string | null;
    outcome: string | null;
    commentSetHash: string | null;
  }[];
  comments: {
    receiptNo: string;
    submitter: string;
    body: string;
    disposition: string | null;
    dispositionReason: string | null;
    createdAt: string;
  }[];
  publishedText: string | null;
  publishedLeafHash: string | null;
}

/** The receipt of a comment submitted on the portal (keep the number to find the comment's disposition). */
export interface DecisionCommentReceiptDto {
  receiptNo: string;
  submittedAt: string;
  closesOn: string | null;
}

/** A catalog just published (or adjusted): its version, ledger leaf and number of items. */
export interface CatalogPublishResultDto {
  version: number;
  leafHash: string;
  items: number;
}

/** The major-decision determination just recorded (Art 3), with its explanation in words. */
export interface AssessmentResultDto {
  isMajor: boolean;
  explanation: string;
}
