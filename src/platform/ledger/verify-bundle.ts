/**
 * Leaf envelopes, decoding of text input, and the end-to-end check of a proof bundle. Pure, WebCrypto only
 * (see verify.ts).
 */
import { canonicalize } from './jcs.js';
import { fromBase64, fromHex, toHex, utf8 } from './encoding.js';
import { fail, HASH_SIZE, hashLeaf, sha256 } from './verify-hash.js';
import { verifyInclusion } from './verify-merkle.js';
import { openCheckpoint, type VerifierKey } from './verify-note.js';

// ---------------------------------------------------------------------------------------------------------
// Leaves: the envelope every anchored record is reduced to.

/** What a leaf commits to. Content itself stays out of the leaf; its SHA-256 is in. */
export interface LeafEnvelope {
  v: 1;
  kind: string;
  id: string;
  contentHash: string; // hex SHA-256 of the canonical (RFC 8785) content
  attachmentsHash?: string; // hex SHA-256 supplied by the publishing module
}

export const envelopeBytes = (e: LeafEnvelope): Uint8Array => utf8(canonicalize(e));
export const envelopeLeafHash = (e: LeafEnvelope): Promise<Uint8Array> => hashLeaf(envelopeBytes(e));

/** Hash of published content as the ledger computes it: SHA-256 of its RFC 8785 canonical JSON. */
export const contentHash = (content: unknown): Promise<Uint8Array> => sha256(utf8(canonicalize(content)));

// ---------------------------------------------------------------------------------------------------------
// Decoding helpers for data that arrives as text (API responses, files, user input).

export function decodeHash(s: unknown, what: string): Uint8Array {
  if (typeof s !== 'string') return fail('bad_hash', `${what}缺失或不是字符串`);
  let b: Uint8Array = new Uint8Array();
  try {
    b = /^[0-9a-fA-F]{64}$/.test(s) ? fromHex(s) : fromBase64(s, what);
  } catch {
    // Hex of the wrong length is the common mistake (a truncated copy): say that, not "bad encoding".
    if (/^[0-9a-fA-F]+$/.test(s)) fail('bad_hash', `${what}是 ${s.length} 位十六进制，应为 64 位（32 字节 SHA-256）`);
    fail('bad_hash', `${what}既不是 64 位十六进制，也不是 base64 编码`);
  }
  if (b.length !== HASH_SIZE) fail('bad_hash', `${what}长度为 ${b.length} 字节，应为 32 字节（SHA-256）`);
  return b;
}

export function decodeProof(list: unknown, what = '证明'): Uint8Array[] {
  if (!Array.isArray(list)) return fail('bad_proof', `${what}应为哈希数组`);
  if (list.length > 128) fail('bad_proof', `${what}过长（${list.length} 项）`);
  return list.map((h, i) => decodeHash(h, `${what}第 ${i + 1} 项`));
}

/** A published entry, its inclusion proof and the checkpoint the proof was computed against. */
export interface ProofBundle {
  entry: { index: string | number; envelope: LeafEnvelope; leafHash: string };
  proof: { leafIndex: string | number; treeSize: string | number; hashes: string[] };
  checkpoint: string;
}

export interface BundleResult {
  index: bigint;
  treeSize: bigint;
  origin: string;
  signedBy: string[];
  rootHash: string;
  envelope: LeafEnvelope;
}

function parseIndex(v: unknown, what: string): bigint {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  if (typeof v === 'string' && /^(0|[1-9][0-9]{0,18})$/.test(v)) return BigInt(v);
  return fail('bad_size', `${what}不是非负整数`);
}

/**
 * End-to-end check of a proof bundle: recompute the leaf from the envelope, verify the checkpoint signature,
 * then the inclusion proof against the checkpoint's root. Optionally checks the envelope commits to `fileHash`.
 */
export async function verifyProofBundle(
  bundle: ProofBundle,
  keys: VerifierKey[],
  opts: { fileHash?: string; origin?: string } = {},
): Promise<BundleResult> {
  if (!bundle || typeof bundle !== 'object' || !bundle.entry || !bundle.proof) fail('bad_bundle', '证明数据不完整');
  const env = bundle.entry.envelope;
  if (env?.v !== 1 || typeof env.kind !== 'string' || typeof env.id !== 'string') {
    fail('bad_bundle', '条目信封格式错误');
  }
  decodeHash(env.contentHash, '内容哈希');
  if (env.attachmentsHash !== undefined) decodeHash(env.attachmentsHash, '附件哈希');
  if (opts.fileHash !== undefined) {
    const want = opts.fileHash.toLowerCase();
    if (env.contentHash !== want && env.attachmentsHash !== want) {
      fail('hash_not_in_entry', '该条目既不包含此内容哈希，也不包含此附件哈希');
    }
  }
  const leaf = await envelopeLeafHash(env);
  if (toHex(leaf) !== String(bundle.entry.leafHash).toLowerCase()) {
    fail('leaf_mismatch', '由条目内容重新计算的叶子哈希与服务器给出的不一致');
  }
  const cp = await openCheckpoint(bundle.checkpoint, keys, opts.origin);
  const index = parseIndex(bundle.proof.leafIndex, '条目序号');
  const size = parseIndex(bundle.proof.treeSize, '树大小');
  if (index !== parseIndex(bundle.entry.index, '条目序号')) fail('bad_bundle', '证明中的条目序号与条目不一致');
  if (size !== cp.size) fail('size_mismatch', `证明针对树大小 ${size}，而检查点的树大小为 ${cp.size}`);
  await verifyInclusion(index, size, leaf, decodeProof(bundle.proof.hashes), cp.rootHash);
  return {
    index,
    treeSize: size,
    origin: cp.origin,
    signedBy: cp.signedBy,
    rootHash: toHex(cp.rootHash),
    envelope: env,
  };
}
