import { systemCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import { formatZh, toLocalDate } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/engine.js';

/** Coordinators (依法治区办) and the unit's liaisons hear about an overdue task. */
async function recipients(trx: Executor, orgId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('role_assignments')
    .innerJoin('users', 'users.id', 'role_assignments.user_id')
    .select('users.id')
    .where('users.active', '=', true)
    .where((eb) =>
      eb.or([
        eb('role_assignments.role', '=', 'coordinator'),
        eb.and([eb('role_assignments.role', '=', 'liaison'), eb('role_assignments.org_id', '=', orgId)]),
      ]),
    )
    .execute();
  return [...new Set(rows.map((r) => r.id))];
}

/**
 * Escalate every open task past its due date to the coordinator, once per task and due date: the task is
 * stamped `escalated_at`, the event audited, and the notifications carry a dedupe key so a repeated run
 * (or a second instance) sends nothing twice. Each task in its own transaction.
 */
export async function escalateOverdueTasks(db: Db, now: Date): Promise<{ escalated: number; notifications: number }> {
  const day = toLocalDate(now);
  const due = await db
    .selectFrom('plan_tasks')
    .select('id')
    .where('status', '=', 'open')
    .where('due_date', '<', day)
    .where('escalated_at', 'is', null)
    .execute();
  let escalated = 0;
  let notifications = 0;
  for (const c of due) {
    await db.transaction().execute(async (trx) => {
      const t = await trx
        .selectFrom('plan_tasks')
        .innerJoin('plan_items', 'plan_items.id', 'plan_tasks.item_id')
        .innerJoin('organizations', 'organizations.id', 'plan_tasks.org_id')
        .select([
          'plan_tasks.id',
          'plan_tasks.org_id',
          'plan_tasks.due_date',
          'plan_tasks.progress',
          'plan_tasks.status',
          'plan_tasks.escalated_at',
          'plan_items.numeral',
          'plan_items.title',
          'organizations.name as org_name',
        ])
        .where('plan_tasks.id', '=', c.id)
        .forUpdate('plan_tasks')
        .executeTakeFirst();
      if (t?.status !== 'open' || t.escalated_at || t.due_date >= day) return;
      await trx.updateTable('plan_tasks').set({ escalated_at: now }).where('id', '=', t.id).execute();
      const users = await recipients(trx, t.org_id);
      for (const userId of users) {
        const ins = await trx
          .insertInto('notifications')
          .values({
            user_id: userId,
            kind: 'plan_task.overdue',
            title: `任务超期：${t.org_name}（${t.numeral}）${t.title}`,
            body: `${t.org_name}承担的实施方案任务（${t.numeral}）${t.title}已于${formatZh(t.due_date)}到期，当前进度 ${t.progress}%，已报依法治区办督办。`,
            link: `/admin/plan/tasks/${t.id}`,
            entity_kind: 'plan_task',
            entity_id: t.id,
            dedupe_key: `plan_task:${t.id}:overdue:${t.due_date}`,
            read_at: null,
          })
          .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
          .returning('id')
          .execute();
        notifications += ins.length;
      }
      await recordAudit(trx, systemCtx('plan-escalation'), {
        action: 'plan_task.escalated',
        entityKind: 'plan_task',
        entityId: t.id,
        orgId: t.org_id,
        data: { dueDate: t.due_date, progress: t.progress, notified: users.length },
      });
      escalated++;
    });
  }
  return { escalated, notifications };
}
