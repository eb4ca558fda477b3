import { conflict } from '../../platform/errors.js';

/**
 * The making of a normative document as an explicit transition table (国办发〔2018〕37号 and 115号;
 * 沪府令17号; 优化营商环境条例 Arts 62–64). Pure: no database, no clock.
 */
export const DOC_STATUSES = [
  'draft',
  'commenting',
  'fair_review',
  'legality_review',
  'deliberation',
  'approved',
  'registered',
  'in_force',
  'expired',
  'repealed',
] as const;
export type DocStatus = (typeof DOC_STATUSES)[number];

export const STATUS_LABELS: Record<DocStatus, string> = {
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
};

export const ACTIONS = [
  'start_comment',
  'finish_comment',
  'submit_fair_review',
  'pass_fair_review',
  'fail_fair_review',
  'submit_legality_review',
  'pass_legality_review',
  'fail_legality_review',
  'adopt',
  'reject',
  'register',
  'publish',
  'lapse',
  'repeal',
] as const;
export type DocAction = (typeof ACTIONS)[number];

export const ACTION_LABELS: Record<DocAction, string> = {
  start_comment: '公开征求意见',
  finish_comment: '结束征求意见',
  submit_fair_review: '提交公平竞争审查',
  pass_fair_review: '公平竞争审查通过',
  fail_fair_review: '公平竞争审查未通过',
  submit_legality_review: '提交合法性审核',
  pass_legality_review: '出具合法性审核意见（合法）',
  fail_legality_review: '出具合法性审核意见（不合法）',
  adopt: '集体审议通过',
  reject: '集体审议未通过',
  register: '统一登记编号',
  publish: '公布施行',
  lapse: '失效',
  repeal: '废止',
};

/** The table: action → allowed source status → target status. */
export const TRANSITIONS: Record<DocAction, { from: DocStatus[]; to: DocStatus }> = {
  start_comment: { from: ['draft'], to: 'commenting' },
  finish_comment: { from: ['commenting'], to: 'draft' },
  submit_fair_review: { from: ['draft'], to: 'fair_review' },
  pass_fair_review: { from: ['fair_review'], to: 'draft' },
  fail_fair_review: { from: ['fair_review'], to: 'draft' },
  submit_legality_review: { from: ['draft'], to: 'legality_review' },
  pass_legality_review: { from: ['legality_review'], to: 'deliberation' },
  fail_legality_review: { from: ['legality_review'], to: 'draft' },
  adopt: { from: ['deliberation'], to: 'approved' },
  reject: { from: ['deliberation'], to: 'draft' },
  register: { from: ['approved'], to: 'registered' },
  publish: { from: ['registered'], to: 'in_force' },
  lapse: { from: ['in_force'], to: 'expired' },
  repeal: { from: ['in_force'], to: 'repealed' },
};

/** What the gates look at. */
export interface GateFacts {
  status: DocStatus;
  commentRequired: boolean;
  commentDone: boolean;
  affectsMarket: boolean;
  fairReviewDone: boolean;
  legalityPassed: boolean;
  deliberationHeld: boolean;
  registrationNo: string | null;
  hasInterpretation: boolean;
}

/** Named gates per action; each returns the Chinese reason it is not met, or null. */
const GATES: Partial<Record<DocAction, ((f: GateFacts) => string | null)[]>> = {
  start_comment: [
    (f) => (!f.commentRequired ? '本文件未要求公开征求意见' : null),
    (f) => (f.commentDone ? '已完成公开征求意见' : null),
  ],
  submit_fair_review: [
    (f) => (!f.affectsMarket ? '本文件不涉及市场主体经济活动，无需公平竞争审查' : null),
    (f) => (f.fairReviewDone ? '已通过公平竞争审查' : null),
    (f) => (f.commentRequired && !f.commentDone ? '须先完成公开征求意见' : null),
  ],
  submit_legality_review: [
    (f) => (f.commentRequired && !f.commentDone ? '须先完成公开征求意见' : null),
    (f) =>
      f.affectsMarket && !f.fairReviewDone
        ? '涉及市场主体经济活动，须先通过公平竞争审查（《优化营商环境条例》第六十三条）'
        : null,
  ],
  // Hard gate (国办发〔2018〕115号): no collective deliberation without a passed legality review.
  adopt: [(f) => (!f.legalityPassed ? '未经合法性审核或审核认为不合法的，不得提交集体审议' : null)],
  // Hard gate: registration only after the issuing body's collective deliberation.
  register: [
    (f) => (!f.legalityPassed ? '未经合法性审核' : null),
    (f) => (!f.deliberationHeld ? '未经集体审议决定' : null),
  ],
  // 沪府令17号 Art 4: publish with its interpretation; unpublished documents bind no one.
  publish: [
    (f) => (!f.registrationNo ? '未经统一登记编号' : null),
    (f) => (!f.hasInterpretation ? '须同时公布政策解读' : null),
  ],
};

/** Unmet gates for an action (empty when allowed by the gates; the status is checked separately). */
export function unmetGates(action: DocAction, f: GateFacts): string[] {
  return (GATES[action] ?? []).map((g) => g(f)).filter((x): x is string => x !== null);
}

/** Throws 409 with what is missing when the action is not allowed now; returns the target status. */
export function assertTransition(action: DocAction, f: GateFacts): DocStatus {
  const t = TRANSITIONS[action];
  if (!t.from.includes(f.status)) {
    const hint =
      action === 'publish' || action === 'register' ? '；公布前须依次完成合法性审核、集体审议和统一登记编号' : '';
    throw conflict(`当前状态为“${STATUS_LABELS[f.status]}”，不能执行“${ACTION_LABELS[action]}”${hint}。`, {
      action,
      status: f.status,
      allowedFrom: t.from,
    });
  }
  const unmet = unmetGates(action, f);
  if (unmet.length) {
    throw conflict(`不能执行“${ACTION_LABELS[action]}”：${unmet.join('；')}。`, { action, status: f.status, unmet });
  }
  return t.to;
}

/** Actions that are possible now (status and gates), for the abilities map. */
export function availableActions(f: GateFacts): DocAction[] {
  return ACTIONS.filter((a) => TRANSITIONS[a].from.includes(f.status) && unmetGates(a, f).length === 0);
}

/** The stages this document must pass before publication, in order. */
export function requiredStages(f: Pick<GateFacts, 'commentRequired' | 'affectsMarket'>): DocStatus[] {
  return (
    [
      'draft',
      'commenting',
      'fair_review',
      'legality_review',
      'deliberation',
      'approved',
      'registered',
      'in_force',
    ] as DocStatus[]
  ).filter((s) => (s !== 'commenting' || f.commentRequired) && (s !== 'fair_review' || f.affectsMarket));
}
