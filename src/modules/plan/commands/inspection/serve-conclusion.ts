import type { RequestCtx } from '../../../../platform/access/actor.js';
import { recordAudit } from '../../../../platform/audit/index.js';
import { registerDeadline } from '../../../../platform/calendar/index.js';
import type { Db } from '../../../../platform/db/engine.js';
import { unprocessable } from '../../../../platform/errors.js';
import { inspectionWorkflow } from '../../inspection.workflow.js';
import { actDate, assertInspectionTransition, assertTargetTransition, lockInspection, lockTarget } from './shared.js';
import { nowOf } from '../../../../platform/clock.js';

/** Art 16: the conclusion is served on the unit; from that day it has 30 days to ask for re-examination. */
export async function serveConclusion(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: { orgId: string; conclusion: string; servedOn: string },
): Promise<void> {
  const servedOn = actDate(input.servedOn, '送达日期', 'servedOn', nowOf(ctx));
  await db.transaction().execute(async (trx) => {
    const i = await lockInspection(trx, id);
    assertInspectionTransition(i.status, 'serve_conclusion');
    if (servedOn < i.starts_on)
      throw unprocessable(`送达日期不能早于督查开始日期 ${i.starts_on}`, { field: 'servedOn' });
    const t = await lockTarget(trx, id, input.orgId);
    const to = assertTargetTransition(t.status, 'conclude');
    await trx
      .updateTable('inspection_targets')
      .set({
        status: to,
        conclusion: input.conclusion,
        conclusion_served_on: servedOn,
        conclusion_by: ctx.actor?.userId ?? null,
        updated_at: nowOf(ctx),
      })
      .where('id', '=', t.id)
      .execute();
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
      .where('status', '=', 'pending')
      .execute();
    // Every unit served: the inspection is concluded (Art 16).
    if (left.length === 0 && inspectionWorkflow.allows(i.status, 'conclude'))
      await trx
        .updateTable('inspections')
        .set({ status: inspectionWorkflow.resolveTarget(i.status, 'conclude'), updated_at: nowOf(ctx) })
        .where('id', '=', id)
        .execute();
    await recordAudit(trx, ctx, {
      action: 'inspection.conclusion_served',
      entityKind: 'inspection',
      entityId: id,
      orgId: input.orgId,
      data: { orgId: input.orgId, servedOn },
    });
  });
}
