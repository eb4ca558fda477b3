/**
 * The ledger verifier: pure, WebCrypto only, no Node imports — the same file runs in Node (CLI, tests) and
 * in the citizen's browser (portal verification page). It trusts nothing the server says: leaf hashes are
 * recomputed from the record envelope, proofs are checked against a checkpoint whose Ed25519 signature is
 * checked against a verifier key, and every malformed input is an error, never a "verified".
 *
 * Algorithms follow RFC 6962/9162 and transparency-dev/merkle's proof verifier; note format follows C2SP
 * signed-note and tlog-checkpoint.
 */
import { canonicalize } from './jcs.js';
import { bytesEqual, concatBytes, type EncodingError, fromBase64, fromHex, toHex, utf8 } from './encoding.js';

export const HASH_SIZE = 32;

export class VerificationError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const fail = (code: string, message: string): never => {
  throw new VerificationError(code, message);
};

export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));
}

/** RFC 6962 §2.1: leaf hash = SHA-256(0x00 || data). */
export const hashLeaf = (data: Uint8Array): Promise<Uint8Array> => sha256(concatBytes(new Uint8Array([0]), data));
/** RFC 6962 §2.1: interior node = SHA-256(0x01 || left || right). */
export const hashChildren = (l: Uint8Array, r: Uint8Array): Promise<Uint8Array> =>
  sha256(concatBytes(new Uint8Array([1]), l, r));

function toSize(v: number | bigint, what: string): bigint {
  if (typeof v === 'number' && !Number.isSafeInteger(v)) fail('bad_size', `${what}必须是非负整数`);
  const b = BigInt(v);
  if (b < 0n || b >= 1n << 63n) fail('bad_size', `${what}必须是非负整数且小于 2^63`);
  return b;
}

const bitLen = (x: bigint): number => x.toString(2).replace(/^0+/, '').length;
const onesCount = (x: bigint): number => [...x.toString(2)].filter((c) => c === '1').length;
function trailingZeros(x: bigint): number {
  let n = 0;
  while (x > 0n && (x & 1n) === 0n) {
    x >>= 1n;
    n++;
  }
  return n;
}

function decompInclProof(index: bigint, size: bigint): [number, number] {
  const inner = bitLen(index ^ (size - 1n));
  return [inner, onesCount(index >> BigInt(inner))];
}

async function chainInner(seed: Uint8Array, proof: Uint8Array[], index: bigint): Promise<Uint8Array> {
  for (let i = 0; i < proof.length; i++) {
    seed = ((index >> BigInt(i)) & 1n) === 0n ? await hashChildren(seed, proof[i]) : await hashChildren(proof[i], seed);
  }
  return seed;
}

async function chainInnerRight(seed: Uint8Array, proof: Uint8Array[], index: bigint): Promise<Uint8Array> {
  for (let i = 0; i < proof.length; i++) {
    if (((index >> BigInt(i)) & 1n) === 1n) seed = await hashChildren(proof[i], seed);
  }
  return seed;
}

async function chainBorderRight(seed: Uint8Array, proof: Uint8Array[]): Promise<Uint8Array> {
  for (const h of proof) seed = await hashChildren(h, seed);
  return seed;
}

function checkProofHashes(proof: Uint8Array[]): void {
  proof.forEach((h, i) => {
    if (h.length !== HASH_SIZE) fail('bad_proof', `证明第 ${i + 1} 项长度为 ${h.length} 字节，应为 32 字节`);
  });
}

/** The root implied by an inclusion proof for leaf `index` in a tree of `size` (requires index < size). */
export async function rootFromInclusionProof(
  index: number | bigint,
  size: number | bigint,
  leafHash: Uint8Array,
  proof: Uint8Array[],
): Promise<Uint8Array> {
  const i = toSize(index, '条目序号');
  const n = toSize(size, '树大小');
  if (i >= n) fail('index_out_of_range', `条目序号 ${i} 超出树大小 ${n}`);
  if (leafHash.length !== HASH_SIZE) fail('bad_hash', `叶子哈希长度为 ${leafHash.length} 字节，应为 32 字节`);
  const [inner, border] = decompInclProof(i, n);
  if (proof.length !== inner + border) fail('bad_proof', `证明长度为 ${proof.length}，应为 ${inner + border}`);
  checkProofHashes(proof);
  const res = await chainInner(leafHash, proof.slice(0, inner), i);
  return chainBorderRight(res, proof.slice(inner));
}

export async function verifyInclusion(
  index: number | bigint,
  size: number | bigint,
  leafHash: Uint8Array,
  proof: Uint8Array[],
  root: Uint8Array,
): Promise<void> {
  const calc = await rootFromInclusionProof(index, size, leafHash, proof);
  if (!bytesEqual(calc, root))
    fail('root_mismatch', '按证明计算出的根哈希与检查点不一致：该条目不在此树中，或证明被篡改');
}

/**
 * Checks that the tree of size2 (root2) extends the tree of size1 (root1). A proof from the empty tree
 * proves nothing, so size1 = 0 is refused.
 */
export async function verifyConsistency(
  size1: number | bigint,
  size2: number | bigint,
  proof: Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): Promise<void> {
  const m = toSize(size1, '旧树大小');
  const n = toSize(size2, '新树大小');
  if (n < m) fail('size_order', `新树大小 ${n} 小于旧树大小 ${m}：日志不能缩短`);
  if (m === 0n) fail('empty_tree', '从空树出发的一致性证明没有意义，旧树大小必须至少为 1');
  if (m === n) {
    if (proof.length > 0) fail('bad_proof', '两个树大小相同，一致性证明应为空');
    if (!bytesEqual(root1, root2)) fail('root_mismatch', '同一树大小出现两个不同的根哈希：日志出现分叉');
    return;
  }
  if (proof.length === 0) fail('bad_proof', '一致性证明为空');
  checkProofHashes(proof);
  let [inner, border] = decompInclProof(m - 1n, n);
  const shift = trailingZeros(m);
  inner -= shift;
  let seed = proof[0];
  let start = 1;
  if (m === 1n << BigInt(shift)) {
    seed = root1;
    start = 0;
  }
  if (proof.length !== start + inner + border) {
    fail('bad_proof', `一致性证明长度为 ${proof.length}，应为 ${start + inner + border}`);
  }
  const rest = proof.slice(start);
  const mask = (m - 1n) >> BigInt(shift);
  let hash1 = await chainInnerRight(seed, rest.slice(0, inner), mask);
  hash1 = await chainBorderRight(hash1, rest.slice(inner));
  if (!bytesEqual(hash1, root1)) fail('root_mismatch', '一致性证明与旧检查点的根哈希不符');
  let hash2 = await chainInner(seed, rest.slice(0, inner), mask);
  hash2 = await chainBorderRight(hash2, rest.slice(inner));
  if (!bytesEqual(hash2, root2)) fail('root_mismatch', '一致性证明与新检查点的根哈希不符：日志可能被改写');
}

// ---------------------------------------------------------------------------------------------------------
// Subtree proofs (transparency-dev/merkle VerifySubtreeInclusion / VerifySubtreeConsistency, as used by
// C2SP tlog witnesses and mirrors and by Merkle Tree Certificates). A subtree [start, end) is a run of
// leaves whose root is a single MTH; proving it against a checkpoint lets a verifier check a whole batch
// (e.g. one sequencer batch or one tile) with one hash instead of one inclusion proof per leaf.

/**
 * A subtree is valid when start < end and start is a multiple of the smallest power of two ≥ end − start:
 * exactly the ranges the RFC 6962 recursion can produce as one node, so its MTH is well defined.
 */
function checkSubtree(start: bigint, end: bigint): void {
  if (start >= end) fail('bad_subtree', `子树区间 [${start}, ${end}) 无效：起点必须小于终点`);
  let width = 1n;
  while (width < end - start) width <<= 1n;
  if (start % width !== 0n) {
    fail('bad_subtree', `子树区间 [${start}, ${end}) 未对齐：起点必须是 ${width} 的整数倍`);
  }
}

/** Checks that leaf `index` (in the whole log's numbering) is in subtree [start, end) whose root is `subtreeRoot`. */
export async function verifySubtreeInclusion(
  index: number | bigint,
  start: number | bigint,
  end: number | bigint,
  leafHash: Uint8Array,
  proof: Uint8Array[],
  subtreeRoot: Uint8Array,
): Promise<void> {
  const i = toSize(index, '条目序号');
  const s = toSize(start, '子树起点');
  const e = toSize(end, '子树终点');
  checkSubtree(s, e);
  if (i < s || i >= e) fail('index_out_of_range', `条目序号 ${i} 不在子树区间 [${s}, ${e}) 内`);
  // Inside an aligned subtree the RFC recursion is the same as in a tree of end − start leaves.
  const calc = await rootFromInclusionProof(i - s, e - s, leafHash, proof);
  if (!bytesEqual(calc, subtreeRoot))
    fail('root_mismatch', '按证明计算出的子树根哈希与给出的不一致：该条目不在此子树中，或证明被篡改');
}

/**
 * The root of the tree of `size` implied by subtree [start, end) with root `subtreeRoot` and a subtree
 * consistency proof. With start = 0 this is an ordinary RFC 9162 consistency proof from size `end`.
 */
export async function rootFromSubtreeConsistencyProof(
  start: number | bigint,
  end: number | bigint,
  size: number | bigint,
  proof: Uint8Array[],
  subtreeRoot: Uint8Array,
): Promise<Uint8Array> {
  const s = toSize(start, '子树起点');
  const e = toSize(end, '子树终点');
  const n = toSize(size, '树大小');
  checkSubtree(s, e);
  if (n < e) fail('size_order', `树大小 ${n} 小于子树终点 ${e}：子树不在此树中`);
  if (s === 0n && e === n) {
    if (proof.length > 0) fail('bad_proof', '子树就是整棵树，一致性证明应为空');
    return subtreeRoot;
  }
  if (proof.length === 0) fail('bad_proof', '子树一致性证明为空');
  checkProofHashes(proof);
  if (e === n) {
    // The subtree ends at the tree's right edge: its root grows into the tree root through one left
    // sibling per level at which its ancestor is a right child.
    const level = bitLen((e - 1n) ^ s);
    const want = onesCount(s >> BigInt(level));
    if (proof.length !== want) fail('bad_proof', `子树一致性证明长度为 ${proof.length}，应为 ${want}`);
    return chainBorderRight(subtreeRoot, proof);
  }
  // Otherwise the proof first rebuilds the subtree root (checked against subtreeRoot) and, from the same
  // hashes, the subtree's ancestor as it stands in the tree of `size`; the rest is an inclusion proof of
  // that ancestor. Paths to leaves end − 1 and size − 1 part at forkLevel.
  const forkLevel = bitLen((e - 1n) ^ (n - 1n));
  const shift = trailingZeros(e - s);
  const height = bitLen((e - 1n) ^ s);
  // A perfect subtree's own root is the seed (the verifier already has it); otherwise the proof starts
  // with the root of the subtree's rightmost perfect part.
  const perfect = e - s === 1n << BigInt(shift);
  const seed = perfect ? subtreeRoot : proof[0];
  const rest = proof.slice(perfect ? 0 : 1);
  const want = (perfect ? 0 : 1) + (forkLevel - shift) + onesCount((e - 1n) >> BigInt(forkLevel));
  if (proof.length !== want) fail('bad_proof', `子树一致性证明长度为 ${proof.length}，应为 ${want}`);
  let sub = seed;
  let grown = seed;
  let used = 0;
  const next = (): Uint8Array => (used < rest.length ? rest[used++] : fail('bad_proof', '子树一致性证明项数不足'));
  for (let lvl = shift; lvl < height; lvl++) {
    if ((((e - 1n) >> BigInt(lvl)) & 1n) === 1n) {
      const left = next();
      sub = await hashChildren(left, sub);
      grown = await hashChildren(left, grown);
    } else if (lvl < forkLevel) {
      grown = await hashChildren(grown, next());
    }
  }
  if (!bytesEqual(sub, subtreeRoot)) fail('root_mismatch', '子树一致性证明与给出的子树根哈希不符');
  const sIndex = s >> BigInt(height);
  const sSize = ((n - 1n) >> BigInt(height)) + 1n;
  return rootFromInclusionProof(sIndex, sSize, grown, rest.slice(used));
}

/** Checks that subtree [start, end) with root `subtreeRoot` is part of the tree of `size` with root `root`. */
export async function verifySubtreeConsistency(
  start: number | bigint,
  end: number | bigint,
  size: number | bigint,
  proof: Uint8Array[],
  subtreeRoot: Uint8Array,
  root: Uint8Array,
): Promise<void> {
  const s = toSize(start, '子树起点');
  const e = toSize(end, '子树终点');
  const n = toSize(size, '树大小');
  if (s === e) {
    // The empty range is part of every tree that reaches it, whatever its root: the proof must be empty
    // and the subtree root must be the empty-tree hash. It says nothing about `root` (as in the reference
    // vectors); a caller wanting evidence about a tree must use a non-empty subtree.
    if (e > n) fail('size_order', `树大小 ${n} 小于子树终点 ${e}：子树不在此树中`);
    if (proof.length > 0) fail('bad_proof', '空子树的一致性证明应为空');
    if (!bytesEqual(subtreeRoot, await sha256(new Uint8Array(0))))
      fail('root_mismatch', '空子树的根哈希应为空树哈希（空字符串的 SHA-256）');
    return;
  }
  const calc = await rootFromSubtreeConsistencyProof(s, e, n, proof, subtreeRoot);
  if (!bytesEqual(calc, root))
    fail('root_mismatch', '按子树一致性证明计算出的根哈希与检查点不一致：子树不属于此树，或证明被篡改');
}

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
// Keys and signed checkpoints (C2SP signed-note, tlog-checkpoint).

export interface VerifierKey {
  name: string;
  keyHash: string; // 8 hex digits
  publicKey: Uint8Array; // 32-byte Ed25519 key
}

const ED25519_ALG = 0x01;

/** C2SP signed-note: key hash = SHA-256(name || 0x0A || 0x01 || public key)[:4]. */
export async function computeKeyHash(name: string, publicKey: Uint8Array): Promise<Uint8Array> {
  const h = await sha256(concatBytes(utf8(name), new Uint8Array([0x0a, ED25519_ALG]), publicKey));
  return h.slice(0, 4);
}

function validKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name);
}

/** Parses `<name>+<hex key hash>+<base64(0x01 || public key)>` and checks the hash matches. */
export async function parseVerifierKey(s: string): Promise<VerifierKey> {
  // The base64 part may itself contain '+': split only at the first two.
  const m = /^([^+]*)\+([^+]*)\+(.*)$/su.exec(typeof s === 'string' ? s.trim() : '');
  if (!m) return fail('bad_key', '验证公钥格式应为「名称+8位十六进制+base64」');
  const [, name, hash, b64] = m;
  if (!validKeyName(name)) fail('bad_key', '验证公钥名称不能为空，也不能含空白或「+」');
  if (!/^[0-9a-f]{8}$/.test(hash)) fail('bad_key', '验证公钥的密钥哈希应为 8 位小写十六进制');
  let raw: Uint8Array = new Uint8Array();
  try {
    raw = fromBase64(b64, '验证公钥');
  } catch (e) {
    fail('bad_key', (e as EncodingError).message);
  }
  if (raw.length !== 33 || raw[0] !== ED25519_ALG) fail('bad_key', '验证公钥不是 Ed25519 公钥（应为 0x01 加 32 字节）');
  const publicKey = raw.slice(1);
  if (toHex(await computeKeyHash(name, publicKey)) !== hash) fail('bad_key', '验证公钥的密钥哈希与公钥内容不符');
  return { name, keyHash: hash, publicKey };
}

export interface Checkpoint {
  origin: string;
  size: bigint;
  rootHash: Uint8Array;
  extensions: string[];
  /** Names of the trusted keys whose signatures verified. */
  signedBy: string[];
  text: string;
}

/** Splits a signed note into its text and signature lines, without judging the signatures. */
export function splitNote(note: string): {
  text: string;
  signatures: { name: string; keyHash: string; sig: Uint8Array }[];
} {
  if (typeof note !== 'string' || note.length === 0) fail('bad_note', '检查点为空');
  if (note.includes('\r')) fail('bad_note', '检查点含有回车符（\\r），应只用换行符分行');
  const cut = note.lastIndexOf('\n\n');
  if (cut < 0 || !note.endsWith('\n')) fail('bad_note', '检查点格式错误：正文与签名之间应有一个空行，且以换行结尾');
  const text = note.slice(0, cut + 1);
  const sigLines = note.slice(cut + 2, -1).split('\n');
  const signatures = sigLines.map((line, i) => {
    const m = /^\u2014 (\S+) (\S+)$/u.exec(line);
    if (!m) return fail('bad_note', `检查点第 ${i + 1} 个签名行格式错误，应为「— 名称 base64签名」`);
    let raw: Uint8Array = new Uint8Array();
    try {
      raw = fromBase64(m[2], '签名');
    } catch (e) {
      fail('bad_note', (e as EncodingError).message);
    }
    if (raw.length < 5) fail('bad_note', `签名「${m[1]}」过短`);
    return { name: m[1], keyHash: toHex(raw.slice(0, 4)), sig: raw.slice(4) };
  });
  if (signatures.length === 0) fail('bad_note', '检查点没有签名');
  return { text, signatures };
}

async function ed25519Verify(publicKey: Uint8Array, sig: Uint8Array, msg: Uint8Array): Promise<boolean> {
  if (sig.length !== 64) return false;
  try {
    const key = await crypto.subtle.importKey('raw', publicKey as Uint8Array<ArrayBuffer>, { name: 'Ed25519' }, false, [
      'verify',
    ]);
    return await crypto.subtle.verify(
      { name: 'Ed25519' },
      key,
      sig as Uint8Array<ArrayBuffer>,
      msg as Uint8Array<ArrayBuffer>,
    );
  } catch {
    return false;
  }
}

/**
 * Verifies a checkpoint against trusted keys and parses it. Signatures by unknown keys are ignored (as the
 * signed-note spec requires); a signature that claims a trusted key but does not verify is an error; at least
 * one trusted signature is required.
 */
export async function openCheckpoint(note: string, keys: VerifierKey[], expectedOrigin?: string): Promise<Checkpoint> {
  const { text, signatures } = splitNote(note);
  const signedBy: string[] = [];
  for (const s of signatures) {
    const key = keys.find((k) => k.name === s.name && k.keyHash === s.keyHash);
    if (!key) continue;
    if (!(await ed25519Verify(key.publicKey, s.sig, utf8(text)))) {
      fail('bad_signature', `检查点上「${s.name}」的签名无效：检查点内容被改动或签名伪造`);
    }
    signedBy.push(key.name);
  }
  if (signedBy.length === 0) {
    fail('unknown_key', '检查点没有由受信任公钥签名：请核对门户公布的验证公钥（可能是未知密钥或密钥已更换）');
  }
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) fail('bad_checkpoint', '检查点正文至少应有三行：来源、树大小、根哈希');
  const [origin, sizeLine, rootLine, ...extensions] = lines;
  if (origin.length === 0) fail('bad_checkpoint', '检查点第一行（日志来源）为空');
  if (expectedOrigin !== undefined && origin !== expectedOrigin) {
    fail('wrong_origin', `检查点来自「${origin}」，不是预期的日志「${expectedOrigin}」`);
  }
  if (!/^(0|[1-9][0-9]{0,18})$/.test(sizeLine)) fail('bad_checkpoint', '检查点第二行（树大小）不是十进制非负整数');
  const size = BigInt(sizeLine);
  if (size >= 1n << 63n) fail('bad_checkpoint', '检查点树大小超出范围');
  let rootHash: Uint8Array = new Uint8Array();
  try {
    rootHash = fromBase64(rootLine, '根哈希');
  } catch (e) {
    fail('bad_checkpoint', (e as EncodingError).message);
  }
  if (rootHash.length !== HASH_SIZE) fail('bad_checkpoint', `根哈希长度为 ${rootHash.length} 字节，应为 32 字节`);
  if (extensions.some((l) => l.length === 0)) fail('bad_checkpoint', '检查点扩展行不能为空行');
  return { origin, size, rootHash, extensions, signedBy, text };
}

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
