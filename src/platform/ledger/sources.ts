import { sql } from 'kysely';
import type { Executor } from '../db/engine.js';
import { bytesEqual } from './encoding.js';
import { sha256 } from './hashing.js';
import { canonicalize } from './jcs.js';
import type { Problem } from './problems.js';
import { AUDIT_RECORD_KIND } from './store.js';
import './tables.js';

/**
 * Record sources: how the tamper sweep reaches a published record's *own* rows.
 *
 * A module entry's leaf commits to `ledger_entries.content`, but the portal serves the module's rows
 * (a stage record's public summary, a catalog version's snapshot, a decision's published text). Checking the
 * entry against its stored copy alone cannot see an edit to those rows. So a module registers, at `init`, one
 * source per record kind it anchors:
 *
 *   registerRecordSource('decision.stage', async (db, ids) => new Map(rows.map((r) => [r.id, contentOf(r)])));
 *
 * The source returns, for each record id it still has, the content exactly as the module would pass it to
 * `anchorRecord` now (the sweep canonicalises it with RFC 8785 and hashes it); an id it leaves out is a
 * deleted record. The sweep compares that hash with the anchored `contentHash` and raises `record_altered` /
 * `record_missing` alarms (audited, administrators notified) like every other problem. Rules for sources:
 * - derive the content only from rows that are fixed once published (snapshots, stored names), never from
 *   live data that may change lawfully (an organisation's current name), or every rename becomes an alarm;
 * - be batch-friendly: one query per call (the sweep passes up to 5,000 ids), no per-id round trips unless
 *   unavoidable;
 * - ignore ids that are not theirs (a malformed id simply comes back missing).
 * Only the newest entry of a record (by `seq`) is compared: a module that re-anchors a record with new content
 * supersedes the older entry, which stays checked against its own stored content.
 */
export type RecordSource = (db: Executor, recordIds: string[]) => Promise<Map<string, unknown>>;

const sources = new Map<string, RecordSource>();

/** Registers (or replaces) the source of one record kind; call it from the module's `init`. */
export function registerRecordSource(recordKind: string, source: RecordSource): void {
  if (recordKind === AUDIT_RECORD_KIND) throw new Error('audit events are re-derived by the ledger itself');
  sources.set(recordKind, source);
}

/** The record kinds whose sources are registered (for the admin view and tests). */
export function recordSourceKinds(): string[] {
  return [...sources.keys()].sort();
}

export interface SourcedRow {
  idx: string;
  seq: string;
  record_kind: string;
  record_id: string;
  content_hash: Buffer;
}

/**
 * Compares each row's anchored content hash with the content its module re-derives from the source rows.
 * `rows` are entries whose stored content already matched their content hash (so a mismatch here is a change
 * to the module's data, not to the ledger).
 */
export async function checkRecordSources(
  db: Executor,
  rows: SourcedRow[],
  report: (p: Problem) => void,
): Promise<void> {
  const byKind = new Map<string, SourcedRow[]>();
  for (const r of rows) {
    if (!sources.has(r.record_kind)) continue;
    const list = byKind.get(r.record_kind) ?? [];
    list.push(r);
    byKind.set(r.record_kind, list);
  }
  for (const [kind, list] of byKind) {
    const ids = [...new Set(list.map((r) => r.record_id))];
    // The newest entry of each record, queued ones included: only that one must agree with today's rows.
    const newest = new Map(
      (
        await sql<{ record_id: string; seq: string }>`
          select record_id, max(seq)::text as seq from ledger_entries
          where record_kind = ${kind} and record_id = any(${ids}::text[]) group by record_id`.execute(db)
      ).rows.map((r) => [r.record_id, r.seq]),
    );
    let derived: Map<string, unknown>;
    try {
      derived = await sources.get(kind)!(db, ids);
    } catch (e) {
      report({
        kind: 'record_source_failed',
        key: `record_source_failed:${kind}`,
        entryIndex: null,
        recordKind: kind,
        recordId: null,
        detail: { error: e instanceof Error ? e.message : String(e) },
      });
      continue;
    }
    for (const r of list) {
      if (newest.get(r.record_id) !== String(r.seq)) continue;
      const ref = { entryIndex: String(r.idx), recordKind: kind, recordId: r.record_id };
      if (!derived.has(r.record_id)) {
        report({ kind: 'record_missing', key: `record_missing:${r.idx}`, ...ref, detail: {} });
        continue;
      }
      let hash: Buffer;
      try {
        hash = sha256(canonicalize(derived.get(r.record_id)));
      } catch (e) {
        report({
          kind: 'record_source_failed',
          key: `record_source_failed:${kind}`,
          ...ref,
          detail: { error: e instanceof Error ? e.message : String(e) },
        });
        continue;
      }
      if (!bytesEqual(hash, r.content_hash)) {
        report({
          kind: 'record_altered',
          key: `record_altered:${r.idx}`,
          ...ref,
          detail: { anchoredHash: r.content_hash.toString('hex'), recomputedHash: hash.toString('hex') },
        });
      }
    }
  }
}

/**
 * The newest anchored content of each record, as stored with its entry. A source may carry over from it what
 * the module's rows do not hold and may lawfully change elsewhere (an organisation's name at publication, a
 * statute's title and status): what is re-derived is the module's own record, not the world around it.
 */
export async function anchoredContents(
  db: Executor,
  recordKind: string,
  recordIds: string[],
): Promise<Map<string, Record<string, unknown>>> {
  if (recordIds.length === 0) return new Map();
  const { rows } = await sql<{ record_id: string; content: string | null }>`
    select distinct on (record_id) record_id, content from ledger_entries
    where record_kind = ${recordKind} and record_id = any(${recordIds}::text[])
    order by record_id, seq desc`.execute(db);
  return new Map(
    rows.map((r) => {
      const c = typeof r.content === 'string' ? JSON.parse(r.content) : r.content;
      return [r.record_id, (c ?? {}) as Record<string, unknown>];
    }),
  );
}

/**
 * Whether a record's current rows still say what was anchored — what a proof badge must know before it shows
 * "已上链". `unchecked`: the kind has no source (audit events are checked by the sweep itself); `superseded`: a
 * newer entry of the record exists (the record was re-published), so this one is history, not the current text.
 */
export type RecordState = 'matches' | 'altered' | 'missing' | 'superseded' | 'unchecked';

export async function recordState(
  db: Executor,
  e: { record_kind: string; record_id: string; content_hash: Buffer; seq?: string },
): Promise<RecordState> {
  const source = sources.get(e.record_kind);
  if (!source) return 'unchecked';
  if (e.seq !== undefined) {
    const newest = await sql<{ seq: string }>`select max(seq)::text as seq from ledger_entries
      where record_kind = ${e.record_kind} and record_id = ${e.record_id}`.execute(db);
    if (newest.rows[0]?.seq !== String(e.seq)) return 'superseded';
  }
  const derived = await source(db, [e.record_id]);
  if (!derived.has(e.record_id)) return 'missing';
  return bytesEqual(sha256(canonicalize(derived.get(e.record_id))), e.content_hash) ? 'matches' : 'altered';
}
