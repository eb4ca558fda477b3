import type { ColumnType, Generated } from 'kysely';
import { registerAuditLabels } from '../../platform/audit/catalog.js';
import type { Json } from '../../platform/db/schema.js';

export interface DecisionCatalogTable {
  id: Generated<string>;
  body_org_id: string;
  year: number;
  title: string;
  status: Generated<'draft' | 'approved' | 'published'>;
  version: Generated<number>;
  party_consent_ref: string | null;
  party_consent_on: string | null;
  approved_at: Date | null;
  approved_by: string | null;
  published_at: Date | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DecisionCatalogVersionTable {
  id: Generated<string>;
  catalog_id: string;
  version: number;
  reason: string | null;
  snapshot: Json;
  content_hash: string;
  leaf_hash: string | null;
  published_by: string | null;
  published_at: Generated<Date>;
}

/** The major-decision assessment against Art 3 (kinds and exclusions) with the reasons given. */
export interface MajorAssessment {
  kinds: string[];
  exclusions: string[];
  reasons: string;
  isMajor: boolean;
  assessedBy: string;
  assessedAt: string;
}

export interface DecisionDraft {
  text: string;
  legalBases: string[];
  disputed: boolean;
  alternatives: { title: string; summary: string }[];
  consultedUnits: string[];
  costBenefit: string | null;
}

export interface DecisionTable {
  id: Generated<string>;
  catalog_id: string;
  seq: number;
  body_org_id: string;
  lead_org_id: string;
  execution_org_id: string | null;
  title: string;
  summary: string;
  category: string;
  planned_completion_on: string;
  status: Generated<string>;
  in_catalog: Generated<boolean>;
  assessment: Json<MajorAssessment> | null;
  is_technical: Generated<boolean>;
  affects_stability: Generated<boolean>;
  confidential: Generated<boolean>;
  confidential_reason: string | null;
  draft: Json<DecisionDraft> | null;
  suspended_from: string | null;
  adjustment_count: Generated<number>;
  /** Art 37: the conditional procedures the current adjustment round re-runs; null = every triggered one. */
  rerun_stages: ColumnType<string[] | null, string | null | undefined, string | null>;
  published_text: string | null;
  published_at: Date | null;
  completed_on: string | null;
  archived_at: Date | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DecisionStageRecordTable {
  id: Generated<string>;
  decision_id: string;
  stage: string;
  round: number;
  outcome: Json;
  public_summary: string | null;
  leaf_hash: string | null;
  content_hash: string | null;
  completed_by: string | null;
  completed_by_name: string | null;
  completed_at: Generated<Date>;
}

export interface DecisionLegalityReviewTable {
  id: Generated<string>;
  decision_id: string;
  round: number;
  level: 'unit' | 'justice';
  submitted_on: string;
  reply_by: string;
  materials: Json<string[]>;
  conclusion: 'lawful' | 'lawful_with_changes' | 'unlawful' | null;
  opinion: string | null;
  reviewer_id: string | null;
  reviewer_name: string | null;
  /** The organisation the reviewer acted for (the two levels must be different people and organisations). */
  reviewer_org_id: string | null;
  reviewed_on: string | null;
  /** Set once the draft is revised after this pass (unlawful finding, meeting returned it): no longer counts. */
  superseded_at: Date | null;
  created_at: Generated<Date>;
}

export type ParticipationForm =
  | 'comment_period'
  | 'hearing'
  | 'symposium'
  | 'written_consultation'
  | 'survey'
  | 'field_visit';

export interface DecisionParticipationTable {
  id: Generated<string>;
  decision_id: string;
  round: number;
  form: ParticipationForm;
  status: Generated<'open' | 'closed'>;
  title: string;
  opens_on: string | null;
  closes_on: string | null;
  shortened_reason: string | null;
  held_on: string | null;
  details: Json<Record<string, unknown>>;
  outcome: string | null;
  comment_set_hash: string | null;
  comment_count: number | null;
  closed_at: Date | null;
  created_at: Generated<Date>;
}

export interface CommentAttachmentMeta {
  fileId: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
}

export interface DecisionCommentTable {
  id: Generated<string>;
  participation_id: string;
  decision_id: string;
  receipt_no: string;
  submitter_kind: 'anonymous' | 'individual' | 'organization';
  submitter_name: string | null;
  contact: string | null;
  body: string;
  attachments: Json<CommentAttachmentMeta[]>;
  moderation: Generated<'pending' | 'published' | 'rejected'>;
  moderation_reason: string | null;
  disposition: 'adopted' | 'partly_adopted' | 'not_adopted' | null;
  disposition_reason: string | null;
  disposed_by: string | null;
  client_key: string;
  created_at: Generated<Date>;
}

export interface DecisionCommentFileTable {
  id: Generated<string>;
  comment_id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  content: Buffer;
}

export interface DecisionExecutionTaskTable {
  id: Generated<string>;
  decision_id: string;
  name: string;
  weight: number;
  progress: Generated<number>;
  created_at: Generated<Date>;
}

export interface DecisionExecutionReportTable {
  id: Generated<string>;
  decision_id: string;
  period: string;
  note: string;
  task_progress: Json<{ taskId: string; progress: number }[]>;
  overall_pct: string | number;
  problems: string | null;
  reported_by: string | null;
  reported_by_name: string | null;
  created_at: Generated<Date>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    decision_catalogs: DecisionCatalogTable;
    decision_catalog_versions: DecisionCatalogVersionTable;
    decisions: DecisionTable;
    decision_stage_records: DecisionStageRecordTable;
    decision_legality_reviews: DecisionLegalityReviewTable;
    decision_participations: DecisionParticipationTable;
    decision_comments: DecisionCommentTable;
    decision_comment_files: DecisionCommentFileTable;
    decision_execution_tasks: DecisionExecutionTaskTable;
    decision_execution_reports: DecisionExecutionReportTable;
  }
}

declare module '../../platform/audit/catalog.js' {
  interface AuditCatalog {
    'decision_catalog.created': { bodyOrgId: string; year: number; title: string };
    'decision_catalog.approved': { partyConsentRef: string; partyConsentOn: string };
    'decision_catalog.published': { version: number; items: number; reason: string | null; leafHash: string };
    'decision.proposed': { catalogId: string; title: string; leadOrgId: string; adjustmentReason: string | null };
    'decision.assessed': { isMajor: boolean; kinds: string[]; exclusions: string[] };
    'decision.transitioned': { action: string; from: string; to: string; round: number; summary?: string };
    'decision.legality_submitted': { level: string; submittedOn: string; replyBy: string };
    'decision.participation_opened': {
      participationId: string;
      form: string;
      opensOn: string | null;
      closesOn: string | null;
      shortenedReason: string | null;
    };
    'decision.participation_closed': {
      participationId: string;
      form: string;
      comments: number;
      commentSetHash: string | null;
    };
    'decision.comment_submitted': { participationId: string; receiptNo: string; attachments: number };
    'decision.comment_moderated': { commentId: string; moderation: string; reason: string | null };
    'decision.comment_disposed': { commentId: string; disposition: string };
    'decision.adjusted': {
      round: number;
      reason: string;
      rerun: string[];
      carried: { stage: string; fromRound: number; reason: string }[];
    };
    'decision.plan_adjusted': { catalogId: string; from: string; to: string; reason: string | null };
  }
}

registerAuditLabels({
  'decision_catalog.created': '新建重大行政决策事项目录',
  'decision_catalog.approved': '目录经同级党委同意',
  'decision_catalog.published': '公布（调整）决策事项目录',
  'decision.proposed': '提出决策事项',
  'decision.assessed': '重大性认定',
  'decision.transitioned': '决策程序推进',
  'decision.legality_submitted': '送请合法性审查',
  'decision.participation_opened': '启动公众参与',
  'decision.participation_closed': '公众参与结束',
  'decision.comment_submitted': '公众提交意见',
  'decision.comment_moderated': '意见审核',
  'decision.comment_disposed': '意见采纳处理',
  'decision.adjusted': '决策调整（确定重新履行的程序）',
  'decision.plan_adjusted': '调整事项计划完成时间',
});
