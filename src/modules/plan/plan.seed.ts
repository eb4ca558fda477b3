import fs from 'node:fs';
import path from 'node:path';
import { systemCtx } from '../../platform/access/actor.js';
import { today } from '../../platform/calendar/index.js';
import { fixedClock, nowOf } from '../../platform/clock.js';
import type { AppDeps } from '../../platform/manifest.js';
import { decomposePlan } from './commands/decompose-plan.js';
import { importPlan } from './commands/import-plan.js';
import { reportProgress } from './commands/report-progress.js';
import { resolveUnit } from './commands/resolve-unit.js';
import { SAMPLE_PLAN_TEXT } from './plan.sample.js';

/** The source documents shipped beside the repository; optional (the product runs without them). */
const SEEDS_DIR = path.resolve(import.meta.dirname, '../../../../shared/seeds');

/** Responsible-unit names of the plans that the demo district maps to its own units. */
const DEMO_ALIASES: Record<string, string> = { 区大数据中心: 'XXW', 区行政服务中心: 'FBG', 区城运中心: 'FBG' };

/** Half-year ends over the plan period; chapter k of n gets the k-th share of them (the last one 2025-12-31). */
const DUE_STEPS = [
  '2022-06-30',
  '2022-12-31',
  '2023-06-30',
  '2023-12-31',
  '2024-06-30',
  '2024-12-31',
  '2025-06-30',
  '2025-12-31',
];
const staggeredDue = (k: number, n: number) =>
  DUE_STEPS[Math.min(DUE_STEPS.length - 1, Math.floor(((k + 1) * DUE_STEPS.length) / Math.max(n, 1)) - 1)] ??
  DUE_STEPS[DUE_STEPS.length - 1];

/** Demo progress per unit and due year, cycled over that year's tasks (0: nothing reported). */
const DEMO_PROGRESS: Record<string, Record<string, number[]>> = {
  SCJ: { '2022': [100], '2023': [100, 100, 80], '2024': [100, 60], '2025': [100, 40, 0] },
  SFJ: { '2022': [100], '2023': [100, 70], '2024': [90, 50], '2025': [30, 0] },
  JCJ: { '2022': [100, 50], '2023': [60, 30], '2024': [30, 0], '2025': [0] },
};

/**
 * Demo: import the district's implementation plan (the real 2021–2025 plan from ../shared/seeds when present,
 * else the project's own sample), confirm the unmatched names, decompose it, and record some progress.
 */
export async function seedPlanDemo({ db, log, clock }: AppDeps): Promise<void> {
  const ctx = systemCtx('seed', clock);
  const file = fs.existsSync(SEEDS_DIR) ? fs.readdirSync(SEEDS_DIR).find((f) => f.startsWith('003_')) : undefined;
  const text = file ? fs.readFileSync(path.join(SEEDS_DIR, file), 'utf8') : SAMPLE_PLAN_TEXT;
  log.info({ source: file ?? 'sample' }, '演示数据：导入实施方案');
  const { id } = await importPlan(db, ctx, { text, yearFrom: 2021, yearTo: 2025 });
  const orgs = await db.selectFrom('organizations').select(['id', 'code']).execute();
  const byCode = new Map(orgs.map((o) => [o.code, o.id]));
  const unmatched = await db
    .selectFrom('plan_item_units')
    .innerJoin('plan_items', 'plan_items.id', 'plan_item_units.item_id')
    .select(['plan_item_units.id', 'raw_name'])
    .where('plan_items.plan_id', '=', id)
    .where('resolution', '=', 'unmatched')
    .execute();
  const done = new Set<string>();
  for (const u of unmatched) {
    if (done.has(u.raw_name)) continue;
    done.add(u.raw_name);
    const code = DEMO_ALIASES[u.raw_name];
    await resolveUnit(
      db,
      ctx,
      u.id,
      code && byCode.get(code)
        ? { orgId: byCode.get(code)! }
        : { ignore: true, reason: '该单位不在示例区政府单位树中（党委部门或垂直管理单位）' },
    );
  }
  // Realistic, staggered deadlines: the plan's chapters fall due one after another over 2022–2025, the
  // last chapters at the end of the plan period (the plan-wide default stays 2025-12-31).
  const chapters = await db
    .selectFrom('plan_chapters')
    .innerJoin('plan_items', 'plan_items.chapter_id', 'plan_chapters.id')
    .select('plan_chapters.seq')
    .distinct()
    .where('plan_chapters.plan_id', '=', id)
    .where('plan_items.general', '=', false)
    .orderBy('plan_chapters.seq')
    .execute();
  const order = chapters.map((c) => c.seq);
  await decomposePlan(db, ctx, id, '2025-12-31', {
    itemDue: ({ chapterSeq }) => staggeredDue(order.indexOf(chapterSeq), order.length),
  });
  // Progress so that each year's report and the indicator trend have figures to carry: the earlier a task fell
  // due the further it got; the market regulator finished most of its tasks, the sub-district fewer.
  for (const [code, byYear] of Object.entries(DEMO_PROGRESS)) {
    const tasks = await db
      .selectFrom('plan_tasks')
      .innerJoin('plan_items', 'plan_items.id', 'plan_tasks.item_id')
      .select(['plan_tasks.id', 'plan_tasks.due_date'])
      .where('plan_tasks.org_id', '=', byCode.get(code)!)
      .orderBy('plan_items.seq')
      .execute();
    const seen: Record<string, number> = {};
    for (const t of tasks) {
      const y = t.due_date.slice(0, 4);
      const pattern = byYear[y] ?? [0];
      const i = seen[y] ?? 0;
      seen[y] = i + 1;
      const p = pattern[i % pattern.length];
      if (!p) continue;
      // Reported on the task's due date (or today, for tasks not yet due): each year's figures, read as of the end
      // of that year, then show the progress made within it.
      const on = [t.due_date, today(nowOf(ctx))].sort()[0]!;
      await reportProgress(db, { ...ctx, clock: fixedClock(`${on}T10:00:00+08:00`) }, t.id, {
        progress: p,
        note: p === 100 ? '任务已全部完成，形成工作总结。' : '按计划推进，已完成阶段性工作。',
        evidence: p === 100 ? [{ title: '年度工作总结' }] : [],
      });
    }
  }
}
