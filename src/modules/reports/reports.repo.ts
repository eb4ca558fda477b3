import type { Executor } from '../../platform/db/engine.js';
import { notFound } from '../../platform/errors.js';
import type { FigureSnapshot, Sections } from './reports.tables.js';
import './reports.tables.js';

const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

export async function loadReport(db: Executor, id: string, lock = false) {
  let q = db
    .selectFrom('annual_reports')
    .innerJoin('organizations', 'organizations.id', 'annual_reports.org_id')
    .selectAll('annual_reports')
    .select(['organizations.name as org_name', 'organizations.path as org_path', 'organizations.kind as org_kind'])
    .where('annual_reports.id', '=', id);
  if (lock) q = q.forUpdate('annual_reports');
  const r = await q.executeTakeFirst();
  if (!r) throw notFound('年度报告');
  return { ...r, sections: parse<Sections>(r.sections), figures: parse<FigureSnapshot[]>(r.figures) };
}
export type ReportRow = Awaited<ReturnType<typeof loadReport>>;
