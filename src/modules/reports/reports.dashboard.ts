import type { Actor } from '../../platform/access/actor.js';
import { visibleOrgIds } from '../../platform/access/scope.js';
import { today } from '../../platform/calendar/index.js';
import type { Db } from '../../platform/db/engine.js';
import { planOverview } from '../plan/index.js';
import { dashboardStatus, reportDueDates } from './reports.workflow.js';

/** The coordinator's overview: report status per unit, plan progress by chapter and unit, overdue tasks. */
export async function dashboard(db: Db, actor: Actor, year: number, now: Date) {
  const due = reportDueDates(year);
  const day = today(now);
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
  const { plan, overdueTasks } = await planOverview(
    db,
    actor,
    day,
    orgs.map((o) => o.id),
  );
  return {
    year,
    submitBy: due.submitBy,
    publishBy: due.publishBy,
    units,
    counts,
    plan,
    overdueTasks,
  };
}
