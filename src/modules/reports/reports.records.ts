import type { Executor } from '../../platform/db/engine.js';
import { anchoredContents } from '../../platform/ledger/index.js';
import type { RecordKindDef } from '../../platform/manifest.js';
import { publicReport } from './reports.presenter.js';
import type { FigureSnapshot, Sections } from './reports.tables.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/**
 * A published annual report (record kind `annual_report`, record id = report id) re-derived from its row for
 * the tamper sweep: title, document number, sections, figures and publication time are the report's own; the
 * organisation's name is the one it was published under (carried over from the anchored copy, since a lawful
 * rename of the unit must not raise an alarm).
 */
async function reportSource(db: Executor, ids: string[]): Promise<Map<string, unknown>> {
  const uuids = ids.filter((i) => UUID.test(i));
  if (uuids.length === 0) return new Map();
  const rows = await db
    .selectFrom('annual_reports')
    .selectAll()
    .where('id', 'in', uuids)
    .where('status', '=', 'published')
    .execute();
  const anchored = await anchoredContents(db, 'annual_report', uuids);
  return new Map(
    rows.map((r) => [
      r.id,
      publicReport({
        ...r,
        org_name: String(anchored.get(r.id)?.orgName ?? ''),
        sections: parse<Sections>(r.sections),
        figures: parse<FigureSnapshot[]>(r.figures),
      }),
    ]),
  );
}

export const reportRecordKinds: RecordKindDef[] = [
  { kind: 'annual_report', label: '法治政府建设年度报告', source: reportSource },
];
