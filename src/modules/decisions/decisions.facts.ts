import type { Executor } from '../../platform/db/engine.js';
import { lackingOpinions } from '../../procedures/legality-review/index.js';
import { type DecisionRow, flagsOf, procedureRecord } from './decisions.repo.js';
import type { DecisionFacts } from './decisions.workflow.js';

/**
 * Reviews of the current pass, oldest first: the current round, and not superseded by a revision of the draft
 * since (an "unlawful" finding or a meeting that returned the draft makes every earlier opinion of the round
 * stale — the revised text has to be reviewed again, unit level first).
 */
export async function reviewsOf(ex: Executor, d: Pick<DecisionRow, 'id' | 'adjustment_count'>) {
  return ex
    .selectFrom('decision_legality_reviews')
    .selectAll()
    .where('decision_id', '=', d.id)
    .where('round', '=', d.adjustment_count)
    .where('superseded_at', 'is', null)
    .orderBy('created_at')
    .execute();
}

/** The level awaiting an opinion, if any. */
export async function pendingReview(ex: Executor, d: Pick<DecisionRow, 'id' | 'adjustment_count'>) {
  return (await reviewsOf(ex, d)).find((r) => r.conclusion === null) ?? null;
}

/**
 * The hard gate before collective discussion (Art 25; 沪府办发〔2020〕5号 two levels): both the unit's
 * legal office and the justice bureau have given an opinion other than "unlawful" in the current round.
 */
export async function legalityGate(ex: Executor, d: Pick<DecisionRow, 'id' | 'adjustment_count'>): Promise<string[]> {
  return lackingOpinions(await reviewsOf(ex, d), [
    { level: 'unit', opinion: '承办单位法制机构的合法性初审意见' },
    { level: 'justice', opinion: '司法局的合法性审查意见' },
  ]);
}

/** What the workflow's gates look at (decisions.workflow.ts), read inside the command's transaction. */
export async function decisionFacts(ex: Executor, d: DecisionRow): Promise<DecisionFacts> {
  return {
    flags: flagsOf(d),
    legalityLacking: await legalityGate(ex, d),
    participationDone: d.confidential || !!(await procedureRecord(ex, d, 'participation')),
  };
}
