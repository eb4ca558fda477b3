import { sql } from 'kysely';
import type { Db, Executor } from '../db/engine.js';
import { AppError } from '../errors.js';
import { bytesEqual } from './encoding.js';
import { EMPTY_ROOT, hashChildren, hashLeaf, sha256 } from './hashing.js';
import { CanonicalizationError, canonicalize } from './jcs.js';
import { checkpointText, signNote } from './keys.js';
import { currentSigner } from './signer.js';
import {
  appendNodes,
  borderNodes,
  consistencyPlan,
  foldNodes,
  inclusionPlan,
  type NodeRef,
  nodeKey,
  rangeNodes,
} from './tree.js';
import type { LeafEnvelope } from './verify.js';
import './tables.js';

/** Advisory lock key of the one sequencer per log ('LEDG'). */
export const SEQUENCER_LOCK = 0x4c454447;
export const AUDIT_RECORD_KIND = 'audit_event';
const RECORD_KIND = /^[a-z][a-z0-9_.-]{0,63}$/;

export interface AnchorInput {
  recordKind: string;
  recordId: string;
  /** Public content; anchored by the SHA-256 of its RFC 8785 canonical JSON. */
  content: unknown;
  /** Hex SHA-256 over the record's attachments, computed by the publishing module. */
  attachmentsHash?: string;
}

export interface AnchorResult {
  entryId: string;
  leafHash: string;
  index: string | null;
}

export function buildEnvelope(
  kind: string,
  id: string,
  contentHash: Buffer,
  attachmentsHash: Buffer | null,
): LeafEnvelope {
  const e: LeafEnvelope = { v: 1, kind, id, contentHash: contentHash.toString('hex') };
  if (attachmentsHash) e.attachmentsHash = attachmentsHash.toString('hex');
  return e;
}

export const envelopeLeaf = (e: LeafEnvelope): Buffer => hashLeaf(Buffer.from(canonicalize(e), 'utf8'));

async function insertEntry(
  trx: Executor,
  kind: string,
  id: string,
  contentHash: Buffer,
  attachmentsHash: Buffer | null,
  content: string | null,
): Promise<AnchorResult> {
  const leaf = envelopeLeaf(buildEnvelope(kind, id, contentHash, attachmentsHash));
  const inserted = await trx
    .insertInto('ledger_entries')
    .values({
      leaf_hash: leaf,
      record_kind: kind,
      record_id: id,
      content_hash: contentHash,
      attachments_hash: attachmentsHash,
      content,
    })
    .onConflict((oc) => oc.column('leaf_hash').doNothing())
    .returning(['id', 'idx'])
    .executeTakeFirst();
  const row =
    inserted ??
    (await trx
      .selectFrom('ledger_entries')
      .select(['id', 'idx'])
      .where('leaf_hash', '=', leaf)
      .executeTakeFirstOrThrow());
  return { entryId: row.id, leafHash: leaf.toString('hex'), index: row.idx === null ? null : String(row.idx) };
}

/**
 * Anchors a published record: call it inside the transaction that publishes it. It only queues the leaf
 * (no global lock); the sequencer assigns the index. Identical content for the same record returns the
 * existing entry.
 */
export async function anchorRecord(trx: Executor, input: AnchorInput): Promise<AnchorResult> {
  const v = validateAnchor(input);
  return insertEntry(trx, input.recordKind, input.recordId, v.contentHash, v.attachments, v.canonical);
}

function validateAnchor(input: AnchorInput): { canonical: string; contentHash: Buffer; attachments: Buffer | null } {
  if (!RECORD_KIND.test(input.recordKind ?? '')) {
    throw new AppError(
      'bad_request',
      `记录类型「${input.recordKind}」无效：应以小写字母开头，只含小写字母、数字、点、下划线或连字符，最长 64 位。`,
    );
  }
  if (input.recordKind === AUDIT_RECORD_KIND) {
    throw new AppError('bad_request', '记录类型 audit_event 保留给审计事件，请使用模块自己的记录类型。');
  }
  if (typeof input.recordId !== 'string' || input.recordId.length === 0 || input.recordId.length > 200) {
    throw new AppError('bad_request', '记录编号不能为空，且不超过 200 个字符。');
  }
  if (input.attachmentsHash !== undefined && !/^[0-9a-f]{64}$/.test(input.attachmentsHash)) {
    throw new AppError('bad_request', '附件哈希应为 64 位小写十六进制的 SHA-256 值。');
  }
  let canonical: string;
  try {
    canonical = canonicalize(input.content);
  } catch (e) {
    if (e instanceof CanonicalizationError)
      throw new AppError('bad_request', `记录内容不能规范化为 JSON：${e.message}`);
    throw e;
  }
  const attachments = input.attachmentsHash ? Buffer.from(input.attachmentsHash, 'hex') : null;
  return { canonical, contentHash: sha256(canonical), attachments };
}

/**
 * Bulk form of anchorRecord for publishing many records in one transaction (imports, annual catalogues):
 * one multi-row insert per 1,000 records. Returns results in input order.
 */
export async function anchorRecords(trx: Executor, inputs: AnchorInput[]): Promise<AnchorResult[]> {
  const prepared = inputs.map((input) => {
    const v = validateAnchor(input);
    const leaf = envelopeLeaf(buildEnvelope(input.recordKind, input.recordId, v.contentHash, v.attachments));
    return { input, ...v, leaf };
  });
  const out = new Map<string, AnchorResult>();
  for (let i = 0; i < prepared.length; i += 1_000) {
    const chunk = prepared.slice(i, i + 1_000);
    // One statement per chunk through arrays: far fewer bind parameters than a multi-row VALUES list.
    const rows = (
      await sql<{ id: string; idx: string | null; leaf_hash: Buffer }>`
        insert into ledger_entries (leaf_hash, record_kind, record_id, content_hash, attachments_hash, content)
        select decode(l, 'hex'), k, r, decode(c, 'hex'), decode(a, 'hex'), t.content
        from unnest(${chunk.map((p) => p.leaf.toString('hex'))}::text[], ${chunk.map((p) => p.input.recordKind)}::text[],
                    ${chunk.map((p) => p.input.recordId)}::text[], ${chunk.map((p) => p.contentHash.toString('hex'))}::text[],
                    ${chunk.map((p) => p.attachments?.toString('hex') ?? null)}::text[], ${chunk.map((p) => p.canonical)}::text[])
             as t(l, k, r, c, a, content)
        on conflict (leaf_hash) do nothing
        returning id, idx, leaf_hash`.execute(trx)
    ).rows;
    for (const r of rows)
      out.set(r.leaf_hash.toString('hex'), { entryId: r.id, leafHash: r.leaf_hash.toString('hex'), index: null });
    const missing = chunk.filter((p) => !out.has(p.leaf.toString('hex'))).map((p) => p.leaf);
    if (missing.length > 0) {
      const existing = await trx
        .selectFrom('ledger_entries')
        .select(['id', 'idx', 'leaf_hash'])
        .where('leaf_hash', 'in', missing)
        .execute();
      for (const r of existing) {
        out.set(r.leaf_hash.toString('hex'), {
          entryId: r.id,
          leafHash: r.leaf_hash.toString('hex'),
          index: r.idx === null ? null : String(r.idx),
        });
      }
    }
  }
  return prepared.map((p) => out.get(p.leaf.toString('hex'))!);
}

/** The canonical form of an audit row: every column, the timestamp at full (microsecond) precision. */
export async function auditCanonical(ex: Executor, ids: string[]): Promise<Map<string, string>> {
  // A record id that is not a uuid cannot name an audit row (it would only make the query fail).
  ids = ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
  if (ids.length === 0) return new Map();
  const rows = await sql<Record<string, unknown> & { id: string }>`
    select id, seq::text as seq, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at,
           actor_user_id, actor_name, org_id, action, entity_kind, entity_id, data, request_id, ip, visibility
    from audit_events where id = any(${ids}::uuid[])`.execute(ex);
  return new Map(rows.rows.map((r) => [r.id, canonicalize(r)]));
}

/** The audit hook: every audit event becomes a leaf, committed with the event itself. */
export async function anchorAuditEvent(trx: Executor, auditId: string): Promise<AnchorResult> {
  const canonical = (await auditCanonical(trx, [auditId])).get(auditId);
  if (!canonical) throw new Error(`audit event ${auditId} not found in its own transaction`);
  return insertEntry(trx, AUDIT_RECORD_KIND, auditId, sha256(canonical), null, null);
}

// -------------------------------------------------------------------------------------------------------
// Reading the tree

export interface CheckpointRow {
  treeSize: number;
  rootHash: Buffer;
  note: string;
  keyHash: string;
  createdAt: Date;
}

function toCheckpoint(r: {
  tree_size: string;
  root_hash: Buffer;
  note: string;
  key_hash: string;
  created_at: Date;
}): CheckpointRow {
  return {
    treeSize: Number(r.tree_size),
    rootHash: r.root_hash,
    note: r.note,
    keyHash: r.key_hash,
    createdAt: r.created_at,
  };
}

export async function latestCheckpoint(ex: Executor): Promise<CheckpointRow | null> {
  const r = await ex
    .selectFrom('ledger_checkpoints')
    .selectAll()
    .orderBy('tree_size', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? toCheckpoint(r) : null;
}

export async function checkpointAt(ex: Executor, size: number): Promise<CheckpointRow | null> {
  const r = await ex
    .selectFrom('ledger_checkpoints')
    .selectAll()
    .where('tree_size', '=', String(size))
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? toCheckpoint(r) : null;
}

/** Reads the given nodes in one query. A missing node means the store is damaged: that is an error. */
export async function readNodes(ex: Executor, refs: NodeRef[]): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  if (refs.length === 0) return out;
  const uniq = [...new Map(refs.map((r) => [nodeKey(r), r])).values()];
  const rows = await sql<{ level: number; idx: string; hash: Buffer }>`
    select n.level, n.idx::text as idx, n.hash
    from unnest(${uniq.map((r) => r.level)}::smallint[], ${uniq.map((r) => String(r.index))}::bigint[]) as t(l, i)
    join ledger_nodes n on n.level = t.l and n.idx = t.i`.execute(ex);
  for (const r of rows.rows) out.set(`${r.level}:${r.idx}`, r.hash);
  for (const r of uniq) {
    if (!out.has(nodeKey(r))) {
      throw new AppError(
        'unavailable',
        `账本数据不完整：缺少节点 ${nodeKey(r)}，已无法生成证明，请联系管理员核查篡改告警。`,
      );
    }
  }
  return out;
}

async function planHashes(ex: Executor, plan: NodeRef[][]): Promise<Buffer[]> {
  const nodes = await readNodes(ex, plan.flat());
  return plan.map((refs) =>
    foldNodes(
      refs.map((r) => nodes.get(nodeKey(r))!),
      hashChildren,
    ),
  );
}

export async function inclusionProof(ex: Executor, index: number, size: number): Promise<Buffer[]> {
  return planHashes(ex, inclusionPlan(index, size));
}

export async function consistencyProof(ex: Executor, size1: number, size2: number): Promise<Buffer[]> {
  return planHashes(ex, consistencyPlan(size1, size2));
}

export async function rootAt(ex: Executor, size: number): Promise<Buffer> {
  if (size === 0) return EMPTY_ROOT;
  return (await planHashes(ex, [rangeNodes(0, size)]))[0];
}

// -------------------------------------------------------------------------------------------------------
// The sequencer

export interface SequenceResult {
  appended: number;
  treeSize: number;
}

/**
 * Assigns consecutive indexes to queued entries (oldest first), stores the leaf and every newly completed
 * subtree hash, and signs a checkpoint for the new size — all in one transaction under an advisory lock, so
 * several server instances never interleave. Safe to call from the job or synchronously.
 */
export async function sequence(db: Db, opts: { maxBatch?: number } = {}): Promise<SequenceResult> {
  const maxBatch = opts.maxBatch ?? 10_000;
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${SEQUENCER_LOCK})`.execute(trx);
    const signer = await currentSigner(trx);
    const head = await latestCheckpoint(trx);
    const size = head?.treeSize ?? 0;
    const pending = await trx
      .selectFrom('ledger_entries')
      .select(['id', 'leaf_hash'])
      .where('idx', 'is', null)
      .orderBy('seq')
      .limit(maxBatch)
      .execute();
    if (pending.length === 0) {
      if (!head) await writeCheckpoint(trx, 0, EMPTY_ROOT, signer);
      return { appended: 0, treeSize: size };
    }
    const border = await readNodes(trx, borderNodes(size));
    const nodes = appendNodes(
      size,
      pending.map((p) => p.leaf_hash),
      border,
      hashChildren,
    );
    await sql`
      update ledger_entries e set idx = v.idx, sequenced_at = now()
      from unnest(${pending.map((p) => p.id)}::uuid[], ${pending.map((_, i) => String(size + i))}::bigint[]) as v(id, idx)
      where e.id = v.id`.execute(trx);
    for (let i = 0; i < nodes.length; i += 20_000) {
      const chunk = nodes.slice(i, i + 20_000);
      await sql`
        insert into ledger_nodes (level, idx, hash)
        select l, i, decode(h, 'hex')
        from unnest(${chunk.map((n) => n.level)}::smallint[], ${chunk.map((n) => String(n.index))}::bigint[],
                    ${chunk.map((n) => n.hash.toString('hex'))}::text[]) as t(l, i, h)`.execute(trx);
    }
    const newSize = size + pending.length;
    const byKey = new Map<string, Buffer>([...border, ...nodes.map((n) => [nodeKey(n), n.hash] as [string, Buffer])]);
    const root = foldNodes(
      rangeNodes(0, newSize).map((r) => byKey.get(nodeKey(r))!),
      hashChildren,
    );
    await writeCheckpoint(trx, newSize, root, signer);
    return { appended: pending.length, treeSize: newSize };
  });
}

export async function writeCheckpoint(
  trx: Executor,
  size: number,
  root: Buffer,
  signer: { name: string; keyHash: string } & Parameters<typeof signNote>[1][number],
  extraSigners: Parameters<typeof signNote>[1] = [],
): Promise<CheckpointRow> {
  const prev = await latestCheckpoint(trx);
  if (prev && prev.treeSize === size && !bytesEqual(prev.rootHash, root)) {
    throw new Error(`refusing to sign a second root for size ${size}`);
  }
  const note = signNote(checkpointText(signer.name, size, root), [signer, ...extraSigners]);
  const r = await trx
    .insertInto('ledger_checkpoints')
    .values({ tree_size: String(size), root_hash: root, note, key_hash: signer.keyHash })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toCheckpoint(r);
}
