import type { RequestCtx } from '../../../../platform/access/actor.js';
import { registerDeadline } from '../../../../platform/calendar/index.js';
import type { Db } from '../../../../platform/db/engine.js';
import { unprocessable } from '../../../../platform/errors.js';
import { inspectionWorkflow } from '../../inspection.workflow.js';
import { targetStep } from './frames.js';
import { actDate, assertInspectionTransition, lockInspection } from './shared.js';
import { nowOf } from '../../../../platform/clock.js';

/**
 * Art 16: the conclusion is served on the unit; from that day it has 30 days to ask for re-examination (Art 17).
 * Serving the last unit concludes the inspection.
 */
export async function serveConclusion(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: { orgId: string; conclusion: string; servedOn: string },
): Promise<void> {
  const servedOn = actDate(input.servedOn, '送达日期', 'servedOn', nowOf(ctx));
  await targetStep(db, ctx, id, input.orgId, 'conclude', async (t, { trx, ctx, actor, now }) => {
    const i = await lockInspection(trx, id);
    assertInspectionTransition(i.status, 'serve_conclusion');
    if (servedOn < i.starts_on)
      throw unprocessable(`送达日期不能早于督查开始日期 ${i.starts_on}`, { field: 'servedOn' });
    await registerDeadline(trx, ctx, {
      entityKind: 'inspection_target',
      entityId: t.id,
      ruleId: 'inspection.reexamination_request',
      triggerDate: servedOn,
      orgId: input.orgId,
      label: i.title,
    });
    const left = await trx
      .selectFrom('inspection_targets')
      .select('id')
      .where('inspection_id', '=', id)
      .where('id', '!=', t.id)
      .where('status', '=', 'pending')
      .execute();
    // Every unit served: the inspection is concluded (Art 16).
    if (left.length === 0 && inspectionWorkflow.allows(i.status, 'conclude'))
      await trx
        .updateTable('inspections')
        .set({ status: inspectionWorkflow.resolveTarget(i.status, 'conclude'), updated_at: now })
        .where('id', '=', id)
        .execute();
    return {
      patch: { conclusion: input.conclusion, conclusion_served_on: servedOn, conclusion_by: actor.userId },
      data: { servedOn },
    };
  });
}
