import type { RequestCtx } from '../../../../platform/access/actor.js';
import { recordAudit } from '../../../../platform/audit/index.js';
import type { Db } from '../../../../platform/db/engine.js';
import { AppError } from '../../../../platform/errors.js';
import { assertInspectionTransition, lockInspection } from './shared.js';
import { nowOf } from '../../../../platform/clock.js';

/**
 * Arts 11, 8, 15: the government's principal head approves the inspection plan (with an instruction, 批示意见)
 * before the inspection starts. Who may approve is checked by the route (`planPolicy.approveInspection`); the
 * drafter of the plan may not approve it (checked here, inside the transaction).
 */
export async function approveInspection(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: { opinion: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const i = await lockInspection(trx, id);
    const to = assertInspectionTransition(i.status, 'approve')!;
    if (i.created_by && i.created_by === ctx.actor?.userId)
      throw new AppError(
        'forbidden',
        '督查方案的制定人不能批准本方案，请报本级人民政府行政首长批准（《政府督查工作条例》第十一条）',
      );
    await trx
      .updateTable('inspections')
      .set({
        status: to,
        approved_by: ctx.actor?.userId ?? null,
        approved_at: nowOf(ctx),
        approval_opinion: input.opinion,
        updated_at: nowOf(ctx),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'inspection.approved',
      entityKind: 'inspection',
      entityId: id,
      orgId: i.org_id,
      data: { opinion: input.opinion },
    });
  });
}
