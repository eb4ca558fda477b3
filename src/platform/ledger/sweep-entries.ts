/**
 * The sweep's checks of the stored log (see sweep.ts): each leaf against its record, each interior node
 * against its children, and audit rows that were never anchored.
 */
import { sql } from 'kysely';
import type { Executor } from '../db/engine.js';
import { bytesEqual } from './encoding.js';
import { hashChildren, sha256 } from './hashing.js';
import { canonicalize } from './jcs.js';
import { AUDIT_RECORD_KIND, auditCanonical, buildEnvelope, envelopeLeaf } from './store.js';
import type { Problem } from './problems.js';
import { checkRecordSources, type SourcedRow } from './sources.js';
import './tables.js';

const BATCH = 5_000;
/** Problems reported per sweep; beyond this the store is beyond local repair and one alarm says so. */
export const MAX_PROBLEMS = 500;

/** Leaves [from, size) against their records, their level-0 nodes and (sources.ts) the module's own rows. */
export async function checkLeaves(
  db: Executor,
  from: number,
  size: number,
  report: (p: Problem) => void,
): Promise<void> {
  for (let start = from; start < size; start += BATCH) {
    const end = Math.min(size, start + BATCH);
    const rows = await db
      .selectFrom('ledger_entries')
      .select(['idx', 'seq', 'leaf_hash', 'record_kind', 'record_id', 'content_hash', 'attachments_hash', 'content'])
      .where('idx', '>=', String(start))
      .where('idx', '<', String(end))
      .orderBy('idx')
      .execute();
    const nodes = await sql<{ idx: string; hash: Buffer }>`
      select idx::text as idx, hash from ledger_nodes where level = 0 and idx >= ${start} and idx < ${end}`.execute(db);
    const leafNode = new Map(nodes.rows.map((n) => [Number(n.idx), n.hash]));
    const audits = await auditCanonical(
      db,
      rows.filter((r) => r.record_kind === AUDIT_RECORD_KIND).map((r) => r.record_id),
    );
    const seen = new Set<number>();
    const sourced: SourcedRow[] = [];
    for (const r of rows) {
      const i = Number(r.idx);
      seen.add(i);
      const ref = { entryIndex: String(i), recordKind: r.record_kind, recordId: r.record_id };
      let source: string | null | undefined;
      if (r.record_kind === AUDIT_RECORD_KIND) {
        source = audits.get(r.record_id);
        if (source === undefined) {
          report({ kind: 'audit_event_missing', key: `audit_event_missing:${i}`, ...ref, detail: {} });
          continue;
        }
      } else {
        source = r.content;
        let canonicalOk = false;
        try {
          canonicalOk = source !== null && canonicalize(JSON.parse(source)) === source;
        } catch {
          canonicalOk = false;
        }
        if (!canonicalOk) {
          report({
            kind: 'content_altered',
            key: `content_altered:${i}`,
            ...ref,
            detail: { reason: '内容不是规范 JSON' },
          });
          continue;
        }
      }
      const contentHash = sha256(source!);
      if (!bytesEqual(contentHash, r.content_hash)) {
        const kind = r.record_kind === AUDIT_RECORD_KIND ? 'audit_event_altered' : 'content_altered';
        report({
          kind,
          key: `${kind}:${i}`,
          ...ref,
          detail: { storedHash: r.content_hash.toString('hex'), recomputedHash: contentHash.toString('hex') },
        });
        continue;
      }
      if (r.record_kind !== AUDIT_RECORD_KIND) sourced.push({ ...r, idx: String(i), seq: String(r.seq) });
      const leaf = envelopeLeaf(buildEnvelope(r.record_kind, r.record_id, contentHash, r.attachments_hash));
      const node = leafNode.get(i);
      if (!bytesEqual(leaf, r.leaf_hash) || !node || !bytesEqual(leaf, node)) {
        report({
          kind: 'leaf_altered',
          key: `leaf_altered:${i}`,
          ...ref,
          detail: {
            recomputed: leaf.toString('hex'),
            stored: r.leaf_hash.toString('hex'),
            node: node?.toString('hex') ?? null,
          },
        });
      }
    }
    // The stored copy is intact; now the module's own rows must still yield the same content (sources.ts).
    await checkRecordSources(db, sourced, report);
    for (let i = start; i < end; i++) {
      if (!seen.has(i)) {
        report({
          kind: 'entry_missing',
          key: `entry_missing:${i}`,
          entryIndex: String(i),
          recordKind: null,
          recordId: null,
          detail: {},
        });
      }
    }
  }
}

/**
 * Re-derives the records of leaves [from, to) from their modules' rows (sources.ts) — the rolling part of an
 * incremental sweep. The tree itself is not re-checked here: the full sweep does that. Returns how many
 * entries were looked at.
 */
export async function rederiveLeaves(
  db: Executor,
  from: number,
  to: number,
  report: (p: Problem) => void,
): Promise<number> {
  let n = 0;
  for (let start = from; start < to; start += BATCH) {
    const rows = await db
      .selectFrom('ledger_entries')
      .select(['idx', 'seq', 'record_kind', 'record_id', 'content_hash'])
      .where('idx', '>=', String(start))
      .where('idx', '<', String(Math.min(to, start + BATCH)))
      .where('record_kind', '!=', AUDIT_RECORD_KIND)
      .execute();
    n += rows.length;
    await checkRecordSources(
      db,
      rows.map((r) => ({ ...r, idx: String(r.idx), seq: String(r.seq) })),
      report,
    );
  }
  return n;
}

/**
 * Interior nodes against their children. With from > 0 only the nodes that became complete after the tree
 * had `from` leaves: at each level those from index ⌊from / 2^level⌋ on.
 */
export async function checkNodes(
  db: Executor,
  from: number,
  size: number,
  report: (p: Problem) => void,
): Promise<void> {
  for (let level = 1; 2 ** level <= size; level++) {
    const count = Math.floor(size / 2 ** level);
    for (let start = Math.floor(from / 2 ** level); start < count; start += BATCH) {
      const end = Math.min(count, start + BATCH);
      const rows = await sql<{ level: number; idx: string; hash: Buffer }>`
        select level, idx::text as idx, hash from ledger_nodes
        where (level = ${level} and idx >= ${start} and idx < ${end})
           or (level = ${level - 1} and idx >= ${2 * start} and idx < ${2 * end})`.execute(db);
      const parents = new Map<number, Buffer>();
      const children = new Map<number, Buffer>();
      for (const r of rows.rows) (r.level === level ? parents : children).set(Number(r.idx), r.hash);
      for (let i = start; i < end; i++) {
        const p = parents.get(i);
        const l = children.get(2 * i);
        const r = children.get(2 * i + 1);
        const where = { level, index: i };
        if (!p) {
          report({
            kind: 'node_missing',
            key: `node_missing:${level}:${i}`,
            entryIndex: null,
            recordKind: null,
            recordId: null,
            detail: where,
          });
        } else if (l && r && !bytesEqual(p, hashChildren(l, r))) {
          report({
            kind: 'node_altered',
            key: `node_altered:${level}:${i}`,
            entryIndex: null,
            recordKind: null,
            recordId: null,
            detail: where,
          });
        }
      }
    }
  }
}

/** Audit rows with after < seq ≤ upTo that have no leaf (written around the application). */
export async function checkUnanchoredAudit(
  db: Executor,
  window: { after: string; upTo: string },
  report: (p: Problem) => void,
): Promise<void> {
  const rows = await sql<{ id: string; action: string }>`
    select a.id, a.action from audit_events a
    where a.seq > ${window.after} and a.seq <= ${window.upTo}
      and not exists (select 1 from ledger_entries e where e.record_kind = ${AUDIT_RECORD_KIND} and e.record_id = a.id::text)
    order by a.seq limit ${MAX_PROBLEMS}`.execute(db);
  for (const r of rows.rows) {
    report({
      kind: 'audit_event_unanchored',
      key: `audit_event_unanchored:${r.id}`,
      entryIndex: null,
      recordKind: AUDIT_RECORD_KIND,
      recordId: r.id,
      detail: { action: r.action },
    });
  }
}
