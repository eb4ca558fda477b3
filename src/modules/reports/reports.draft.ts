import { today } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import type { Db } from '../../platform/db/engine.js';
import { sequence } from '../../platform/ledger/index.js';
import { latestCheckpoint } from '../../platform/ledger/store.js';
import { computeFigure, figureQuery, indicatorRegistry } from '../indicators/index.js';
import type { ModuleManifest, ReportInput, ReportSection } from '../../platform/manifest.js';
import { listed, numbered } from '../../platform/report-text.js';
import type { FigureSnapshot, Sections } from './reports.tables.js';

/**
 * The figures a report takes: every figure the enabled modules' report contributions state, each with its year
 * offset (last year's catalog for the year-on-year change, next year's for （四） …), once, in contribution order.
 * Reports names no module: what it drafts is what the manifests give it.
 */
export function reportFigures(modules: readonly ModuleManifest[]): { code: string; offset: number }[] {
  const seen = new Set<string>();
  const out: { code: string; offset: number }[] = [];
  for (const c of contributions(modules))
    for (const f of c.figures) {
      const key = `${f.code}@${f.offset ?? 0}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push({ code: f.code, offset: f.offset ?? 0 });
      }
    }
  return out;
}

const contributions = (modules: readonly ModuleManifest[]) =>
  modules.flatMap((m) => m.report ?? []).sort((x, y) => x.order - y.order);

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
  now: Date,
): Promise<Snapshot> {
  const reg = indicatorRegistry(modules);
  const figures: FigureSnapshot[] = [];
  const take = async (code: string, y: number) => {
    if (!reg.has(code)) return;
    const f = await computeFigure(reg, db, code, { year: y, orgId: scope, today: today(now) }, 200);
    figures.push({
      ...f,
      label: y === year ? f.label : `${f.label}（${y}年度）`,
      year: y,
      query: figureQuery(code, y, orgId),
    });
  };
  for (const f of reportFigures(modules)) await take(f.code, year + f.offset);
  // Sequence what is queued and sign a checkpoint now (as the ledger job would), so the checkpoint the figures
  // cite covers every record anchored before they were taken, not just the last scheduled run.
  // Before the ledger is up (the demo seed drafts before the server starts) the latest checkpoint stands.
  await sequence(db).catch((e: unknown) => {
    if (!(e instanceof AppError && e.code === 'unavailable')) throw e;
  });
  const cp = await latestCheckpoint(db);
  return {
    figures,
    snapshotAt: now,
    treeSize: cp ? String(cp.treeSize) : null,
    root: cp ? cp.rootHash.toString('hex') : null,
  };
}

/**
 * Pre-fill the sections the record can speak to, from the modules' report contributions in their order: (一) the
 * measures and results, (二) the shortcomings the figures show, (四) what remains and what next year's record
 * already holds. (三) and the causes in (二) are for the unit to write; nothing is filled with placeholders.
 */
export async function prefillSections(
  db: Db,
  year: number,
  scope: string | null,
  orgName: string,
  figures: FigureSnapshot[],
  modules: readonly ModuleManifest[],
  now: Date,
): Promise<Sections> {
  const input: ReportInput = {
    year,
    scope,
    orgName,
    isGovernment: scope === null,
    today: today(now),
    db,
    figure: (c, offset = 0) => figures.find((f) => f.code === c && (f.year ?? year) === year + offset),
  };
  const write = async (section: ReportSection) => {
    const out: string[] = [];
    for (const c of contributions(modules).filter((x) => x.section === section))
      for (const p of await c.paragraphs(input)) if (p) out.push(p);
    return out;
  };
  const measures = await write('measures');
  const short = await write('shortcomings');
  const next = await write('nextYear');
  return {
    measures: numbered(measures).join('\n'),
    shortcomings: short.length > 1 ? listed(short).join('\n') : short.join(''),
    headDuty: '',
    nextYear: next.length > 1 ? listed(next).join('\n') : next.join(''),
    other: '',
  };
}
