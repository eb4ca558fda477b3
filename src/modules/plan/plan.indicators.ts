import type { Db } from '../../platform/db/engine.js';
import type { IndicatorDef } from '../../platform/manifest.js';
import { subtreeOrgIds } from '../../platform/access/scope.js';
import { addCalendarDays } from '../../platform/calendar/index.js';
import { REPLY_STATUS_LABELS } from '../../procedures/assigned-reply/index.js';

/**
 * The tasks due in the year, each with its progress as of `cut` (the end of the year, or today for the current
 * year): the last progress report made by the end of that day (Beijing time) — a task finished in the next
 * year was not finished at the end of this one. A task with no report at all (entered with its state) keeps
 * its recorded progress.
 */
async function yearTasks(db: Db, p: { year: number; orgId: string | null; today: string }) {
  const cut = [p.today, `${p.year}-12-31`].sort()[0]!;
  const cutEnd = new Date(`${addCalendarDays(cut, 1)}T00:00:00+08:00`);
  const rows = await db
    .selectFrom('plan_tasks')
    .innerJoin('plan_items', 'plan_items.id', 'plan_tasks.item_id')
    .innerJoin('organizations', 'organizations.id', 'plan_tasks.org_id')
    .select((eb) => [
      'plan_tasks.id',
      'plan_tasks.status',
      'plan_tasks.progress',
      'plan_tasks.due_date',
      'plan_items.numeral',
      'plan_items.title',
      'organizations.name as org_name',
      eb
        .selectFrom('plan_progress_reports as r')
        .select('r.progress_to')
        .whereRef('r.task_id', '=', 'plan_tasks.id')
        .where('r.reported_at', '<', cutEnd)
        .orderBy('r.reported_at', 'desc')
        .orderBy('r.seq', 'desc')
        .limit(1)
        .as('progress_at_cut'),
      eb
        .selectFrom('plan_progress_reports as r')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('r.task_id', '=', 'plan_tasks.id')
        .as('reports'),
    ])
    .where('plan_tasks.org_id', 'in', subtreeOrgIds(db, p.orgId))
    .where('plan_tasks.due_date', '>=', `${p.year}-01-01`)
    .where('plan_tasks.due_date', '<=', `${p.year}-12-31`)
    .orderBy('plan_items.seq')
    .execute();
  return {
    cut,
    tasks: rows.map((t) => {
      const progress = Number(t.reports ?? 0) > 0 ? Number(t.progress_at_cut ?? 0) : t.progress;
      return { ...t, progress, done: progress >= 100 };
    }),
  };
}

const rec = (t: { id: string; numeral: string; title: string; org_name: string; progress: number }) => ({
  kind: 'plan_task',
  id: t.id,
  label: `${t.org_name}：（${t.numeral}）${t.title}（${t.progress}%）`,
  link: `/admin/plan/tasks/${t.id}`,
});

/**
 * Inspections (督查, 政府督查工作条例) begun in the year that concern the unit: it was inspected, or (for the
 * government, orgId null) every inspection.
 */
async function yearInspections(db: Db, p: { year: number; orgId: string | null }) {
  let q = db
    .selectFrom('inspections as i')
    .select(['i.id', 'i.title', 'i.status', 'i.starts_on'])
    .where('i.starts_on', '>=', `${p.year}-01-01`)
    .where('i.starts_on', '<=', `${p.year}-12-31`);
  if (p.orgId) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('inspection_targets as g')
          .select('g.id')
          .whereRef('g.inspection_id', '=', 'i.id')
          .where('g.org_id', 'in', subtreeOrgIds(db, p.orgId)),
      ),
    );
  }
  return q.orderBy('i.starts_on').execute();
}

export const planIndicators: IndicatorDef[] = [
  {
    code: 'plan.inspections',
    label: '开展（接受）的政府督查次数',
    unit: '次',
    async compute(db, p) {
      const rows = await yearInspections(db, p);
      return {
        value: rows.length,
        records: rows.map((r) => ({
          kind: 'inspection',
          id: r.id,
          label: r.title,
          link: `/admin/inspections/${r.id}`,
        })),
        basis: p.orgId ? `${p.year}年开始、以本单位（含下属机构）为督查对象的督查` : `${p.year}年开始的督查`,
      };
    },
  },
  {
    code: 'plan.inspection_orders',
    label: '督办单件数',
    unit: '件',
    async compute(db, p) {
      const rows = await db
        .selectFrom('inspection_orders as o')
        .innerJoin('inspections as i', 'i.id', 'o.inspection_id')
        .innerJoin('organizations as g', 'g.id', 'o.org_id')
        .select(['o.id', 'o.status', 'o.inspection_id', 'i.title', 'g.name as org_name'])
        .where('o.org_id', 'in', subtreeOrgIds(db, p.orgId))
        .where('o.created_at', '>=', new Date(`${p.year}-01-01T00:00:00+08:00`))
        .where('o.created_at', '<', new Date(`${p.year + 1}-01-01T00:00:00+08:00`))
        .orderBy('o.created_at')
        .execute();
      // A reply the office accepted (closed) was answered too; one sent back for re-handling awaits a new reply.
      const answered = rows.filter((r) => r.status === 'answered' || r.status === 'closed').length;
      return {
        value: rows.length,
        records: rows.map((r) => ({
          kind: 'inspection_order',
          id: r.id,
          label: `${r.org_name}：${r.title}（${REPLY_STATUS_LABELS[r.status]}）`,
          link: `/admin/inspections/${r.inspection_id}`,
        })),
        // Issue dates in Beijing time: an order issued at 00:30 on 1 January belongs to the new year.
        basis: `${p.year}年${p.orgId ? '向本单位（含下属机构）' : ''}下发的督办单，已答复${answered}件`,
      };
    },
  },
  {
    code: 'plan.task_completion_pct',
    label: '实施方案年度任务完成率',
    unit: '%',
    async compute(db, p) {
      const { cut, tasks } = await yearTasks(db, p);
      const done = tasks.filter((t) => t.done);
      return {
        value: tasks.length ? Math.round((done.length / tasks.length) * 1000) / 10 : null,
        records: tasks.map(rec),
        basis: `当年到期的实施方案任务中截至${cut}已完成（进度100%）的比例：${done.length}/${tasks.length}`,
      };
    },
  },
  {
    code: 'plan.tasks_total',
    label: '承担的实施方案年度任务数',
    unit: '项',
    async compute(db, p) {
      const { tasks } = await yearTasks(db, p);
      return {
        value: tasks.length,
        records: tasks.map(rec),
        basis: '完成期限在当年的实施方案任务条数（按责任单位计）',
      };
    },
  },
  {
    code: 'plan.tasks_overdue',
    label: '超期未完成的实施方案任务数',
    unit: '项',
    async compute(db, p) {
      const { cut, tasks: all } = await yearTasks(db, p);
      const tasks = all.filter((t) => !t.done && t.due_date < cut);
      return { value: tasks.length, records: tasks.map(rec), basis: `完成期限在当年、截至${cut}仍未完成的任务条数` };
    },
  },
];
