import type { RequestCtx } from '../../../../platform/access/actor.js';
import type { Db } from '../../../../platform/db/engine.js';
import { unprocessable } from '../../../../platform/errors.js';
import { targetStep } from './frames.js';
import { actDate, closeOn } from './shared.js';
import { nowOf } from '../../../../platform/clock.js';

/** Art 18: the unit rectifies and reports; the inspection office verifies (or sends it back). */
export async function submitRectification(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: { orgId: string; report: string; on: string },
): Promise<void> {
  const on = actDate(input.on, '整改完成日期', 'on', nowOf(ctx));
  await targetStep(db, ctx, id, input.orgId, 'submit_rectification', async (t, { trx, ctx }) => {
    if (t.conclusion_served_on && on < t.conclusion_served_on)
      throw unprocessable(`整改完成日期不能早于督查结论送达日期 ${t.conclusion_served_on}`, { field: 'on' });
    // Rectifying instead of asking for re-examination ends the period for asking.
    await closeOn(trx, ctx, t.id, 'inspection.reexamination_request', on);
    return { patch: { rectification_report: input.report, rectified_on: on }, data: { on } };
  });
}
