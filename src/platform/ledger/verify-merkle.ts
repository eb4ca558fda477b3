/**
 * Merkle proof verification (RFC 6962/9162, transparency-dev/merkle's proof verifier): inclusion,
 * consistency and subtree proofs. Pure, WebCrypto only (see verify.ts).
 */
import { bytesEqual } from './encoding.js';
import { fail, HASH_SIZE, hashChildren, sha256 } from './verify-hash.js';

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
