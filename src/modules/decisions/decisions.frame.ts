import type { RequestCtx } from '../../platform/access/actor.js';
import type { Db, Trx } from '../../platform/db/engine.js';
import { transitionRunner } from '../../platform/workflow/index.js';
import { decisionFacts } from './decisions.facts.js';
import { decisionsPolicy, isBodyManager, isLeadWorker, isUnitLegalOffice } from './decisions.policy.js';
import { type LoadedDecision, loadDecision, type StepResult } from './decisions.repo.js';
import { hasRole } from '../../platform/access/scope.js';
import { type DecisionAction, type DecisionStatus, decisionWorkflow } from './decisions.workflow.js';

/**
 * Every procedure command of a decision runs in the kernel's command frame (platform/workflow/frame.ts):
 * transaction → lock and re-read → 404 for what the actor may not see → 403 unless the actor is a party the
 * declaration names for the action → 409 out of order or an unmet order gate (naming what is missing) → the
 * command's own content checks (422) and writes → status change and its audit event, all in one transaction.
 *
 * `level` is the legality-review level the opinion is given at (沪府办发〔2020〕5号: the unit's legal office,
 * then the justice bureau), which decides which of the two reviewing parties the actor must be.
 */
export async function runStep(
  db: Db,
  ctx: RequestCtx,
  id: string,
  action: DecisionAction,
  fn: (trx: Trx, d: LoadedDecision) => Promise<StepResult>,
  opts: { level?: 'unit' | 'justice' } = {},
): Promise<LoadedDecision> {
  const run = transitionRunner({
    workflow: decisionWorkflow,
    load: async (trx, key) => (await loadDecision(trx, key, true)) ?? undefined,
    visible: (actor, d) => decisionsPolicy.view(actor, d.orgs),
    isParty: (actor, party, d) => {
      const o = d.orgs;
      switch (party) {
        case 'body':
          return isBodyManager(actor, o.bodyPath);
        case 'lead':
          return isLeadWorker(actor, o.leadPath) || isBodyManager(actor, o.bodyPath);
        case 'unitLegalOffice':
          return opts.level !== 'justice' && isUnitLegalOffice(actor, o.leadPath);
        case 'justice':
          return opts.level === 'justice' && hasRole(actor, 'legality_reviewer', o.leadPath);
        case 'execution':
          return o.executionPath !== null && isLeadWorker(actor, o.executionPath);
      }
    },
    status: (d) => d.status as DecisionStatus,
    facts: (trx, d) => decisionFacts(trx, d),
    save: async (trx, d, { to, patch, now }) => {
      await trx
        .updateTable('decisions')
        .set({ ...patch, status: to, updated_at: now })
        .where('id', '=', d.id)
        .execute();
    },
    audit: (d, c) => ({
      action: 'decision.transitioned',
      entityKind: 'decision',
      entityId: d.id,
      orgId: d.lead_org_id,
      data: {
        action: c.action,
        from: c.from,
        to: c.to,
        round: (c.patch.adjustment_count as number | undefined) ?? d.adjustment_count,
        ...(c.summary ? { summary: c.summary } : {}),
      },
    }),
  });
  return run(db, ctx, id, action, async (d, c) => {
    const res = await fn(c.trx, d);
    return { to: res.to, patch: res.patch as Record<string, unknown> | undefined, summary: res.summary };
  });
}
