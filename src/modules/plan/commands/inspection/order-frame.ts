import { canSeeOrg, hasAnyRole } from '../../../../platform/access/scope.js';
import type { Trx } from '../../../../platform/db/engine.js';
import { transitionRunner } from '../../../../platform/workflow/index.js';
import type { ReplyStatus } from '../../../../procedures/assigned-reply/index.js';
import { orderWorkflow } from '../../inspection.workflow.js';
import { planPolicy } from '../../plan.policy.js';

export interface LoadedOrder {
  id: string;
  inspection_id: string;
  org_id: string;
  org_path: string;
  status: ReplyStatus;
  rounds: number;
  feedback: string | null;
}

const loadOrder = (trx: Trx, id: string) =>
  trx
    .selectFrom('inspection_orders as o')
    .innerJoin('organizations as g', 'g.id', 'o.org_id')
    .select(['o.id', 'o.inspection_id', 'o.org_id', 'g.path as org_path', 'o.status', 'o.rounds', 'o.feedback'])
    .where('o.id', '=', id)
    .forUpdate('o')
    .executeTakeFirst() as Promise<LoadedOrder | undefined>;

/**
 * Every act on a follow-up order runs in the kernel's command frame (ADR 0004): the order is visible to the
 * inspection office and to whoever sees the inspected unit (404 otherwise); the unit's liaison or principal head
 * answers, the inspection office gives its feedback (403 otherwise); the assigned-reply table and gates decide
 * the order (409 / 422).
 */
export const orderRunner = (feedback?: string) =>
  transitionRunner({
    workflow: orderWorkflow,
    load: loadOrder,
    visible: (actor, o) => planPolicy.manage(actor) || canSeeOrg(actor, o.org_path),
    isParty: (actor, party, o) =>
      party === 'assigner' ? planPolicy.manage(actor) : hasAnyRole(actor, ['liaison', 'principal_head'], o.org_path),
    status: (o) => o.status,
    // One handling unit per order today: no co-handlers to wait for. The feedback is the one given with the act.
    facts: () => ({ coHandlersPending: [], feedback: feedback ?? null }),
    save: async (trx, o, { to, patch }) => {
      await trx
        .updateTable('inspection_orders')
        .set({ ...patch, status: to })
        .where('id', '=', o.id)
        .execute();
    },
    audit: (o, c) => ({
      action:
        c.action === 'answer'
          ? 'inspection.order_answered'
          : c.action === 'accept'
            ? 'inspection.order_accepted'
            : 'inspection.order_sent_back',
      entityKind: 'inspection',
      entityId: o.inspection_id,
      orgId: o.org_id,
      data:
        c.action === 'require_rehandling'
          ? { orgId: o.org_id, feedback: String(c.patch.feedback ?? '') }
          : { orgId: o.org_id },
    }),
  });
