import type { RequestCtx } from '../../../../platform/access/actor.js';
import type { Db } from '../../../../platform/db/engine.js';
import { unprocessable } from '../../../../platform/errors.js';
import { inspectionWorkflow } from '../../inspection.workflow.js';
import { targetStep } from './frames.js';
import { actDate } from './shared.js';
import { nowOf } from '../../../../platform/clock.js';

/**
 * Art 18: the inspection office verifies the unit's rectification or sends it back; once every unit is
 * verified the inspection is closed.
 */
export async function verifyRectification(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: { orgId: string; accepted: boolean; note: string; on: string },
): Promise<void> {
  const on = actDate(input.on, '核查日期', 'on', nowOf(ctx));
  const action = input.accepted ? 'verify' : 'reject_rectification';
  await targetStep(db, ctx, id, input.orgId, action, async (t, { trx, now }) => {
    if (t.rectified_on && on < t.rectified_on)
      throw unprocessable(`核查日期不能早于整改完成日期 ${t.rectified_on}`, { field: 'on' });
    const open = await trx
      .selectFrom('inspection_targets')
      .select('id')
      .where('inspection_id', '=', id)
      .where('id', '!=', t.id)
      .where('status', '!=', 'verified')
      .execute();
    // Every unit verified: the inspection is closed (Art 18), from the status the declaration closes from.
    if (input.accepted && open.length === 0)
      await trx
        .updateTable('inspections')
        .set({ status: inspectionWorkflow.resolveTarget('concluded', 'close'), updated_at: now })
        .where('id', '=', id)
        .where('status', 'in', inspectionWorkflow.actions.close.from)
        .execute();
    return {
      patch: { verification_note: input.note, verified_on: input.accepted ? on : null },
      data: { accepted: input.accepted },
    };
  });
}
