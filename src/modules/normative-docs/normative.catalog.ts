import { createHash } from 'node:crypto';
import { computeDue, today } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/engine.js';
import { CATALOG_SECTIONS, type CatalogEntries, type CatalogEntry, type CatalogSection } from './normative.tables.js';

/**
 * 年度规范性文件目录 (上海市人大常委会规范性文件备案审查条例 Art 13: the catalog of the documents made, amended
 * and repealed in the previous year, by 31 January). Computed from the module's own records, per issuing body:
 *
 *   made      documents published in the year (公布日期);
 *   amended   documents whose issuing body decided in a clean-up during the year to amend them (清理决定修改).
 *             The module has no separate amendment procedure: a revised text is made and published as a new
 *             document, which then appears under "made";
 *   repealed  documents repealed in the year (本机关决定或清理决定废止);
 *   lapsed    documents that lapsed in the year (有效期届满或清理宣布失效).
 */

export const SECTION_LABELS: Record<CatalogSection, string> = {
  made: '制定',
  amended: '修改',
  repealed: '废止',
  lapsed: '失效',
};

/** The rule giving the due date: 31 January of the following year by default (configurable on the rules page). */
export const CATALOG_RULE = 'normative.annual_catalog';
export const catalogDueOn = (year: number) => computeDue(CATALOG_RULE, `${year}-12-31`).due;

export const catalogTitle = (orgName: string, year: number) =>
  `${orgName}${year}年度制定、修改、废止的行政规范性文件目录`;

const empty = (): CatalogEntries => ({ made: [], amended: [], repealed: [], lapsed: [] });

export const countsOf = (e: CatalogEntries): Record<CatalogSection, number> => ({
  made: e.made.length,
  amended: e.amended.length,
  repealed: e.repealed.length,
  lapsed: e.lapsed.length,
});

/** Hash of the entries alone: tells whether the record has changed since a catalog was published. */
export const entriesHash = (e: CatalogEntries) =>
  createHash('sha256')
    .update(JSON.stringify(CATALOG_SECTIONS.map((s) => e[s])), 'utf8')
    .digest('hex');

/** Beijing-time bounds of a year as instants (timestamps such as a clean-up decision's time). */
const yearInstants = (year: number) => ({
  from: new Date(`${year}-01-01T00:00:00+08:00`),
  to: new Date(`${year + 1}-01-01T00:00:00+08:00`),
});

/** The catalog entries of each given issuing body for a year (bodies without entries get empty sections). */
export async function catalogEntries(
  db: Executor,
  orgIds: string[],
  year: number,
): Promise<Map<string, CatalogEntries>> {
  const out = new Map<string, CatalogEntries>(orgIds.map((id) => [id, empty()]));
  if (orgIds.length === 0) return out;
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const push = (orgId: string, s: CatalogSection, e: CatalogEntry) => out.get(orgId)?.[s].push(e);

  const made = await db
    .selectFrom('normative_docs')
    .select(['id', 'org_id', 'title', 'registration_no', 'published_on'])
    .where('org_id', 'in', orgIds)
    .where('published_on', '>=', from)
    .where('published_on', '<=', to)
    .orderBy('published_on')
    .orderBy('registration_seq')
    .execute();
  for (const d of made)
    push(d.org_id, 'made', {
      docId: d.id,
      title: d.title,
      registrationNo: d.registration_no,
      on: d.published_on!,
      note: null,
    });

  const { from: t0, to: t1 } = yearInstants(year);
  const amended = await db
    .selectFrom('normative_cleanup_items as i')
    .innerJoin('normative_docs as d', 'd.id', 'i.doc_id')
    .select(['d.id', 'i.org_id', 'd.title', 'd.registration_no', 'i.decided_at', 'i.reason'])
    .where('i.org_id', 'in', orgIds)
    .where('i.outcome', '=', 'amend')
    .where('i.decided_at', '>=', t0)
    .where('i.decided_at', '<', t1)
    .orderBy('i.decided_at')
    .execute();
  const seen = new Set<string>();
  for (const a of amended) {
    if (seen.has(a.id)) continue; // decided in two clean-ups of the same year: listed once
    seen.add(a.id);
    push(a.org_id, 'amended', {
      docId: a.id,
      title: a.title,
      registrationNo: a.registration_no,
      on: today(a.decided_at!),
      note: a.reason,
    });
  }

  const ended = await db
    .selectFrom('normative_docs')
    .select(['id', 'org_id', 'title', 'registration_no', 'status', 'ended_on', 'end_reason'])
    .where('org_id', 'in', orgIds)
    .where('status', 'in', ['repealed', 'expired'])
    .where('ended_on', '>=', from)
    .where('ended_on', '<=', to)
    .orderBy('ended_on')
    .orderBy('registration_no')
    .execute();
  for (const d of ended)
    push(d.org_id, d.status === 'repealed' ? 'repealed' : 'lapsed', {
      docId: d.id,
      title: d.title,
      registrationNo: d.registration_no,
      on: d.ended_on!,
      note: d.end_reason,
    });
  return out;
}

/** Stored JSON columns come back as objects on PostgreSQL and PGlite alike; strings only from old drivers. */
export const parseJson = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
