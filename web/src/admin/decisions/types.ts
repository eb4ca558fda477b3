export {
  DISPOSITION_LABELS,
  EXCLUSIONS,
  FORM_LABELS,
  MAJOR_KINDS,
} from '../../../../src/modules/decisions/decisions.contract';

export interface Catalog {
  id: string;
  bodyOrgId: string;
  bodyName: string;
  year: number;
  title: string;
  status: 'draft' | 'approved' | 'published';
  version: number;
  partyConsentRef: string | null;
  partyConsentOn: string | null;
  publishedAt: string | null;
  items: number;
}
export interface CatalogStats {
  items: number;
  previousItems: number | null;
  yoyPct: number | null;
  due: number;
  onSchedule: number;
  onSchedulePct: number | null;
}
export interface CatalogVersion {
  version: number;
  reason: string | null;
  publishedAt: string;
  contentHash: string;
  leafHash: string | null;
}
export interface Summary {
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
export interface StageRecord {
  id: string;
  stage: string;
  round: number;
  outcome: unknown;
  publicSummary: string | null;
  completedAt: string;
  completedByName: string | null;
  leafHash: string | null;
}
export interface Review {
  id: string;
  round: number;
  level: 'unit' | 'justice';
  submittedOn: string;
  replyBy: string;
  conclusion: string | null;
  opinion: string | null;
  reviewerName: string | null;
  reviewedOn: string | null;
  /** The draft was revised after this opinion: it no longer counts (a fresh unit-level opinion comes first). */
  superseded: boolean;
}
export interface Participation {
  id: string;
  round: number;
  form: string;
  status: string;
  title: string;
  opensOn: string | null;
  closesOn: string | null;
  shortenedReason: string | null;
  heldOn: string | null;
  details: {
    participants?: string[];
    place?: string | null;
    selectionMethod?: string;
    materialsSentOn?: string;
  } | null;
  outcome: string | null;
  commentSetHash: string | null;
  commentCount: number | null;
}
export interface Comment {
  id: string;
  participationId: string;
  receiptNo: string;
  submitterKind: string;
  submitterName: string | null;
  body: string;
  attachments: { fileId: string; name: string; mime: string; size: number; sha256: string }[];
  moderation: string;
  moderationReason: string | null;
  disposition: string | null;
  dispositionReason: string | null;
  createdAt: string;
}
export interface Assessment {
  kinds?: string[];
  exclusions?: string[];
  reasons?: string;
  isMajor?: boolean;
  explanation?: string;
  assessedBy?: string;
  assessedAt?: string;
}
export interface Detail extends Summary {
  summary: string;
  bodyOrgId: string;
  executionOrgId: string | null;
  executionName: string | null;
  isTechnical: boolean;
  affectsStability: boolean;
  confidential: boolean;
  assessment: Assessment | null;
  draft: unknown;
  round: number;
  /** Status of the item's catalog (changing the planned date of a published one needs a reason). */
  catalogStatus: Catalog['status'];
  requiredStages: { stage: string; label: string }[];
  publishedText: string | null;
  stages: StageRecord[];
  reviews: Review[];
  participations: Participation[];
  comments: Comment[];
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

export const CATALOG_STATUS: Record<Catalog['status'], { label: string; color: string }> = {
  draft: { label: '草拟中', color: 'default' },
  approved: { label: '党委已同意', color: 'blue' },
  published: { label: '已公布', color: 'green' },
};

export const STATUS_COLORS: Record<string, string> = {
  proposed: 'default',
  executing: 'processing',
  suspended: 'warning',
  completed: 'success',
  archived: 'success',
  withdrawn: 'default',
};

export const REVIEW_LEVEL: Record<string, string> = { unit: '承办单位法制机构初审', justice: '司法局合法性审查' };
export const REVIEW_CONCLUSION: Record<string, string> = {
  lawful: '合法',
  lawful_with_changes: '修改后合法',
  unlawful: '不合法',
};
export const MODERATION: Record<string, string> = { pending: '待审核', published: '已公开', rejected: '不予公开' };
export const SUBMITTER: Record<string, string> = { anonymous: '匿名', individual: '个人', organization: '单位' };

/** Splits a textarea into its non-empty lines (one legal basis, risk point, participant … per line). */
export const lines = (s: string | undefined) =>
  (s ?? '')
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);
