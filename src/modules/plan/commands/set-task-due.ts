import type { RequestCtx } from '../../../platform/access/actor.js';
import { registerAuditLabels } from '../../../platform/audit/catalog.js';
import { recordAudit } from '../../../platform/audit/index.js';
import { parseLocalDate, toLocalDate } from '../../../platform/calendar/index.js';
import type { Db } from '../../../platform/db/engine.js';
import { conflict, notFound, unprocessable } from '../../../platform/errors.js';
import { nowOf } from '../../../platform/clock.js';
import '../plan.tables.js';

declare module '../../../platform/audit/catalog.js' {
  interface AuditCatalog {
    'plan_task.due_changed': { from: string; to: string; reason: string };
  }
}

registerAuditLabels({ 'plan_task.due_changed': '调整任务完成期限' });

/**
 * Override one task's due date (the plan-wide date from decomposition is only the default). A later date clears an
 * earlier escalation so the task is escalated again if the new date also passes.
 */
export async function setTaskDue(
  db: Db,
  ctx: RequestCtx,
  taskId: string,
  input: { dueDate: string; reason: string },
): Promise<{ dueDate: string }> {
  const due = parseLocalDate(input.dueDate, '完成期限');
  return db.transaction().execute(async (trx) => {
    const t = await trx.selectFrom('plan_tasks').selectAll().where('id', '=', taskId).forUpdate().executeTakeFirst();
    if (!t) throw notFound('任务');
    if (t.status === 'done') throw conflict('任务已完成，不能再调整完成期限');
    if (t.due_date === due) throw unprocessable(`完成期限已是 ${due}，无需调整`, { field: 'dueDate' });
    // The Beijing day of decomposition (a task created at 07:00 Beijing is still that day, not the UTC day before).
    const created = toLocalDate(t.created_at);
    if (due < created) throw unprocessable(`完成期限不能早于任务分解日期 ${created}`, { field: 'dueDate' });
    await trx
      .updateTable('plan_tasks')
      .set({ due_date: due, escalated_at: due > t.due_date ? null : t.escalated_at, updated_at: nowOf(ctx) })
      .where('id', '=', taskId)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'plan_task.due_changed',
      entityKind: 'plan_task',
      entityId: taskId,
      orgId: t.org_id,
      data: { from: t.due_date, to: due, reason: input.reason },
    });
    return { dueDate: due };
  });
}
