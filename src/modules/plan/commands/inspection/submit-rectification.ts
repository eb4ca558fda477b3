import type { RequestCtx } from '../../../../platform/access/actor.js';
import { recordAudit } from '../../../../platform/audit/index.js';
import type { Db } from '../../../../platform/db/engine.js';
import { unprocessable } from '../../../../platform/errors.js';
import { actDate, assertTargetTransition, closeOn, lockTarget } from './shared.js';
import { nowOf } from '../../../../platform/clock.js';

/** Art 18: the unit rectifies and reports; the inspection office verifies (or sends it back). */
export async function submitRectification(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: { orgId: string; report: string; on: string },
): Promise<void> {
  const on = actDate(input.on, '整改完成日期', 'on', nowOf(ctx));
  await db.transaction().execute(async (trx) => {
    const t = await lockTarget(trx, id, input.orgId);
    const to = assertTargetTransition(t.status, 'submit_rectification');
    if (t.conclusion_served_on && on < t.conclusion_served_on)
      throw unprocessable(`整改完成日期不能早于督查结论送达日期 ${t.conclusion_served_on}`, { field: 'on' });
    await trx
      .updateTable('inspection_targets')
      .set({ status: to, rectification_report: input.report, rectified_on: on, updated_at: nowOf(ctx) })
      .where('id', '=', t.id)
      .execute();
    await closeOn(trx, ctx, t.id, 'inspection.reexamination_request', on);
    await recordAudit(trx, ctx, {
      action: 'inspection.rectification_submitted',
      entityKind: 'inspection',
      entityId: id,
      orgId: input.orgId,
      data: { orgId: input.orgId, on },
    });
  });
}
