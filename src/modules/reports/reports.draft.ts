import { today } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import type { Db } from '../../platform/db/engine.js';
import { sequence } from '../../platform/ledger/index.js';
import { latestCheckpoint } from '../../platform/ledger/store.js';
import { computeFigure, figureQuery, indicatorRegistry } from '../indicators/index.js';
import { subtreeOrgIds } from '../../platform/access/scope.js';
import type { ModuleManifest } from '../../platform/manifest.js';
import type { FigureSnapshot, Sections } from './reports.tables.js';

/** Figures every annual report carries for its year when their module is enabled (others are simply skipped). */
export const REPORT_FIGURE_CODES = [
  'plan.tasks_total',
  'plan.task_completion_pct',
  'plan.tasks_overdue',
  'plan.inspections',
  'plan.inspection_orders',
  'decisions.catalog_items',
  'decisions.led_items',
  'decisions.catalog_yoy_pct',
  'decisions.legality_review_coverage_pct',
  'decisions.participation_forms',
  'decisions.on_schedule_pct',
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

/**
 * Figures of the adjacent years the text needs: last year's catalog (the base of the year-on-year change, stated
 * even when no percentage can be computed), last year's reports (published on time, 督察规定 Art 24), and next
 * year's catalog and plan tasks (what （四） plans for).
 */
export const REPORT_CONTEXT_FIGURES: { code: string; offset: -1 | 1 }[] = [
  { code: 'decisions.catalog_items', offset: -1 },
  { code: 'reports.published_on_time_pct', offset: -1 },
  { code: 'decisions.catalog_items', offset: 1 },
  { code: 'plan.tasks_total', offset: 1 },
];

/**
 * 公众参与 forms at or below this count are named as a shortcoming in the draft (seed reports name “仅借助…一两种方式”).
 * A drafting cue the unit may delete, not a rule.
 */
export const FEW_PARTICIPATION_FORMS = 2;

export interface Snapshot {
  figures: FigureSnapshot[];
  snapshotAt: Date;
  treeSize: string | null;
  root: string | null;
}

/**
 * Compute the report's figures now, with the ledger checkpoint they were taken against (provenance; signed
 * after the figures are computed, so it covers every anchored record they counted). `scope`
 * is the unit whose subtree is counted (null: the whole government); `orgId` is the report's unit, named in
 * each figure's query link so the link re-runs exactly this query.
 */
export async function snapshotFigures(
  db: Db,
  year: number,
  scope: string | null,
  orgId: string,
  modules: readonly ModuleManifest[],
): Promise<Snapshot> {
  const reg = indicatorRegistry(modules);
  const figures: FigureSnapshot[] = [];
  const take = async (code: string, y: number) => {
    if (!reg.has(code)) return;
    const f = await computeFigure(reg, db, code, { year: y, orgId: scope }, 200);
    figures.push({
      ...f,
      label: y === year ? f.label : `${f.label}（${y}年度）`,
      year: y,
      query: figureQuery(code, y, orgId),
    });
  };
  for (const code of REPORT_FIGURE_CODES) await take(code, year);
  for (const c of REPORT_CONTEXT_FIGURES) await take(c.code, year + c.offset);
  // Sequence what is queued and sign a checkpoint now (as the ledger job would), so the checkpoint the figures
  // cite covers every record anchored before they were taken, not just the last scheduled run.
  // Before the ledger is up (the demo seed drafts before the server starts) the latest checkpoint stands.
  await sequence(db).catch((e: unknown) => {
    if (!(e instanceof AppError && e.code === 'unavailable')) throw e;
  });
  const cp = await latestCheckpoint(db);
  return {
    figures,
    snapshotAt: new Date(),
    treeSize: cp ? String(cp.treeSize) : null,
    root: cp ? cp.rootHash.toString('hex') : null,
  };
}

type By = (code: string, offset?: number) => FigureSnapshot | undefined;

const num = (f: FigureSnapshot | undefined): number | null =>
  f && f.status === 'computed' && f.value !== null ? f.value : null;
const fmt = (f: FigureSnapshot | undefined) => {
  const v = num(f);
  return v === null ? null : `${v}${f!.unit}`;
};
const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** “（一）…”, “（二）…” in order, so a paragraph left out does not leave a gap in the numbering. */
const numbered = (parts: string[]) => parts.map((p, i) => `（${CN[i] ?? i + 1}）${p}`);
/** “一是…”, “二是…” as the seed reports list shortcomings and plans. */
const listed = (parts: string[]) => parts.map((p, i) => `${CN[i] ?? i + 1}是${p}`);

/** （一）实施方案: the tasks due in the year, how many are done, how many are overdue. */
function planParagraph(year: number, who: string, by: By): string | null {
  const total = num(by('plan.tasks_total'));
  const pct = num(by('plan.task_completion_pct'));
  if (!total || pct === null) return null;
  // Exact for fewer than 1,000 tasks (the rate has one decimal).
  const done = Math.round((pct * total) / 100);
  const overdue = num(by('plan.tasks_overdue'));
  return `推进法治政府建设实施方案任务落实。${year}年，${who}承担实施方案任务${total}项，已完成${done}项，完成率${pct}%${overdue ? `，超期未完成${overdue}项` : ''}。`;
}

/** 政府督查 (政府督查工作条例): inspections begun in the year and the follow-up orders (督办单) they issued. */
function inspectionParagraph(year: number, gov: boolean, by: By): string | null {
  const n = num(by('plan.inspections'));
  const m = num(by('plan.inspection_orders'));
  if (!n && !m) return null;
  return gov
    ? `强化法治政府建设督查。${year}年开展政府督查${n ?? 0}次，下发督办单${m ?? 0}件。`
    : `配合法治政府建设督查。${year}年接受政府督查${n ?? 0}次，收到督办单${m ?? 0}件。`;
}

/** 重大行政决策: items in the year's catalog, the change on last year, legality review, participation, schedule. */
function decisionsParagraph(year: number, by: By): string | null {
  const n = num(by('decisions.catalog_items'));
  const led = num(by('decisions.led_items'));
  if (n === null) return null;
  // A department without a catalog of its own still leads items of the government's: say that, not "0 items".
  if (n === 0 && led) return `推进依法科学民主决策。${year}年度牵头承办重大行政决策事项${led}项。`;
  const parts = [`${year}年度重大行政决策事项目录纳入事项${n}项`];
  const prev = num(by('decisions.catalog_items', -1));
  const yoy = num(by('decisions.catalog_yoy_pct'));
  if (yoy !== null)
    parts[0] +=
      yoy === 0
        ? `，与${year - 1}年度（${prev ?? n}项）持平`
        : `，较${year - 1}年度${prev !== null ? `（${prev}项）` : ''}同比${yoy > 0 ? '提高' : '下降'}${Math.abs(yoy)}%`;
  else if (n > 0 && prev === 0) parts[0] += `（${year - 1}年度目录纳入0项，不计算同比）`;
  const reviewed = fmt(by('decisions.legality_review_coverage_pct'));
  if (reviewed) parts.push(`作出决定的事项经合法性审查的比例${reviewed}`);
  const forms = num(by('decisions.participation_forms'));
  if (n > 0 && forms) parts.push(`目录事项共采用${forms}种公众参与形式`);
  const onTime = fmt(by('decisions.on_schedule_pct'));
  if (onTime) parts.push(`计划完成时间已到的事项按期完成率${onTime}`);
  if (led) parts.push(`牵头承办事项${led}项`);
  return `推进依法科学民主决策。${parts.join('，')}。`;
}

/**
 * 行政规范性文件: how many were issued in the year (the documents behind the filing rate), the filing,
 * on-time, conformity and legality-review rates (示范指标 No. 27), the documents in force and the clean-up result
 * ("清理现行有效规范性文件66件：继续有效51件…", the basis text of `normative.cleanup_summary`).
 */
function normativeParagraph(year: number, by: By): string | null {
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
  const inForce = num(by('normative.in_force_count'));
  if (inForce) parts.push(`现行有效规范性文件${inForce}件`);
  const cleanup = by('normative.cleanup_summary');
  if (num(cleanup))
    parts.push(
      `组织开展规范性文件专项清理，${cleanup!.basis.replace(/^\d{4}年清理/, '共清理').replace(/，未定0件$/, '')}`,
    );
  return parts.length ? `加强行政规范性文件管理。${parts.join('；')}。` : null;
}

/** 年度报告制度: whether last year's reports were published by 1 April (the figure of the year before). */
function reportsParagraph(year: number, gov: boolean, by: By): string | null {
  const f = by('reports.published_on_time_pct', -1);
  const v = num(f);
  if (v === null) return null;
  return `落实法治政府建设年度报告制度。${gov ? `全区${f!.recordCount}份` : ''}${year - 1}年度法治政府建设情况报告按时（次年4月1日前）向社会公开的比例为${v}%。`;
}

interface OpenTask {
  numeral: string;
  title: string;
  progress: number;
  due_date: string;
}

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

/**
 * Pre-fill the sections the record can speak to: (一) with the computed figures, (二) with unfinished tasks
 * and the figures that fall short, (四) with the plan items still open and what next year's record already
 * holds. (三) and the causes in (二) are for the unit to write; nothing is filled with placeholders.
 */
export async function prefillSections(
  db: Db,
  year: number,
  orgId: string | null,
  orgName: string,
  figures: FigureSnapshot[],
): Promise<Sections> {
  const by: By = (c, offset = 0) => figures.find((f) => f.code === c && (f.year ?? year) === year + offset);
  const gov = orgId === null;
  const measures: string[] = [];
  const add = (p: string | null) => p && measures.push(p);
  add(planParagraph(year, gov ? '全区各责任单位' : orgName, by));
  add(decisionsParagraph(year, by));
  add(normativeParagraph(year, by));
  add(inspectionParagraph(year, gov, by));
  const met = fmt(by('calendar.deadline_met_pct'));
  const overdueDeadlines = num(by('calendar.deadlines_overdue'));
  if (met)
    add(
      `严格遵守法定期限。全年办结的法定期限事项按期办结率${met}${overdueDeadlines ? `，仍有${overdueDeadlines}项超期未办结` : ''}。`,
    );
  add(reportsParagraph(year, gov, by));
  const acts = num(by('audit.recorded_actions'));
  if (acts) add(`推进数字法治政府建设。全年在平台办理并留痕的业务操作${acts}次，各环节全程可追溯。`);

  const open = await db
    .selectFrom('plan_tasks')
    .innerJoin('plan_items', 'plan_items.id', 'plan_tasks.item_id')
    .select(['plan_items.numeral', 'plan_items.title', 'plan_tasks.progress', 'plan_tasks.due_date'])
    .where('plan_tasks.org_id', 'in', subtreeOrgIds(db, orgId))
    .where('plan_tasks.status', '=', 'open')
    .where('plan_tasks.due_date', '<=', `${year}-12-31`)
    .orderBy('plan_items.seq')
    .limit(2000)
    .execute();
  const day = today();
  const openText = openItems(open, gov, day);

  const short: string[] = [];
  if (openText) short.push(`实施方案中以下任务未按期完成：${openText}。`);
  const forms = num(by('decisions.participation_forms'));
  if ((num(by('decisions.catalog_items')) ?? 0) > 0 && forms !== null && forms <= FEW_PARTICIPATION_FORMS)
    short.push(`重大行政决策公众参与形式不够多样，${year}年度目录事项仅采用${forms}种公众参与形式。`);
  const onSchedule = num(by('decisions.on_schedule_pct'));
  if (onSchedule !== null && onSchedule < 100)
    short.push(`部分重大行政决策事项未按计划完成，按期完成率${onSchedule}%。`);
  const filing = num(by('normative.filing_rate_pct'));
  if (filing !== null && filing < 100) short.push(`${year}年制发的行政规范性文件未全部报送备案，报备率${filing}%。`);
  if (overdueDeadlines) short.push(`仍有${overdueDeadlines}项法定期限超期未办结。`);

  const next: string[] = [];
  if (openText) {
    const names = [...new Set(open.map((t) => `（${t.numeral}）${t.title}`))];
    next.push(
      `继续推进尚未完成的实施方案任务：${names.slice(0, 15).join('、')}${names.length > 15 ? `等${names.length}项` : ''}。`,
    );
  }
  const nextTasks = num(by('plan.tasks_total', 1));
  if (nextTasks) next.push(`按期完成${year + 1}年到期的实施方案任务${nextTasks}项。`);
  const nextCatalog = num(by('decisions.catalog_items', 1));
  if (nextCatalog) next.push(`按照${year + 1}年度重大行政决策事项目录，依法推进${nextCatalog}项决策事项。`);

  return {
    measures: numbered(measures).join('\n'),
    shortcomings: short.length > 1 ? listed(short).join('\n') : short.join(''),
    headDuty: '',
    nextYear: next.length > 1 ? listed(next).join('\n') : next.join(''),
    other: '',
  };
}
