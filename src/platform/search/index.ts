/**
 * Chinese full-text search as a platform service. Modules index their public records with
 * `indexEntry(trx, {...})` inside the publishing transaction and query with `searchEntries(db, {...})`.
 * Segmentation: jieba in the application; matching and ranking: tsvector/GIN in the database.
 */
import { type Generated, sql } from 'kysely';
import type { Executor } from '../db/engine.js';
import { badRequest } from '../errors.js';
import { buildTsQuery, highlightTerms, queryWords, segmentForIndex } from './segment.js';
import { makeSnippet, type SnippetPart } from './snippet.js';

export { buildTsQuery, highlightTerms, LEGAL_TERMS, queryWords, segmentForIndex } from './segment.js';
export { makeSnippet, type SnippetPart } from './snippet.js';

export type SearchKind = 'law' | 'normative_doc';

export interface SearchEntryTable {
  id: Generated<string>;
  kind: SearchKind;
  ref_id: string;
  title: string;
  subtitle: string | null;
  body: string;
  title_tokens: string;
  body_tokens: string;
  org_id: string | null;
  status: string;
  year: number | null;
  is_current: Generated<boolean>;
  updated_at: Generated<Date>;
}

declare module '../db/schema.js' {
  interface Database {
    search_entries: SearchEntryTable;
  }
}

export interface IndexInput {
  kind: SearchKind;
  refId: string;
  title: string;
  subtitle?: string | null;
  body: string;
  orgId?: string | null;
  status: string;
  year?: number | null;
  isCurrent?: boolean;
}

/** The row to store for a record: segmentation happens here, once, at write time. */
export function entryRow(e: IndexInput) {
  return {
    kind: e.kind,
    ref_id: e.refId,
    title: e.title,
    subtitle: e.subtitle ?? null,
    body: e.body,
    title_tokens: segmentForIndex(e.title),
    body_tokens: segmentForIndex(e.body),
    org_id: e.orgId ?? null,
    status: e.status,
    year: e.year ?? null,
    is_current: e.isCurrent ?? true,
  };
}

/**
 * Insert or replace the search entry of a record (call inside the transaction that changes the record); `now` is
 * the command's time from the injected clock.
 */
export async function indexEntry(trx: Executor, e: IndexInput, now: Date): Promise<void> {
  const row = entryRow(e);
  await trx
    .insertInto('search_entries')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['kind', 'ref_id']).doUpdateSet({
        title: row.title,
        subtitle: row.subtitle,
        body: row.body,
        title_tokens: row.title_tokens,
        body_tokens: row.body_tokens,
        org_id: row.org_id,
        status: row.status,
        year: row.year,
        is_current: row.is_current,
        updated_at: now,
      }),
    )
    .execute();
}

/** Change only the facets (status, currency) of an entry, e.g. when a document lapses. */
export async function updateEntryFacets(
  trx: Executor,
  kind: SearchKind,
  refId: string,
  facets: { status?: string; isCurrent?: boolean },
  now: Date,
): Promise<void> {
  const set: { status?: string; is_current?: boolean; updated_at: Date } = { updated_at: now };
  if (facets.status !== undefined) set.status = facets.status;
  if (facets.isCurrent !== undefined) set.is_current = facets.isCurrent;
  await trx.updateTable('search_entries').set(set).where('kind', '=', kind).where('ref_id', '=', refId).execute();
}

export interface SearchParams {
  q: string;
  kinds?: SearchKind[];
  status?: string[];
  orgId?: string;
  year?: number;
  limit?: number;
  offset?: number;
  /** Matches are counted up to this many; beyond it the total is reported as “more than”. */
  countCap?: number;
}

export interface SearchHit {
  kind: SearchKind;
  refId: string;
  title: string;
  subtitle: string | null;
  status: string;
  year: number | null;
  orgId: string | null;
  titleHit: boolean;
  rank: number;
  snippet: SnippetPart[];
}

export interface SearchResult {
  /** Number of matches, exact when `totalCapped` is false, otherwise a lower bound (the count cap). */
  total: number;
  totalCapped: boolean;
  items: SearchHit[];
}

/** Counting every match of a very common word costs as much as reading every match; people read “1000+”. */
export const DEFAULT_COUNT_CAP = 1000;
/** Body-only matches ranked per page beyond the page itself (see `searchEntries`). */
const BODY_CANDIDATES = 150;
/** Title matches ranked per page beyond the page itself. */
const TITLE_CANDIDATES = 40;

type Row = {
  kind: SearchKind;
  ref_id: string;
  title: string;
  subtitle: string | null;
  status: string;
  year: number | null;
  org_id: string | null;
  title_hit: boolean;
  rank: number;
  excerpt: string;
  total: string;
};

/**
 * Ranked search: records whose title matches the query come first, then current versions, then by
 * ts_rank (normalised by document length) plus how much of the title the query covers.
 *
 * Cost is bounded by the page, not by the number of matches. A tsvector of a statute or document is
 * several kilobytes and stored out of line, so every row whose `tsv` is read (to re-check a match or to
 * rank it) costs a detoast; a common word (责任) matches nearly every row. Therefore:
 * - matching is answered by the GIN indexes alone (no re-check is needed for plain &/| queries), and the
 *   planner is told not to prefer a sequential scan, which it would for a word found in most rows but which
 *   would read every vector;
 * - the total is counted up to `countCap` (then reported as a lower bound);
 * - only a bounded candidate set is ranked with ts_rank: the title matches with the highest title coverage
 *   (from the small title index) and a bounded slice of the body-only matches.
 * Relevance is kept where it matters: a title match always outranks a body match, and among title matches
 * coverage decides (行政复议 → 行政复议法 before 行政复议法实施条例).
 * The snippet window is cut in SQL around the first occurrence of the longest query term, so large
 * statutes are never shipped to the application whole.
 */
export async function searchEntries(db: Executor, p: SearchParams): Promise<SearchResult> {
  const q = p.q.trim();
  if (q.length === 0) throw badRequest('请输入检索词', { field: 'q' });
  const tsq = buildTsQuery(q);
  if (!tsq) return { total: 0, totalCapped: false, items: [] };
  const terms = highlightTerms(q);
  const anchor = terms[0] ?? q;
  const queryLen = queryWords(q).join('').length;
  const limit = Math.min(Math.max(p.limit ?? 20, 1), 100);
  const offset = Math.max(p.offset ?? 0, 0);
  const countCap = Math.max(p.countCap ?? DEFAULT_COUNT_CAP, offset + limit);
  const filters = [sql`true`];
  if (p.kinds?.length) filters.push(sql`e.kind in (${sql.join(p.kinds)})`);
  if (p.status?.length) filters.push(sql`e.status in (${sql.join(p.status)})`);
  if (p.orgId) filters.push(sql`e.org_id = ${p.orgId}`);
  if (p.year) filters.push(sql`e.year = ${p.year}`);
  const where = sql.join(filters, sql` and `);
  const coverage = sql`${queryLen}::float8 / greatest(char_length(regexp_replace(e.title, '^中华人民共和国', '')), 1)`;
  const query = sql<Row>`
    with query as materialized (select to_tsquery('simple', ${tsq}) as query),
    matched as materialized (
      select e.id, e.title_tsv @@ query as title_hit
      from search_entries e, query
      where e.tsv @@ query and ${where}
      limit ${countCap + 1}
    ),
    title_c as (
      select e.id from search_entries e, query
      where e.title_tsv @@ query and ${where}
      order by e.is_current desc, ${coverage} desc, e.id
      limit ${offset + limit + TITLE_CANDIDATES}
    ),
    body_c as (select id from matched where not title_hit limit ${offset + limit + BODY_CANDIDATES}),
    hits as (
      select e.id, e.title_tsv @@ query as title_hit, e.is_current,
             -- Body relevance (length-normalised, bounded below 1) plus how much of the title the query covers,
             -- so that 行政复议法 outranks 行政复议法实施条例 for 行政复议.
             ts_rank(e.tsv, query, 1 | 32) + case when e.title_tsv @@ query then ${coverage} else 0 end as rank,
             char_length(e.title) as title_len
      from (select id from title_c union select id from body_c) c
      join search_entries e on e.id = c.id, query
      order by title_hit desc, e.is_current desc, rank desc, title_len asc, e.id
      limit ${limit} offset ${offset}
    )
    select e.kind, e.ref_id, e.title, e.subtitle, e.status, e.year, e.org_id, h.title_hit, h.rank::float8 as rank,
           (select count(*) from matched) as total,
           substr(e.body, greatest(1, strpos(lower(e.body), ${anchor}) - 40), 240) as excerpt
    from hits h join search_entries e on e.id = h.id
    order by h.title_hit desc, h.is_current desc, h.rank desc, h.title_len asc, e.id`;
  // Inside the caller's transaction the statement runs as it is; otherwise in a short read transaction that
  // steers the planner to the GIN indexes (SET LOCAL ends with it).
  const rows = db.isTransaction
    ? (await query.execute(db)).rows
    : await db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        return (await query.execute(trx)).rows;
      });
  let total = rows.length ? Number(rows[0]!.total) : 0;
  if (rows.length === 0 && offset > 0) {
    const c = await sql<{ n: string }>`
      select count(*) as n from (
        select 1 from search_entries e where e.tsv @@ to_tsquery('simple', ${tsq}) and ${where} limit ${countCap + 1}
      ) x`.execute(db);
    total = Number(c.rows[0]!.n);
  }
  const totalCapped = total > countCap;
  return {
    total: Math.min(total, countCap),
    totalCapped,
    items: rows.map((r) => ({
      kind: r.kind,
      refId: r.ref_id,
      title: r.title,
      subtitle: r.subtitle,
      status: r.status,
      year: r.year,
      orgId: r.org_id,
      titleHit: r.title_hit,
      rank: Number(r.rank),
      snippet: makeSnippet(r.excerpt, terms, 120),
    })),
  };
}
