export interface DocSummary {
  id: string;
  orgId: string;
  orgName: string;
  title: string;
  status: string;
  statusLabel: string;
  registrationNo: string | null;
  publishedOn: string | null;
  effectiveOn: string | null;
  validUntil: string | null;
  needsReview: boolean;
  version: number;
}

export interface Filing {
  id: string;
  docId: string;
  docTitle: string;
  registrationNo: string | null;
  orgName: string;
  dueOn: string;
  status: string;
  statusLabel: string;
  submittedOn: string | null;
  late: boolean | null;
  overdue: boolean;
  reviewOpinion: string | null;
  supplementDueOn: string | null;
}

export interface DocDetail extends DocSummary {
  body: string;
  draftingNote: string;
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
  fairReview: { done: boolean; conclusion: string | null };
  legality: {
    submittedOn: string | null;
    outcome: string | null;
    opinion: string | null;
    reviewedOn: string | null;
    earliestOpinionOn: string | null;
    earlyReason: string | null;
  };
  deliberation: { meeting: string | null; heldOn: string | null };
  interpretation: string | null;
  contentHash: string | null;
  endedOn: string | null;
  endReason: string | null;
  bases: { lawId: string; title: string; versionDate: string | null; lawStatus: string; articles: string }[];
  versions: { version: number; title: string; changeNote: string; createdAt: string }[];
  stages: { status: string; label: string; done: boolean; current: boolean }[];
  filing: Filing | null;
  tasks: { id: string; kind: string; reason: string; dueOn: string | null; status: string; outcome: string | null }[];
  abilities: Record<string, boolean>;
}

export const STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  commenting: 'processing',
  fair_review: 'processing',
  legality_review: 'processing',
  deliberation: 'processing',
  approved: 'cyan',
  registered: 'cyan',
  in_force: 'green',
  expired: 'default',
  repealed: 'red',
};

export interface CatalogEntry {
  docId: string;
  title: string;
  registrationNo: string | null;
  on: string;
  note: string | null;
}
export type CatalogSection = 'made' | 'amended' | 'repealed' | 'lapsed';
export const CATALOG_SECTIONS: { key: CatalogSection; label: string; verb: string }[] = [
  { key: 'made', label: '制定', verb: '公布' },
  { key: 'amended', label: '修改', verb: '决定修改' },
  { key: 'repealed', label: '废止', verb: '废止' },
  { key: 'lapsed', label: '失效', verb: '失效' },
];
