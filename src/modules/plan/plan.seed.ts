import fs from 'node:fs';
import path from 'node:path';
import { systemCtx } from '../../platform/access/actor.js';
import type { AppDeps } from '../types.js';
import { decomposePlan } from './commands/decompose-plan.js';
import { importPlan } from './commands/import-plan.js';
import { reportProgress } from './commands/report-progress.js';
import { resolveUnit } from './commands/resolve-unit.js';
import { SAMPLE_PLAN_TEXT } from './plan.sample.js';

/** The source documents shipped beside the repository; optional (the product runs without them). */
const SEEDS_DIR = path.resolve(import.meta.dirname, '../../../../shared/seeds');

/** Responsible-unit names of the plans that the demo district maps to its own units. */
const DEMO_ALIASES: Record<string, string> = { 区大数据中心: 'XXW', 区行政服务中心: 'FBG', 区城运中心: 'FBG' };

/**
 * Demo: import the district's implementation plan (the real 2021–2025 plan from ../shared/seeds when present,
 * else the project's own sample), confirm the unmatched names, decompose it, and record some progress.
 */
export async function seedPlanDemo({ db, log }: AppDeps): Promise<void> {
  const ctx = systemCtx('seed');
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
  await decomposePlan(db, ctx, id, '2025-12-31');
  // Progress so that a unit's 2025 report has figures to carry: the market regulator finished most of its
  // tasks, the sub-district some.
  for (const [code, pattern] of [
    ['SCJ', [100, 100, 100, 80, 60, 100, 40]],
    ['JCJ', [100, 50, 30]],
    ['SFJ', [100, 100, 90, 70]],
  ] as const) {
    const tasks = await db
      .selectFrom('plan_tasks')
      .innerJoin('plan_items', 'plan_items.id', 'plan_tasks.item_id')
      .select('plan_tasks.id')
      .where('plan_tasks.org_id', '=', byCode.get(code)!)
      .orderBy('plan_items.seq')
      .execute();
    for (const [i, p] of pattern.entries()) {
      if (!tasks[i]) break;
      await reportProgress(db, ctx, tasks[i].id, {
        progress: p,
        note: p === 100 ? '任务已全部完成，形成工作总结。' : '按计划推进，已完成阶段性工作。',
        evidence: p === 100 ? [{ title: '年度工作总结' }] : [],
      });
    }
  }
}
