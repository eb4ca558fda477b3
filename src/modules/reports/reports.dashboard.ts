import type { Actor } from '../../platform/access/actor.js';
import { visibleOrgIds } from '../../platform/access/scope.js';
import { today } from '../../platform/calendar/index.js';
import type { Db } from '../../platform/db/engine.js';
import { planDetail } from '../plan/index.js';
import { dashboardStatus, reportDueDates } from './reports.workflow.js';

/** The coordinator's overview: report status per unit, plan progress by chapter and unit, overdue tasks. */
export async function dashboard(db: Db, actor: Actor, year: number) {
  const due = reportDueDates(year);
  const day = today();
  const orgs = await db
    .selectFrom('organizations')
    .select(['id', 'name', 'kind', 'parent_id'])
    .where('active', '=', true)
    .where('kind', '!=', 'section')
    .where('id', 'in', visibleOrgIds(db, actor))
    .orderBy('sort_order')
    .execute();
  const reports = await db
    .selectFrom('annual_reports')
    .select(['id', 'org_id', 'status', 'submitted_at', 'published_at'])
    .where('year', '=', year)
    .execute();
  const units = orgs.map((o) => {
    const r = reports.find((x) => x.org_id === o.id);
    const status = dashboardStatus(r?.status ?? null, day, due, o.kind === 'government');
    return {
      orgId: o.id,
      orgName: o.name,
      kind: o.kind,
      reportId: r?.id ?? null,
      reportStatus: r?.status ?? null,
      status,
    };
  });
  const counts = { not_started: 0, drafting: 0, submitted: 0, published: 0, late: 0 };
  for (const u of units) counts[u.status]++;
  const plan = await db
    .selectFrom('plans')
    .select('id')
    .where('status', '=', 'active')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  const detail = plan ? await planDetail(db, plan.id) : null;
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
    year,
    submitBy: due.submitBy,
    publishBy: due.publishBy,
    units,
    counts,
    plan: detail
      ? {
          id: detail.id,
          title: detail.title,
          progress: detail.progress,
          chapters: detail.chapters.map((c) => ({ id: c.id, title: `${c.numeral}、${c.title}`, progress: c.progress })),
          units: detail.units.filter((u) => orgs.some((o) => o.id === u.orgId)),
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
