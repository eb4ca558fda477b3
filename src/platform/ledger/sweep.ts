import { sql } from 'kysely';
import type { Db, Executor } from '../db/engine.js';
import { recordAudit } from '../audit/index.js';
import { type RequestCtx, systemCtx } from '../access/actor.js';
import { bytesEqual } from './encoding.js';
import { EMPTY_ROOT, hashChildren, sha256 } from './hashing.js';
import { canonicalize } from './jcs.js';
import { listKeys } from './keys.js';
import { AUDIT_RECORD_KIND, auditCanonical, buildEnvelope, envelopeLeaf, rootAt } from './store.js';
import { PROBLEM_LABELS, type Problem } from './problems.js';
import { checkRecordSources, type SourcedRow } from './sources.js';
import { openCheckpoint, parseVerifierKey, type VerifierKey, VerificationError } from './verify.js';
import './tables.js';

/**
 * Tamper detection. The sweep re-derives everything the signed checkpoints commit to from what is stored:
 * each leaf from its record (record content — and, for kinds whose module registered a record source, that
 * content re-derived from the module's own rows, sources.ts — or the audit_events row), each interior node from its two
 * children, each checkpoint root from the nodes, each checkpoint signature from the published keys. Every
 * link of that chain is checked locally, so a change anywhere is reported once, where it happened.
 *
 * Two kinds of run (ADR 0003):
 * - full: every leaf, node, checkpoint and audit row — O(n); the only run that can find a change to a
 *   leaf's record or an interior node below the last verified size.
 * - incremental: only what was appended since the last verified size m (leaves [m, n), the nodes that
 *   became complete after m, checkpoints and audit rows newer than the last seen), plus a check that the
 *   stored tree of size m still folds to the signed root remembered for m. The old part of the tree is
 *   bound to the new part only through the ≤ log₂ m border nodes of m, and those are exactly what that fold
 *   reads, so the chain from records to the newest checkpoint stays unbroken — O(new leaves + log n).
 * The scheduled job runs incremental sweeps and a full one when the last is older than the configured
 * interval; an incremental run that finds the remembered checkpoint gone or no longer matching the stored
 * tree becomes a full run at once, to say where.
 */
export { PROBLEM_LABELS, type Problem, type ProblemKind } from './problems.js';

export type SweepMode = 'full' | 'incremental';

export interface SweepResult {
  mode: SweepMode;
  /** First leaf index checked (0 for a full sweep). */
  fromSize: number;
  treeSize: number;
  checkedEntries: number;
  problems: Problem[];
  newAlarms: number;
  /** Why an incremental run became a full one, if it did. */
  escalated: 'checkpoint_missing' | 'checkpoint_broken' | null;
}

export interface SweepOptions {
  /** 'auto' (the scheduled job): incremental unless a full sweep is due. Default 'full'. */
  mode?: SweepMode | 'auto';
  /** For 'auto': how old the last full sweep may be. Default from sweepSettingsFromEnv(). */
  fullIntervalMs?: number;
  /** Who asked for the run; a requested run is audited (scheduled runs are logged in ledger_sweeps only). */
  ctx?: RequestCtx;
}

export interface SweepSettings {
  fullIntervalMs: number;
}

export const DEFAULT_FULL_SWEEP_HOURS = 24;

/**
 * Documented default: a full sweep at least every 24 hours (incremental ones in between, at the job's hourly
 * cadence), overridable with FAZHI_LEDGER_FULL_SWEEP_HOURS (a number of hours, > 0 and ≤ 720; anything else
 * falls back to the default so a typo cannot switch full sweeps off). Full sweeps are what catch a change
 * to an old record, so the interval bounds how long such a change can go unnoticed.
 */
export function sweepSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): SweepSettings {
  const v = Number(env.FAZHI_LEDGER_FULL_SWEEP_HOURS);
  const hours = Number.isFinite(v) && v > 0 && v <= 720 ? v : DEFAULT_FULL_SWEEP_HOURS;
  return { fullIntervalMs: hours * 3_600_000 };
}

const BATCH = 5_000;
/** Problems reported per sweep; beyond this the store is beyond local repair and one alarm says so. */
const MAX_PROBLEMS = 500;

async function checkLeaves(db: Executor, from: number, size: number, report: (p: Problem) => void): Promise<void> {
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
 * Interior nodes against their children. With from > 0 only the nodes that became complete after the tree
 * had `from` leaves: at each level those from index ⌊from / 2^level⌋ on.
 */
async function checkNodes(db: Executor, from: number, size: number, report: (p: Problem) => void): Promise<void> {
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

async function loadKeys(db: Executor): Promise<VerifierKey[]> {
  const keys: VerifierKey[] = [];
  for (const k of await listKeys(db)) keys.push(await parseVerifierKey(k.verifierKey));
  return keys;
}

/** Checkpoints with afterId < id ≤ maxId: signature, and root against the stored tree. */
async function checkCheckpoints(
  db: Executor,
  keys: VerifierKey[],
  window: { afterId: string; maxId: string; size: number },
  report: (p: Problem) => void,
): Promise<void> {
  const cps = await db
    .selectFrom('ledger_checkpoints')
    .selectAll()
    .where('tree_size', '<=', String(window.size))
    .where('id', '>', window.afterId)
    .where('id', '<=', window.maxId)
    .orderBy('id')
    .execute();
  const roots = new Map<number, Buffer>();
  for (const cp of cps) {
    const n = Number(cp.tree_size);
    const ref = { entryIndex: null, recordKind: null, recordId: null };
    try {
      const opened = await openCheckpoint(cp.note, keys);
      if (opened.size !== BigInt(n) || !bytesEqual(opened.rootHash, cp.root_hash))
        throw new VerificationError('mismatch', '');
    } catch {
      report({
        kind: 'checkpoint_signature_invalid',
        key: `checkpoint_signature_invalid:${cp.id}`,
        ...ref,
        detail: { treeSize: n },
      });
      continue;
    }
    let root = roots.get(n);
    if (!root) {
      try {
        root = n === 0 ? EMPTY_ROOT : await rootAt(db, n);
      } catch {
        continue; // a missing node is reported by checkNodes
      }
      roots.set(n, root);
    }
    if (!bytesEqual(root, cp.root_hash)) {
      report({
        kind: 'checkpoint_root_mismatch',
        key: `checkpoint_root_mismatch:${cp.id}`,
        ...ref,
        detail: { treeSize: n },
      });
    }
  }
}

/** Audit rows with after < seq ≤ upTo that have no leaf (written around the application). */
async function checkUnanchoredAudit(
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

/**
 * A signed root for `size` that the stored tree still folds to: some checkpoint of that size whose
 * signature verifies, whose body matches its row, and whose root equals the root recomputed from the nodes
 * (and `expected`, when given). 'missing' when no checkpoint of that size exists any more.
 */
async function signedRootAt(
  db: Executor,
  size: number,
  keys: VerifierKey[],
  expected?: Buffer,
): Promise<{ status: 'ok'; root: Buffer } | { status: 'missing' | 'broken' }> {
  const rows = await db
    .selectFrom('ledger_checkpoints')
    .select(['note', 'root_hash'])
    .where('tree_size', '=', String(size))
    .orderBy('id', 'desc')
    .execute();
  if (rows.length === 0) return { status: 'missing' };
  let stored: Buffer;
  try {
    stored = size === 0 ? EMPTY_ROOT : await rootAt(db, size);
  } catch {
    return { status: 'broken' }; // a missing node
  }
  for (const r of rows) {
    if (!bytesEqual(r.root_hash, stored) || (expected && !bytesEqual(expected, stored))) continue;
    try {
      const cp = await openCheckpoint(r.note, keys);
      if (cp.size === BigInt(size) && bytesEqual(cp.rootHash, stored)) return { status: 'ok', root: stored };
    } catch {
      // an invalid signature: try the next checkpoint of this size (a rotation cosigns the same size)
    }
  }
  return { status: 'broken' };
}

interface SweepStateRow {
  verified_size: string;
  verified_root: Buffer;
  checkpoint_id: string;
  audit_seq: string;
  last_full_at: Date | null;
}

/**
 * Runs the checks and raises an alarm (audited, administrators notified) for each new problem; then
 * remembers how far the log is verified. See the file comment for full vs incremental.
 */
export async function sweepLedger(db: Db, now = new Date(), opts: SweepOptions = {}): Promise<SweepResult> {
  // One snapshot of how far the log, the checkpoints and the audit trail reach; anything written while the
  // sweep runs is left to the next one.
  const snap = (
    await sql<{ size: string | null; max_id: string | null; audit_seq: string | null }>`
      select (select max(tree_size) from ledger_checkpoints)::text as size,
             (select max(id) from ledger_checkpoints)::text as max_id,
             (select max(seq) from audit_events)::text as audit_seq`.execute(db)
  ).rows[0];
  const size = Number(snap.size ?? 0);
  const maxId = snap.max_id ?? '0';
  const auditMax = snap.audit_seq ?? '0';
  const state = (await db.selectFrom('ledger_sweep_state').selectAll().executeTakeFirst()) as SweepStateRow | undefined;
  const keys = await loadKeys(db);

  const problems: Problem[] = [];
  const report = (p: Problem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };

  const requested = opts.mode ?? 'full';
  const fullIntervalMs = opts.fullIntervalMs ?? sweepSettingsFromEnv().fullIntervalMs;
  let mode: SweepMode =
    requested === 'auto'
      ? !state?.last_full_at || now.getTime() - state.last_full_at.getTime() >= fullIntervalMs
        ? 'full'
        : 'incremental'
      : requested;
  if (!state) mode = 'full'; // nothing verified yet to build on
  let escalated: SweepResult['escalated'] = null;

  // The remembered point must still hold: its checkpoint exists, is validly signed, and the stored tree of
  // that size folds to the same root. Checked on every run (it costs O(log n)); only this check can see
  // checkpoints deleted from the top of the log, which a full pass over what is left cannot.
  if (state) {
    const m = Number(state.verified_size);
    const anchor = size < m ? { status: 'missing' as const } : await signedRootAt(db, m, keys, state.verified_root);
    if (anchor.status !== 'ok') {
      if (anchor.status === 'missing') {
        report({
          kind: 'checkpoint_missing',
          key: `checkpoint_missing:${m}`,
          entryIndex: null,
          recordKind: null,
          recordId: null,
          detail: { treeSize: m, currentTreeSize: size },
        });
      }
      if (mode === 'incremental') {
        mode = 'full';
        escalated = anchor.status === 'missing' ? 'checkpoint_missing' : 'checkpoint_broken';
      }
    }
  }

  const incremental = mode === 'incremental' && state;
  const from = incremental ? Number(state.verified_size) : 0;
  await checkLeaves(db, from, size, report);
  await checkNodes(db, from, size, report);
  await checkCheckpoints(db, keys, { afterId: incremental ? state.checkpoint_id : '0', maxId, size }, report);
  await checkUnanchoredAudit(db, { after: incremental ? state.audit_seq : '0', upTo: auditMax }, report);

  // Advance the verified point only to a size whose signed root the stored tree reproduces; problems found
  // in the new range are already alarms (and a full sweep finds them again), so they do not hold it back.
  const head = await signedRootAt(db, size, keys);
  const next =
    head.status === 'ok'
      ? {
          verified_size: String(size),
          verified_root: head.root,
          checkpoint_id: maxId,
          audit_seq: auditMax,
          last_full_at: mode === 'full' ? now : (state?.last_full_at ?? null),
        }
      : null;
  const result = { mode, fromSize: from, treeSize: size, checkedEntries: size - from, problems, escalated };
  const newAlarms = await raiseAlarms(db, result, now, next, opts.ctx);
  return { ...result, newAlarms };
}

async function raiseAlarms(
  db: Db,
  run: Omit<SweepResult, 'newAlarms'>,
  startedAt: Date,
  next: SweepStateRow | null,
  ctx: RequestCtx | undefined,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let created = 0;
    for (const p of run.problems) {
      const r = await sql<{ id: string; inserted: boolean }>`
        insert into ledger_alarms (dedupe_key, kind, entry_index, record_kind, record_id, detail)
        values (${p.key}, ${p.kind}, ${p.entryIndex}, ${p.recordKind}, ${p.recordId}, ${JSON.stringify(p.detail)}::jsonb)
        on conflict (dedupe_key) do update set last_seen_at = now()
        returning id, (xmax = 0) as inserted`.execute(trx);
      if (!r.rows[0].inserted) continue;
      created++;
      await recordAudit(trx, systemCtx('ledger-sweep'), {
        action: 'ledger.tamper_detected',
        entityKind: 'ledger_alarm',
        entityId: r.rows[0].id,
        data: { kind: p.kind, entryIndex: p.entryIndex, recordKind: p.recordKind, recordId: p.recordId },
      });
      await notifyAdmins(trx, r.rows[0].id, p);
    }
    const sweep = await trx
      .insertInto('ledger_sweeps')
      .values({
        started_at: startedAt,
        tree_size: String(run.treeSize),
        checked_entries: String(run.checkedEntries),
        problems: run.problems.length,
        mode: run.mode,
        from_size: String(run.fromSize),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (next) {
      // Bookkeeping, not evidence: a forged row here cannot hide anything from the full sweep, and its root
      // must match a signed checkpoint before an incremental run builds on it.
      await trx
        .insertInto('ledger_sweep_state')
        .values({ id: true, ...next })
        .onConflict((oc) => oc.column('id').doUpdateSet({ ...next, updated_at: sql`now()` }))
        .execute();
    }
    if (ctx) {
      await recordAudit(trx, ctx, {
        action: 'ledger.sweep_run',
        entityKind: 'ledger_sweep',
        entityId: sweep.id,
        data: { mode: run.mode, fromSize: run.fromSize, treeSize: run.treeSize, problems: run.problems.length },
      });
    }
    return created;
  });
}

async function notifyAdmins(trx: Executor, alarmId: string, p: Problem): Promise<void> {
  const where = p.entryIndex !== null ? `第 ${p.entryIndex} 号上链条目` : p.recordId ? `记录 ${p.recordId}` : '账本';
  await sql`
    insert into notifications (user_id, kind, title, body, link, entity_kind, entity_id, dedupe_key)
    select distinct ra.user_id, 'ledger.alarm', ${`篡改告警：${PROBLEM_LABELS[p.kind]}`},
           ${`完整性巡检发现${where}异常（${PROBLEM_LABELS[p.kind]}）。请在「账本告警」页面核查并处置。`},
           '/admin/ledger', 'ledger_alarm', ${alarmId}, ${`ledger-alarm:${alarmId}`}
    from role_assignments ra join users u on u.id = ra.user_id
    where ra.role = 'system_admin' and u.active
    on conflict (user_id, dedupe_key) do nothing`.execute(trx);
}
