import type { RequestCtx } from '../../../../platform/access/actor.js';
import { recordAudit } from '../../../../platform/audit/index.js';
import type { Db } from '../../../../platform/db/engine.js';
import { conflict, notFound } from '../../../../platform/errors.js';
import { actDate } from './shared.js';

/** The unit answers a follow-up order, once, on the date it actually answered. */
export async function answerOrder(
  db: Db,
  ctx: RequestCtx,
  orderId: string,
  input: { answer: string; on: string },
): Promise<void> {
  const on = actDate(input.on, '答复日期', 'on');
  await db.transaction().execute(async (trx) => {
    const o = await trx
      .selectFrom('inspection_orders')
      .selectAll()
      .where('id', '=', orderId)
      .forUpdate()
      .executeTakeFirst();
    if (!o) throw notFound('督办单');
    if (o.status === 'answered') throw conflict('该督办单已经答复');
    await trx
      .updateTable('inspection_orders')
      .set({ status: 'answered', answer: input.answer, answered_on: on })
      .where('id', '=', orderId)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'inspection.order_answered',
      entityKind: 'inspection',
      entityId: o.inspection_id,
      orgId: o.org_id,
      data: { orgId: o.org_id },
    });
  });
}
