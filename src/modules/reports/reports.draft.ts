import { today } from '../../platform/calendar/index.js';
import type { Db } from '../../platform/db/engine.js';
import { latestCheckpoint } from '../../platform/ledger/store.js';
import { computeFigure, indicatorRegistry } from '../indicators/indicators.registry.js';
import { subtreeOrgIds } from '../plan/plan.indicators.js';
import type { ModuleManifest } from '../types.js';
import type { FigureSnapshot, Sections } from './reports.tables.js';

/** Figures every annual report carries when their module is enabled (others are simply skipped). */
export const REPORT_FIGURE_CODES = [
  'plan.tasks_total',
  'plan.task_completion_pct',
  'plan.tasks_overdue',
  'decisions.catalog_items',
  'decisions.catalog_yoy_pct',
  'decisions.legality_review_coverage_pct',
  'normative.filing_rate_pct',
  'normative.on_time_filing_pct',
  'normative.conformity_pct',
  'normative.legality_review_coverage_pct',
  'normative.in_force_count',
  'normative.cleanup_summary',
  'calendar.deadline_met_pct',
  'calendar.deadlines_overdue',
  'audit.recorded_actions',
];

export interface Snapshot {
  figures: FigureSnapshot[];
  snapshotAt: Date;
  treeSize: string | null;
  root: string | null;
}

/** Compute the report's figures now, with the ledger checkpoint they were taken against (provenance). */
export async function snapshotFigures(
  db: Db,
  year: number,
  orgId: string | null,
  modules?: ModuleManifest[],
): Promise<Snapshot> {
  const reg = indicatorRegistry(modules);
  const figures: FigureSnapshot[] = [];
  for (const code of REPORT_FIGURE_CODES) {
    if (!reg.has(code)) continue;
    figures.push(await computeFigure(reg, db, code, { year, orgId }, 200));
  }
  const cp = await latestCheckpoint(db);
  return {
    figures,
    snapshotAt: new Date(),
    treeSize: cp ? String(cp.treeSize) : null,
    root: cp ? cp.rootHash.toString('hex') : null,
  };
}

const fmt = (f: FigureSnapshot | undefined) =>
  f && f.value !== null ? `${f.value}${f.unit === '%' ? '%' : f.unit}` : null;

/**
 * （三）行政规范性文件: how many were issued in the year (the documents behind the filing rate), the filing,
 * on-time, conformity and legality-review rates (示范指标 No. 27), the documents in force and the clean-up result
 * ("清理现行有效规范性文件66件：继续有效51件…", the basis text of `normative.cleanup_summary`).
 */
function normativeParagraph(year: number, by: (c: string) => FigureSnapshot | undefined): string | null {
  const filingFig = by('normative.filing_rate_pct');
  const parts: string[] = [];
  if (filingFig?.status === 'computed' && filingFig.recordCount > 0) {
    parts.push(`${year}年制发行政规范性文件${filingFig.recordCount}件`);
    const rates = [
      ['报备率', fmt(filingFig)],
      ['报备及时率', fmt(by('normative.on_time_filing_pct'))],
      ['备案审查规范率', fmt(by('normative.conformity_pct'))],
      ['合法性审核率', fmt(by('normative.legality_review_coverage_pct'))],
    ].filter((x): x is [string, string] => x[1] !== null);
    if (rates.length) parts.push(rates.map(([k, v]) => `${k}${v}`).join('，'));
  }
  const inForce = by('normative.in_force_count');
  if (inForce?.status === 'computed' && inForce.value) parts.push(`现行有效规范性文件${inForce.value}件`);
  const cleanup = by('normative.cleanup_summary');
  if (cleanup?.status === 'computed' && cleanup.value)
    parts.push(`组织开展规范性文件专项清理，${cleanup.basis.replace(/^\d{4}年清理/, '共清理')}`);
  return parts.length ? `（三）加强行政规范性文件管理。${parts.join('；')}。` : null;
}

/**
 * Pre-fill the sections the record can speak to: (一) with the computed figures, (二) with overdue and
 * unfinished tasks, (四) with the plan items still open. (三) and the causes in (二) are for the unit to write.
 */
export async function prefillSections(
  db: Db,
  year: number,
  orgId: string | null,
  orgName: string,
  figures: FigureSnapshot[],
): Promise<Sections> {
  const by = (c: string) => figures.find((f) => f.code === c);
  const measures: string[] = [];
  const tasks = by('plan.tasks_total');
  if (tasks?.value) {
    measures.push(
      `（一）推进法治政府建设实施方案任务落实。${year}年，${orgName}承担实施方案任务${tasks.value}项，已完成${Math.round(((by('plan.task_completion_pct')?.value ?? 0) * tasks.value) / 100)}项，完成率${fmt(by('plan.task_completion_pct')) ?? '—'}。`,
    );
  }
  const cat = by('decisions.catalog_items');
  if (cat && cat.value !== null) {
    const yoy = fmt(by('decisions.catalog_yoy_pct'));
    const reviewed = fmt(by('decisions.legality_review_coverage_pct'));
    measures.push(
      `（二）推进依法科学民主决策。${year}年度重大行政决策事项目录纳入事项${cat.value}项${yoy ? `，同比变化${yoy}` : ''}${reviewed ? `，作出决定的事项经合法性审查的比例${reviewed}` : ''}。`,
    );
  }
  const normative = normativeParagraph(year, by);
  if (normative) measures.push(normative);
  const met = fmt(by('calendar.deadline_met_pct'));
  if (met)
    measures.push(
      `（四）严格遵守法定期限。全年办结的法定期限事项按期办结率${met}${by('calendar.deadlines_overdue')?.value ? `，仍有${by('calendar.deadlines_overdue')!.value}项超期未办结` : ''}。`,
    );
  const acts = by('audit.recorded_actions');
  if (acts?.value)
    measures.push(`（五）推进数字法治政府建设。全年在平台办理并留痕的业务操作${acts.value}次，各环节全程可追溯。`);

  const open = await db
    .selectFrom('plan_tasks')
    .innerJoin('plan_items', 'plan_items.id', 'plan_tasks.item_id')
    .select(['plan_items.numeral', 'plan_items.title', 'plan_tasks.progress', 'plan_tasks.due_date'])
    .where('plan_tasks.org_id', 'in', subtreeOrgIds(db, orgId))
    .where('plan_tasks.status', '=', 'open')
    .where('plan_tasks.due_date', '<=', `${year}-12-31`)
    .orderBy('plan_items.seq')
    .limit(50)
    .execute();
  const day = today();
  const shortcomings = open.length
    ? `实施方案中以下任务未按期完成：${[...new Set(open.map((t) => `（${t.numeral}）${t.title}（进度${t.progress}%${t.due_date < day ? '，已超期' : ''}）`))].join('；')}。`
    : '';
  const nextYear = open.length
    ? `继续推进尚未完成的实施方案任务：${[...new Set(open.map((t) => `（${t.numeral}）${t.title}`))].join('、')}。`
    : '';
  return { measures: measures.join('\n'), shortcomings, headDuty: '', nextYear, other: '' };
}
