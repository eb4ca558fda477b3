import { sql } from 'kysely';
import { today } from '../../platform/calendar/index.js';
import type { Db } from '../../platform/db/engine.js';
import type { IndicatorDef } from '../types.js';

/** Ids of the unit `orgId` and its subtree (null: every unit), for indicator queries. */
export function subtreeOrgIds(db: Db, orgId: string | null) {
  let q = db.selectFrom('organizations as o').select('o.id');
  if (orgId) q = q.where(sql<boolean>`o.path like (select p.path from organizations p where p.id = ${orgId}) || '%'`);
  return q;
}

async function yearTasks(db: Db, p: { year: number; orgId: string | null }) {
  return db
    .selectFrom('plan_tasks')
    .innerJoin('plan_items', 'plan_items.id', 'plan_tasks.item_id')
    .innerJoin('organizations', 'organizations.id', 'plan_tasks.org_id')
    .select([
      'plan_tasks.id',
      'plan_tasks.status',
      'plan_tasks.progress',
      'plan_tasks.due_date',
      'plan_items.numeral',
      'plan_items.title',
      'organizations.name as org_name',
    ])
    .where('plan_tasks.org_id', 'in', subtreeOrgIds(db, p.orgId))
    .where('plan_tasks.due_date', '>=', `${p.year}-01-01`)
    .where('plan_tasks.due_date', '<=', `${p.year}-12-31`)
    .orderBy('plan_items.seq')
    .execute();
}

const rec = (t: { id: string; numeral: string; title: string; org_name: string; progress: number }) => ({
  kind: 'plan_task',
  id: t.id,
  label: `${t.org_name}：（${t.numeral}）${t.title}（${t.progress}%）`,
  link: `/admin/plan/tasks/${t.id}`,
});

export const planIndicators: IndicatorDef[] = [
  {
    code: 'plan.task_completion_pct',
    label: '实施方案年度任务完成率',
    unit: '%',
    async compute(db, p) {
      const tasks = await yearTasks(db, p);
      const done = tasks.filter((t) => t.status === 'done');
      return {
        value: tasks.length ? Math.round((done.length / tasks.length) * 1000) / 10 : null,
        records: tasks.map(rec),
        basis: `当年到期的实施方案任务中已完成（进度100%）的比例：${done.length}/${tasks.length}`,
      };
    },
  },
  {
    code: 'plan.tasks_total',
    label: '承担的实施方案年度任务数',
    unit: '项',
    async compute(db, p) {
      const tasks = await yearTasks(db, p);
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
      const cut = [today(), `${p.year}-12-31`].sort()[0];
      const tasks = (await yearTasks(db, p)).filter((t) => t.status === 'open' && t.due_date < cut);
      return { value: tasks.length, records: tasks.map(rec), basis: `完成期限在当年、截至${cut}仍未完成的任务条数` };
    },
  },
];
