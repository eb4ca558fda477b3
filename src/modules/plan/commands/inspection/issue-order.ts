import type { RequestCtx } from '../../../../platform/access/actor.js';
import { parseLocalDate } from '../../../../platform/calendar/index.js';
import type { Db } from '../../../../platform/db/engine.js';
import { notFound, unprocessable } from '../../../../platform/errors.js';
import { inspectionStep } from './frames.js';

/** A follow-up order (督办单) to one inspected unit, answered by that unit. */
export async function issueOrder(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: { orgId: string; content: string; dueDate: string },
): Promise<{ id: string }> {
  const due = parseLocalDate(input.dueDate, '办理期限');
  let order = { id: '' };
  await inspectionStep(db, ctx, id, 'issue_order', async (i, { trx }) => {
    if (due < i.starts_on)
      throw unprocessable(`办理期限不能早于督查开始日期 ${i.starts_on}`, { field: 'dueDate', startsOn: i.starts_on });
    // Only an inspected unit gets an order. Not locked: the unit's own acts lock its row first, then the inspection.
    const target = await trx
      .selectFrom('inspection_targets')
      .select('id')
      .where('inspection_id', '=', id)
      .where('org_id', '=', input.orgId)
      .executeTakeFirst();
    if (!target) throw notFound('督查对象');
    order = await trx
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
    return { data: { orgId: input.orgId, dueDate: due } };
  });
  return order;
}
