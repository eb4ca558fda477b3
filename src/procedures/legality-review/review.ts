import { checkMinimumPeriod, computeDue, getRule, today } from '../../platform/calendar/index.js';
import { AppError, conflict } from '../../platform/errors.js';
import type { Conclusion } from './legality-review.contract.js';

/**
 * Legality review (合法性审查 of a major decision, 合法性审核 of a normative document, 法制审核 of an enforcement
 * decision, and the review of a contract) as a procedure kernel. It knows no module: the caller keeps the review
 * rows in its own table and calls these pure checks inside its own transaction. What every review shares:
 *   - the request comes with the materials the rule names, and the reviewing body is allowed a minimum time
 *     counted by a calendar rule (rule id: 'decision.legality_review' Art 26, 'normative.legality_review' …);
 *   - one or more levels in a fixed order (沪府办发〔2020〕5号: the unit's legal office, then the justice bureau);
 *     a later level is not asked before the earlier one has passed the current draft (409);
 *   - a later level's opinion is not given by the person or organisation that gave an earlier one (403);
 *   - the conclusion is lawful, lawful with changes or unlawful, with the opinion's reasons; "unlawful" sends the
 *     draft back, and a revised draft is reviewed again from the first level (the caller supersedes the rows).
 */
export interface ReviewRow<L extends string = string> {
  level: L;
  conclusion: Conclusion | null;
  reviewerId?: string | null;
  reviewerOrgId?: string | null;
  reviewerName?: string | null;
  submittedOn?: string | null;
}

export interface Level<L extends string = string> {
  level: L;
  /** What the level's opinion is called in a refusal, e.g. '承办单位法制机构的合法性初审意见'. */
  opinion: string;
}

/** A level has passed when it gave a conclusion other than "unlawful" on the current draft. */
export const passed = <L extends string>(rows: readonly ReviewRow<L>[], level: L) =>
  rows.some((r) => r.level === level && r.conclusion !== null && r.conclusion !== 'unlawful');

/** The opinions still missing (in level order) before the reviewed act may go on, e.g. to collective discussion. */
export const lackingOpinions = <L extends string>(rows: readonly ReviewRow<L>[], levels: readonly Level<L>[]) =>
  levels.filter((l) => !passed(rows, l.level)).map((l) => l.opinion);

/** The review awaiting an opinion, if any. */
export const pendingReview = <R extends ReviewRow>(rows: readonly R[]): R | null =>
  rows.find((r) => r.conclusion === null) ?? null;

/** Asking a later level before every earlier one has passed the current draft is out of order (409). */
export function assertLevelOrder<L extends string>(
  rows: readonly ReviewRow<L>[],
  level: L,
  levels: readonly Level<L>[],
  message: (missing: string[]) => string,
): void {
  const i = levels.findIndex((l) => l.level === level);
  const missing = lackingOpinions(rows, levels.slice(0, Math.max(0, i)));
  if (missing.length) throw conflict(message(missing), { field: 'level', missing });
}

/**
 * Levels are independent ("consultation or co-signing cannot replace either level", 沪府办发〔2020〕5号): the
 * later level's opinion may not come from the person, or the organisation, that gave an earlier level's
 * opinion on this pass (403: the actor is the wrong party for it).
 */
export function assertIndependent(
  earlier: ReviewRow | null | undefined,
  actor: { userId: string; orgId: string } | null,
  explain: (samePerson: boolean, earlier: ReviewRow) => string,
): void {
  if (!earlier || !actor) return;
  const samePerson = earlier.reviewerId === actor.userId;
  if (samePerson || earlier.reviewerOrgId === actor.orgId)
    throw new AppError('forbidden', explain(samePerson, earlier), { field: 'reviewer' });
}

/**
 * The reviewing body's minimum time (a calendar rule): a requested reply date before it has elapsed is refused
 * (422 naming `field`, with the earliest allowed date).
 */
export function assertMinimumAllowed(
  ruleId: string,
  submittedOn: string,
  replyBy: string,
  message: (minimumEnd: string) => string,
  field = 'replyBy',
): void {
  const check = checkMinimumPeriod(ruleId, submittedOn, replyBy);
  if (!check.ok)
    throw new AppError('unprocessable', message(check.minimumEnd), {
      field,
      minimumEnd: check.minimumEnd,
      trace: check.trace,
    });
}

/** The first day an opinion may be given without a reason: the rule's minimum counted from submission. */
export const earliestOpinionOn = (ruleId: string, submittedOn: string) => computeDue(ruleId, submittedOn).due;

/** The rule's legal basis, for messages. */
export const ruleBasis = (ruleId: string) => getRule(ruleId).legalBasis;

/** An opinion is dated between the submission and today (422 naming `field`). */
export function assertOpinionDate(submittedOn: string, reviewedOn: string, now: Date, field = 'reviewedOn'): void {
  if (reviewedOn < submittedOn || reviewedOn > today(now))
    throw new AppError('unprocessable', `审查日期应在送审日期 ${submittedOn} 与今天之间。`, { field });
}

/** "Unlawful" returns the draft for revision; any other conclusion lets the procedure go on. */
export const sendsBack = (c: Conclusion) => c === 'unlawful';
