/**
 * The public comment period's vocabulary, shared with the web app (pure data): how a comment is moderated and
 * how it is disposed of.
 */
export const DISPOSITIONS = ['adopted', 'partly_adopted', 'not_adopted'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
export const DISPOSITION_LABELS: Record<Disposition, string> = {
  adopted: '采纳',
  partly_adopted: '部分采纳',
  not_adopted: '不予采纳',
};

export const MODERATIONS = ['pending', 'published', 'rejected'] as const;
export type Moderation = (typeof MODERATIONS)[number];
export const MODERATION_LABELS: Record<Moderation, string> = {
  pending: '待审核',
  published: '已公开',
  rejected: '不予公开',
};

/**
 * Where a comment period stands for a citizen, on the Beijing date: not open yet, accepting comments (from its
 * first to its last day inclusive), or closed (its last day passed, or the unit closed it). Derived in one place
 * (intake.ts periodPhase) for every portal page.
 */
export const PERIOD_PHASES = ['upcoming', 'open', 'closed'] as const;
export type PeriodPhase = (typeof PERIOD_PHASES)[number];
export const PERIOD_PHASE_LABELS: Record<PeriodPhase, string> = {
  upcoming: '尚未开始',
  open: '正在征求意见',
  closed: '征求意见已截止',
};

/** What every portal comment form sends (intake.ts PublicCommentFields validates it; a module may add fields). */
export interface PublicCommentInput {
  submitterKind: 'anonymous' | 'individual' | 'organization';
  name?: string;
  contact?: string;
  body: string;
  /** A field people do not see; automated submitters fill it in (the server refuses it when filled). */
  website?: string;
}
