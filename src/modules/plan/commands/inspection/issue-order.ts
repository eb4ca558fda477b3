import type { RequestCtx } from '../../../../platform/access/actor.js';
import { recordAudit } from '../../../../platform/audit/index.js';
import { parseLocalDate } from '../../../../platform/calendar/index.js';
import type { Db } from '../../../../platform/db/engine.js';
import { unprocessable } from '../../../../platform/errors.js';
import { assertInspectionTransition, lockInspection, lockTarget } from './shared.js';

/** A follow-up order (督办单) to one inspected unit, answered by that unit. */
export async function issueOrder(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: { orgId: string; content: string; dueDate: string },
): Promise<{ id: string }> {
  const due = parseLocalDate(input.dueDate, '办理期限');
  return db.transaction().execute(async (trx) => {
    const i = await lockInspection(trx, id);
    assertInspectionTransition(i.status, 'issue_order');
    if (due < i.starts_on)
      throw unprocessable(`办理期限不能早于督查开始日期 ${i.starts_on}`, { field: 'dueDate', startsOn: i.starts_on });
    await lockTarget(trx, id, input.orgId);
    const row = await trx
      .insertInto('inspection_orders')
      .values({
        inspection_id: id,
        org_id: input.orgId,
        content: input.content,
        due_date: due,
        answer: null,
        answered_on: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'inspection.order_issued',
      entityKind: 'inspection',
      entityId: id,
      orgId: input.orgId,
      data: { orgId: input.orgId, dueDate: due },
    });
    return row;
  });
}
