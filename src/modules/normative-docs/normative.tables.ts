import type { Disposition } from '../../procedures/public-comment/index.js';
import type { ColumnType, Generated } from 'kysely';
import { registerAuditLabels } from '../../platform/audit/catalog.js';

import type { Json } from '../../platform/db/schema.js';
import type { DocStatus } from './normative.workflow.js';

/** A nullable column added later: optional when inserting (it defaults to null). */
type Optional<T> = ColumnType<T, T | undefined, T>;

export interface IssuingBodyTable {
  org_id: string;
  number_prefix: string;
  basis: string;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type LegalityOutcome = 'lawful' | 'lawful_with_changes' | 'unlawful';

export interface NormativeDocTable {
  id: Generated<string>;
  org_id: string;
  title: string;
  doc_type: 'regular' | 'interim';
  business_related: boolean;
  affects_market: boolean;
  comment_required: boolean;
  status: DocStatus;
  body: string;
  drafting_note: Generated<string>;
  version: Generated<number>;
  comment_start: string | null;
  comment_end: string | null;
  comment_shortened_reason: string | null;
  comment_count: number | null;
  /** Comments received outside the portal (letters, e-mail), stated when the period is closed. */
  comment_offline_count: Optional<number | null>;
  comment_disposition_report: string | null;
  comment_done: Generated<boolean>;
  fair_review_done: Generated<boolean>;
  fair_review_conclusion: string | null;
  legality_submitted_on: string | null;
  legality_outcome: LegalityOutcome | null;
  legality_opinion: string | null;
  legality_reviewed_on: string | null;
  legality_reviewer_id: string | null;
  /** Why the opinion came before the minimum review time (国办发〔2018〕115号 "一般不少于"); null when it did not. */
  legality_early_reason: Generated<string | null>;
  /** Why no public comment period was held, recorded at publication (null when one was held). */
  comment_waiver_reason: Generated<string | null>;
  /** Why the document takes effect sooner than the adaptation period after publication (null when it does not). */
  early_effect_reason: Generated<string | null>;
  /** Entered afterwards (补录) with its original number and dates, not made through the procedure here. */
  entered_afterwards: Generated<boolean>;
  entry_reason: Generated<string | null>;
  entered_by: Generated<string | null>;
  entered_at: Generated<Date | null>;
  deliberation_meeting: string | null;
  deliberation_on: string | null;
  registration_year: number | null;
  registration_seq: number | null;
  registration_no: string | null;
  interpretation: string | null;
  published_on: string | null;
  effective_on: string | null;
  valid_until: string | null;
  content_hash: string | null;
  ended_on: string | null;
  end_reason: string | null;
  needs_review: Generated<boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DocVersionTable {
  doc_id: string;
  version: number;
  title: string;
  body: string;
  change_note: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface DocBasisTable {
  doc_id: string;
  law_id: string;
  articles: Generated<string>;
}

export interface NumberCounterTable {
  org_id: string;
  year: number;
  last_seq: number;
}

export type FilingStatus =
  | 'pending'
  | 'submitted'
  | 'accepted'
  | 'returned'
  | 'correction_required'
  | 'revocation_proposed';
export const FILING_MATERIALS = ['filing_report', 'text', 'drafting_explanation', 'legal_bases'] as const;
export type FilingMaterial = (typeof FILING_MATERIALS)[number];

export interface FilingTable {
  id: Generated<string>;
  doc_id: string;
  org_id: string;
  due_on: string;
  status: FilingStatus;
  submitted_on: string | null;
  late: boolean | null;
  materials: Json<FilingMaterial[]>;
  report: string | null;
  supplement_due_on: string | null;
  review_opinion: string | null;
  reviewed_on: string | null;
  reviewer_id: string | null;
  submissions: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ReviewTaskTable {
  id: Generated<string>;
  doc_id: string;
  org_id: string;
  kind: 'upstream_change' | 'expiry_evaluation';
  reason: string;
  law_id: string | null;
  due_on: string | null;
  dedupe_key: string;
  status: Generated<'open' | 'done'>;
  outcome: string | null;
  done_by: string | null;
  done_at: Date | null;
  created_at: Generated<Date>;
}

export interface NormativeCommentTable {
  id: Generated<string>;
  doc_id: string;
  receipt_no: string;
  submitter_kind: 'anonymous' | 'individual' | 'organization';
  submitter_name: string | null;
  contact: string | null;
  body: string;
  client_key: string;
  /** The drafting unit's disposition, with its reason (the adoption statement is compiled from these). */
  disposition: Optional<Disposition | null>;
  disposition_reason: Optional<string | null>;
  disposed_by: Optional<string | null>;
  disposed_at: Optional<Date | null>;
  created_at: Generated<Date>;
}

export type CleanupOutcome = 'keep' | 'amend' | 'repeal' | 'lapse';

export interface CleanupCampaignTable {
  id: Generated<string>;
  title: string;
  started_on: string;
  due_on: string;
  status: Generated<'open' | 'closed'>;
  summary: Json<Record<string, number>> | null;
  created_by: string | null;
  created_at: Generated<Date>;
  closed_at: Date | null;
}

export interface CleanupItemTable {
  campaign_id: string;
  doc_id: string;
  org_id: string;
  outcome: CleanupOutcome | null;
  reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
}

export interface CatalogEntry {
  docId: string;
  title: string;
  registrationNo: string | null;
  /** The date of the event the entry records: publication, amendment decision, repeal or lapse. */
  on: string;
  /** For amendments, repeals and lapses: the reason recorded. */
  note: string | null;
}
export const CATALOG_SECTIONS = ['made', 'amended', 'repealed', 'lapsed'] as const;
export type CatalogSection = (typeof CATALOG_SECTIONS)[number];
export type CatalogEntries = Record<CatalogSection, CatalogEntry[]>;

/** 年度规范性文件目录: one row per publication (version) of an issuing body's catalog for a year. */
export interface AnnualCatalogTable {
  id: Generated<string>;
  org_id: string;
  year: number;
  version: number;
  title: string;
  entries: Json<CatalogEntries>;
  counts: Json<Record<CatalogSection, number>>;
  content_hash: string;
  leaf_hash: string;
  due_on: string;
  late: boolean;
  reason: string | null;
  published_on: string;
  published_by: string | null;
  published_at: Generated<Date>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    normative_issuing_bodies: IssuingBodyTable;
    normative_docs: NormativeDocTable;
    normative_doc_versions: DocVersionTable;
    normative_doc_bases: DocBasisTable;
    normative_number_counters: NumberCounterTable;
    normative_filings: FilingTable;
    normative_review_tasks: ReviewTaskTable;
    normative_cleanup_campaigns: CleanupCampaignTable;
    normative_cleanup_items: CleanupItemTable;
    normative_comments: NormativeCommentTable;
    normative_annual_catalogs: AnnualCatalogTable;
  }
}

declare module '../../platform/audit/catalog.js' {
  interface AuditCatalog {
    'issuing_body.listed': { orgId: string; numberPrefix: string; active: boolean };
    'normative_doc.drafted': { title: string; orgId: string };
    'normative_doc.revised': { version: number; changeNote: string };
    'normative_doc.bases_set': { lawIds: string[] };
    'normative_doc.transitioned': { action: string; from: string; to: string; note?: string };
    'normative_doc.registered': { registrationNo: string; year: number; seq: number };
    'normative_doc.published': { registrationNo: string; publishedOn: string; validUntil: string; contentHash: string };
    'normative_doc.flagged': { kind: string; reason: string; lawId?: string | null };
    'normative_doc.entered_afterwards': { registrationNo: string; publishedOn: string; reason: string };
    'normative_doc.review_task_done': { taskId: string; outcome: string };
    'normative_doc.comment_disposed': { commentId: string; receiptNo: string; disposition: string };
    'normative_doc.ended': { status: 'expired' | 'repealed'; reason: string; endedOn: string };
    'normative_filing.submitted': {
      submittedOn: string;
      late: boolean;
      dueOn: string;
      draftingNoteSupplied?: boolean;
    };
    'normative_filing.reviewed': { outcome: string; opinion: string; supplementDueOn: string | null };
    'normative_doc.comment_submitted': { receiptNo: string; submitterKind: string };
    'cleanup_campaign.started': { title: string; items: number };
    'cleanup_campaign.decided': { docId: string; outcome: string; reason: string };
    'cleanup_campaign.closed': { summary: Record<string, number> };
    'normative_catalog.published': {
      year: number;
      version: number;
      counts: Record<string, number>;
      late: boolean;
      leafHash: string;
      reason: string | null;
    };
  }
}

registerAuditLabels({
  'issuing_body.listed': '调整制定主体清单',
  'normative_doc.drafted': '起草规范性文件',
  'normative_doc.revised': '修改规范性文件草案',
  'normative_doc.bases_set': '设置制定依据',
  'normative_doc.transitioned': '规范性文件流转',
  'normative_doc.registered': '统一登记编号',
  'normative_doc.published': '公布规范性文件',
  'normative_doc.flagged': '标记规范性文件待审查',
  'normative_doc.entered_afterwards': '补录已公布的规范性文件',
  'normative_doc.review_task_done': '完成规范性文件评估',
  'normative_doc.ended': '规范性文件失效或废止',
  'normative_filing.submitted': '报送备案',
  'normative_filing.reviewed': '备案审查',
  'normative_doc.comment_submitted': '公众提交规范性文件草案意见',
  'normative_doc.comment_disposed': '起草单位处理公众意见',
  'cleanup_campaign.started': '启动规范性文件清理',
  'cleanup_campaign.decided': '确定清理结果',
  'cleanup_campaign.closed': '完成规范性文件清理',
  'normative_catalog.published': '公布年度规范性文件目录',
});

/**
 * The procedure columns of a document none of whose steps has happened yet: what a new draft starts from, and
 * what a historical entry (which went through its procedure elsewhere) overrides with what it knows.
 */
export const BLANK_PROCEDURE = {
  comment_start: null,
  comment_end: null,
  comment_shortened_reason: null,
  comment_count: null,
  comment_disposition_report: null,
  fair_review_conclusion: null,
  legality_submitted_on: null,
  legality_outcome: null,
  legality_opinion: null,
  legality_reviewed_on: null,
  legality_reviewer_id: null,
  deliberation_meeting: null,
  deliberation_on: null,
  registration_year: null,
  registration_seq: null,
  registration_no: null,
  interpretation: null,
  published_on: null,
  effective_on: null,
  valid_until: null,
  content_hash: null,
  ended_on: null,
  end_reason: null,
} as const;
