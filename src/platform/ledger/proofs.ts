import type { Executor } from '../db/engine.js';
import { AppError } from '../errors.js';
import {
  AUDIT_RECORD_KIND,
  buildEnvelope,
  type CheckpointRow,
  checkpointAt,
  consistencyProof,
  inclusionProof,
  latestCheckpoint,
} from './store.js';
import { type RecordState, recordState } from './sources.js';
import type { LeafEnvelope, ProofBundle } from './verify.js';
import './tables.js';

/** The public face of a ledger entry. Audit events show only their envelope (their content is staff-only). */
export interface EntryDto {
  entryId: string;
  index: string | null;
  leafHash: string;
  recordKind: string;
  recordId: string;
  envelope: LeafEnvelope;
  content: unknown;
  createdAt: string;
  sequencedAt: string | null;
}

export interface CheckpointDto {
  treeSize: string;
  rootHash: string;
  note: string;
  keyHash: string;
  createdAt: string;
}

const ENTRY_COLUMNS = [
  'id',
  'idx',
  'leaf_hash',
  'record_kind',
  'record_id',
  'content_hash',
  'attachments_hash',
  'content',
  'created_at',
  'sequenced_at',
] as const;

type EntryRow = {
  id: string;
  idx: string | null;
  leaf_hash: Buffer;
  record_kind: string;
  record_id: string;
  content_hash: Buffer;
  attachments_hash: Buffer | null;
  content: string | null;
  created_at: Date;
  sequenced_at: Date | null;
};

export function presentEntry(r: EntryRow): EntryDto {
  return {
    entryId: r.id,
    index: r.idx === null ? null : String(r.idx),
    leafHash: r.leaf_hash.toString('hex'),
    recordKind: r.record_kind,
    recordId: r.record_id,
    envelope: buildEnvelope(r.record_kind, r.record_id, r.content_hash, r.attachments_hash),
    content: r.record_kind === AUDIT_RECORD_KIND || r.content === null ? null : JSON.parse(r.content),
    createdAt: r.created_at.toISOString(),
    sequencedAt: r.sequenced_at?.toISOString() ?? null,
  };
}

export function presentCheckpoint(c: CheckpointRow): CheckpointDto {
  return {
    treeSize: String(c.treeSize),
    rootHash: c.rootHash.toString('hex'),
    note: c.note,
    keyHash: c.keyHash,
    createdAt: c.createdAt.toISOString(),
  };
}

export async function requireLatestCheckpoint(ex: Executor): Promise<CheckpointRow> {
  const cp = await latestCheckpoint(ex);
  if (!cp) throw new AppError('unavailable', '账本尚未生成检查点，请稍后重试。');
  return cp;
}

export async function entryByIndex(ex: Executor, index: number): Promise<EntryDto> {
  const r = await ex
    .selectFrom('ledger_entries')
    .select(ENTRY_COLUMNS)
    .where('idx', '=', String(index))
    .executeTakeFirst();
  if (!r) throw new AppError('not_found', `账本中没有第 ${index} 号条目。`);
  return presentEntry(r);
}

/**
 * The canonical content of a published record, byte for byte as it was hashed. Audit events have none in the
 * ledger (their rows are internal; only their hashes are public), so they are a 404 here.
 */
export async function entryContent(ex: Executor, index: number): Promise<{ recordKind: string; content: string }> {
  const r = await ex
    .selectFrom('ledger_entries')
    .select(['record_kind', 'content'])
    .where('idx', '=', String(index))
    .executeTakeFirst();
  if (!r) throw new AppError('not_found', `账本中没有第 ${index} 号条目。`);
  if (r.record_kind === AUDIT_RECORD_KIND || r.content === null) {
    throw new AppError('not_found', `第 ${index} 号条目是内部审计事件，只公开其哈希，不提供原文下载。`);
  }
  return { recordKind: r.record_kind, content: r.content };
}

/** Entries whose leaf, content or attachments hash equals `hash` (newest first). */
/** Entries with this leaf, content or attachments hash, each with whether its record's rows still match it. */
export async function entriesByHash(ex: Executor, hash: Buffer): Promise<(EntryDto & { recordState: RecordState })[]> {
  const rows = await ex
    .selectFrom('ledger_entries')
    .select([...ENTRY_COLUMNS, 'seq'])
    .where((eb) =>
      eb.or([eb('leaf_hash', '=', hash), eb('content_hash', '=', hash), eb('attachments_hash', '=', hash)]),
    )
    .orderBy('seq', 'desc')
    .limit(20)
    .execute();
  const out = [];
  for (const r of rows) out.push({ ...presentEntry(r), recordState: await recordState(ex, r) });
  return out;
}

export interface ProofBundleDto extends ProofBundle {
  entry: EntryDto & { index: string };
  proof: { leafIndex: string; treeSize: string; hashes: string[] };
  checkpoint: string;
  checkpointInfo: CheckpointDto;
}

/** An inclusion proof for entry `index`, always with the signed checkpoint it was computed against. */
export async function proofBundle(ex: Executor, index: number, treeSize?: number): Promise<ProofBundleDto> {
  const entry = await entryByIndex(ex, index);
  const cp = treeSize === undefined ? await requireLatestCheckpoint(ex) : await checkpointAt(ex, treeSize);
  if (!cp)
    throw new AppError('not_found', `树大小 ${treeSize} 没有签名检查点；请使用最新检查点或某个已签名检查点的树大小。`);
  if (index >= cp.treeSize) {
    throw new AppError(
      'unprocessable',
      `第 ${index} 号条目不在大小为 ${cp.treeSize} 的树中（条目序号必须小于树大小）。`,
    );
  }
  const hashes = await inclusionProof(ex, index, cp.treeSize);
  return {
    entry: { ...entry, index: String(index) },
    proof: { leafIndex: String(index), treeSize: String(cp.treeSize), hashes: hashes.map((h) => h.toString('hex')) },
    checkpoint: cp.note,
    checkpointInfo: presentCheckpoint(cp),
  };
}

export interface ConsistencyDto {
  from: string;
  to: string;
  hashes: string[];
  fromCheckpoint: CheckpointDto;
  toCheckpoint: CheckpointDto;
}

export async function consistencyBundle(ex: Executor, from: number, to?: number): Promise<ConsistencyDto> {
  const toCp = to === undefined ? await requireLatestCheckpoint(ex) : await checkpointAt(ex, to);
  if (!toCp) throw new AppError('not_found', `树大小 ${to} 没有签名检查点。`);
  if (from < 1) throw new AppError('bad_request', '旧树大小必须至少为 1：从空树出发的一致性证明没有意义。');
  if (from > toCp.treeSize) {
    throw new AppError('unprocessable', `旧树大小 ${from} 大于新树大小 ${toCp.treeSize}：请检查参数顺序。`);
  }
  const fromCp = await checkpointAt(ex, from);
  if (!fromCp) throw new AppError('not_found', `树大小 ${from} 没有签名检查点。`);
  const hashes = from === toCp.treeSize ? [] : await consistencyProof(ex, from, toCp.treeSize);
  return {
    from: String(from),
    to: String(toCp.treeSize),
    hashes: hashes.map((h) => h.toString('hex')),
    fromCheckpoint: presentCheckpoint(fromCp),
    toCheckpoint: presentCheckpoint(toCp),
  };
}

/**
 * `recordState`: whether the record's current rows still match what was anchored (sources.ts). A badge shows
 * "已上链" only for `matches` (or `unchecked`, kinds the sweep checks itself); otherwise the discrepancy.
 */
export type RecordProof = ({ status: 'pending'; entry: EntryDto } | ({ status: 'included' } & ProofBundleDto)) & {
  recordState: RecordState;
};

/** Latest anchored entry of a record with its proof — what a module shows as its proof badge. */
export async function getRecordProof(ex: Executor, recordKind: string, recordId: string): Promise<RecordProof | null> {
  const r = await ex
    .selectFrom('ledger_entries')
    .select(ENTRY_COLUMNS)
    .where('record_kind', '=', recordKind)
    .where('record_id', '=', recordId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!r) return null;
  const state = await recordState(ex, r);
  if (r.idx === null) return { status: 'pending', entry: presentEntry(r), recordState: state };
  return { status: 'included', ...(await proofBundle(ex, Number(r.idx))), recordState: state };
}
