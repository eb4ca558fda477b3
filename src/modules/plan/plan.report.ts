import { subtreeOrgIds } from '../../platform/access/scope.js';
import type { ReportContribution, ReportInput } from '../../platform/manifest.js';
import { num } from '../../platform/report-text.js';

/** （一）实施方案: the tasks due in the year, how many are done, how many are overdue. */
function planParagraph(i: ReportInput): string | null {
  const total = num(i.figure('plan.tasks_total'));
  const pct = num(i.figure('plan.task_completion_pct'));
  if (!total || pct === null) return null;
  // Exact for fewer than 1,000 tasks (the rate has one decimal).
  const done = Math.round((pct * total) / 100);
  const overdue = num(i.figure('plan.tasks_overdue'));
  const who = i.isGovernment ? '全区各责任单位' : i.orgName;
  return `推进法治政府建设实施方案任务落实。${i.year}年，${who}承担实施方案任务${total}项，已完成${done}项，完成率${pct}%${overdue ? `，超期未完成${overdue}项` : ''}。`;
}

/** 政府督查 (政府督查工作条例): inspections begun in the year and the follow-up orders (督办单) they issued. */
function inspectionParagraph(i: ReportInput): string | null {
  const n = num(i.figure('plan.inspections'));
  const m = num(i.figure('plan.inspection_orders'));
  if (!n && !m) return null;
  return i.isGovernment
    ? `强化法治政府建设督查。${i.year}年开展政府督查${n ?? 0}次，下发督办单${m ?? 0}件。`
    : `配合法治政府建设督查。${i.year}年接受政府督查${n ?? 0}次，收到督办单${m ?? 0}件。`;
}

interface OpenTask {
  numeral: string;
  title: string;
  progress: number;
  due_date: string;
}

/** The unit's (or the government's) tasks due by the end of the year and still open. */
const openTasks = (i: ReportInput): Promise<OpenTask[]> =>
  i.db
    .selectFrom('plan_tasks')
    .innerJoin('plan_items', 'plan_items.id', 'plan_tasks.item_id')
    .select(['plan_items.numeral', 'plan_items.title', 'plan_tasks.progress', 'plan_tasks.due_date'])
    .where('plan_tasks.org_id', 'in', subtreeOrgIds(i.db, i.scope))
    .where('plan_tasks.status', '=', 'open')
    .where('plan_tasks.due_date', '<=', `${i.year}-12-31`)
    .orderBy('plan_items.seq')
    .limit(2000)
    .execute();

/**
 * Open tasks grouped by plan item, as one phrase: each item with a unit's progress, or (for the government, or
 * several tasks) how many units have not finished; at most `max` items, then “等N项”.
 */
function openItems(open: OpenTask[], gov: boolean, day: string, max = 15): string {
  const items = new Map<string, OpenTask[]>();
  for (const t of open) {
    const name = `（${t.numeral}）${t.title}`;
    items.set(name, [...(items.get(name) ?? []), t]);
  }
  const lines = [...items].map(([name, ts]) => {
    const late = ts.some((t) => t.due_date < day) ? '，已超期' : '';
    if (ts.length === 1 && !gov) return `${name}（进度${ts[0].progress}%${late}）`;
    const avg = Math.round(ts.reduce((s, t) => s + t.progress, 0) / ts.length);
    return `${name}（${ts.length}个责任单位未完成，平均进度${avg}%${late}）`;
  });
  return lines.slice(0, max).join('；') + (lines.length > max ? `等${lines.length}项` : '');
}

/** The plan's part of the annual report: its tasks in (一), the tasks not done in (二), what remains in (四). */
export const planReport: ReportContribution[] = [
  {
    section: 'measures',
    order: 10,
    figures: [{ code: 'plan.tasks_total' }, { code: 'plan.task_completion_pct' }, { code: 'plan.tasks_overdue' }],
    paragraphs: (i) => [planParagraph(i)],
  },
  {
    section: 'measures',
    order: 40,
    figures: [{ code: 'plan.inspections' }, { code: 'plan.inspection_orders' }],
    paragraphs: (i) => [inspectionParagraph(i)],
  },
  {
    section: 'shortcomings',
    order: 10,
    figures: [],
    paragraphs: async (i) => {
      const text = openItems(await openTasks(i), i.isGovernment, i.today);
      return [text ? `实施方案中以下任务未按期完成：${text}。` : null];
    },
  },
  {
    section: 'nextYear',
    order: 10,
    figures: [{ code: 'plan.tasks_total', offset: 1 }],
    paragraphs: async (i) => {
      const names = [...new Set((await openTasks(i)).map((t) => `（${t.numeral}）${t.title}`))];
      const nextTasks = num(i.figure('plan.tasks_total', 1));
      return [
        names.length
          ? `继续推进尚未完成的实施方案任务：${names.slice(0, 15).join('、')}${names.length > 15 ? `等${names.length}项` : ''}。`
          : null,
        nextTasks ? `按期完成${i.year + 1}年到期的实施方案任务${nextTasks}项。` : null,
      ];
    },
  },
];
