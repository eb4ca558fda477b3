import type { Actor } from '../../platform/access/actor.js';
import { visibleOrgIds } from '../../platform/access/scope.js';
import type { Db } from '../../platform/db/engine.js';
import { planDetail } from './plan.repo.js';

/**
 * The plan's part of the leaders' dashboard: the active plan's progress by chapter and by unit (the units the
 * dashboard shows), and the open tasks past their due date that the actor may see.
 */
export async function planOverview(db: Db, actor: Actor, day: string, orgIds: string[]) {
  const plan = await db
    .selectFrom('plans')
    .select('id')
    .where('status', '=', 'active')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  const detail = plan ? await planDetail(db, plan.id, day) : null;
  const overdue = await db
    .selectFrom('plan_tasks')
    .innerJoin('plan_items', 'plan_items.id', 'plan_tasks.item_id')
    .innerJoin('organizations', 'organizations.id', 'plan_tasks.org_id')
    .select([
      'plan_tasks.id',
      'plan_items.numeral',
      'plan_items.title',
      'plan_tasks.org_id',
      'organizations.name as org_name',
      'plan_tasks.progress',
      'plan_tasks.due_date',
      'plan_tasks.escalated_at',
    ])
    .where('plan_tasks.status', '=', 'open')
    .where('plan_tasks.due_date', '<', day)
    .where('plan_tasks.org_id', 'in', visibleOrgIds(db, actor))
    .orderBy('plan_tasks.due_date')
    .orderBy('plan_items.seq')
    .limit(200)
    .execute();
  return {
    plan: detail
      ? {
          id: detail.id,
          title: detail.title,
          progress: detail.progress,
          chapters: detail.chapters.map((c) => ({ id: c.id, title: `${c.numeral}、${c.title}`, progress: c.progress })),
          units: detail.units.filter((u) => orgIds.includes(u.orgId)),
        }
      : null,
    overdueTasks: overdue.map((t) => ({
      id: t.id,
      title: `（${t.numeral}）${t.title}`,
      orgId: t.org_id,
      orgName: t.org_name,
      progress: t.progress,
      dueDate: t.due_date,
      escalated: t.escalated_at !== null,
    })),
  };
}
