/** Property tests of the tree geometry, incremental storage, proofs and the verifier (fast-check). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { hashChildren, hashLeaf } from '../../../src/platform/ledger/hashing.js';
import { canonicalize } from '../../../src/platform/ledger/jcs.js';
import {
  appendNodes,
  consistencyPlan,
  foldNodes,
  inclusionPlan,
  nodeKey,
  rangeNodes,
  splitPoint,
} from '../../../src/platform/ledger/tree.js';
import {
  verifyConsistency,
  verifyInclusion,
  verifySubtreeConsistency,
  verifySubtreeInclusion,
} from '../../../src/platform/ledger/verify.js';

const leaf = (i: number) => hashLeaf(Buffer.from(`leaf-${i}`));

/** RFC 6962 MTH computed naively from the leaves. */
function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 1) return leaves[0];
  const k = splitPoint(leaves.length);
  return hashChildren(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

function naivePath(m: number, leaves: Buffer[]): Buffer[] {
  if (leaves.length === 1) return [];
  const k = splitPoint(leaves.length);
  return m < k
    ? [...naivePath(m, leaves.slice(0, k)), mth(leaves.slice(k))]
    : [...naivePath(m - k, leaves.slice(k)), mth(leaves.slice(0, k))];
}

/** Builds the node store by appending `batches` incrementally, as the sequencer does. */
function buildStore(batches: number[]): { nodes: Map<string, Buffer>; leaves: Buffer[] } {
  const nodes = new Map<string, Buffer>();
  const leaves: Buffer[] = [];
  for (const b of batches) {
    const fresh = Array.from({ length: b }, (_, i) => leaf(leaves.length + i));
    for (const n of appendNodes(leaves.length, fresh, nodes, hashChildren)) {
      assert.ok(!nodes.has(nodeKey(n)), `node ${nodeKey(n)} written twice`);
      nodes.set(nodeKey(n), n.hash);
    }
    leaves.push(...fresh);
  }
  return { nodes, leaves };
}

const fold = (nodes: Map<string, Buffer>, refs: { level: number; index: number }[]) =>
  foldNodes(
    refs.map((r) => nodes.get(nodeKey(r))!),
    hashChildren,
  );

test('incremental tree equals naive recomputation for random sizes and batchings', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 12 }), (batches) => {
      const { nodes, leaves } = buildStore(batches);
      let n = 0;
      for (const b of batches) {
        n += b;
        assert.deepEqual(fold(nodes, rangeNodes(0, n)), mth(leaves.slice(0, n)));
      }
      // Every stored node is the MTH of exactly the leaves it covers.
      for (const [key, hash] of nodes) {
        const [level, index] = key.split(':').map(Number);
        assert.deepEqual(hash, mth(leaves.slice(index * 2 ** level, (index + 1) * 2 ** level)));
      }
      assert.equal(
        nodes.size,
        [...Array(20).keys()].reduce((s, l) => s + Math.floor(leaves.length / 2 ** l), 0),
      );
    }),
    { numRuns: 60 },
  );
});

test('inclusion proofs for random (index, size) match RFC PATH and verify; a flipped bit fails', async () => {
  const { nodes, leaves } = buildStore([200, 57]);
  await fc.assert(
    fc.asyncProperty(
      fc
        .integer({ min: 1, max: leaves.length })
        .chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 }))),
      fc.nat(),
      fc.integer({ min: 0, max: 7 }),
      async ([size, index], pick, bit) => {
        const proof = inclusionPlan(index, size).map((refs) => fold(nodes, refs));
        assert.deepEqual(proof, naivePath(index, leaves.slice(0, size)));
        const root = mth(leaves.slice(0, size));
        await verifyInclusion(index, size, leaves[index], proof, root);
        // Flip one bit in the proof, the leaf or the root: never verified.
        const parts = [...proof, leaves[index], root];
        const target = pick % parts.length;
        const mutated = parts.map((p, i) => (i === target ? Buffer.from(p) : p));
        mutated[target][pick % 32] ^= 1 << bit;
        await assert.rejects(() =>
          verifyInclusion(
            index,
            size,
            mutated[proof.length],
            mutated.slice(0, proof.length),
            mutated[proof.length + 1],
          ),
        );
      },
    ),
    { numRuns: 200 },
  );
});

test('consistency proofs for random size pairs verify; a flipped bit or wrong size fails', async () => {
  const { nodes, leaves } = buildStore([130, 3, 64]);
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: leaves.length }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n))),
      fc.nat(),
      async ([m, n], pick) => {
        const proof = consistencyPlan(m, n).map((refs) => fold(nodes, refs));
        const r1 = mth(leaves.slice(0, m));
        const r2 = mth(leaves.slice(0, n));
        await verifyConsistency(m, n, proof, r1, r2);
        if (m === n) return;
        const parts = [...proof, r1, r2];
        const target = pick % parts.length;
        const mutated = parts.map((p, i) => (i === target ? Buffer.from(p) : p));
        mutated[target][pick % 32] ^= 0x10;
        await assert.rejects(() =>
          verifyConsistency(m, n, mutated.slice(0, proof.length), mutated[proof.length], mutated[proof.length + 1]),
        );
        await assert.rejects(() => verifyConsistency(m + 1 > n ? m - 1 || 1 : m + 1, n, proof, r1, r2));
      },
    ),
    { numRuns: 200 },
  );
});

/**
 * Subtree consistency proof by its recursive definition (the RFC 9162 SUBPROOF generalised to a subtree
 * [start, end), as in draft-ietf-plants-merkle-tree-certs): the naive reference the verifier is checked against.
 */
function naiveSubtreeProof(start: number, end: number, leaves: Buffer[], known = true): Buffer[] {
  const n = leaves.length;
  if (start === 0 && end === n) return known ? [] : [mth(leaves)];
  const k = splitPoint(n);
  if (end <= k) return [...naiveSubtreeProof(start, end, leaves.slice(0, k), known), mth(leaves.slice(k))];
  if (start >= k) return [...naiveSubtreeProof(start - k, end - k, leaves.slice(k), known), mth(leaves.slice(0, k))];
  // An aligned subtree that straddles k starts at 0: the ordinary consistency-proof step.
  return [...naiveSubtreeProof(0, end - k, leaves.slice(k), false), mth(leaves.slice(0, k))];
}

/** A random aligned subtree [start, end) of a tree of n leaves (start a multiple of bit_ceil(end − start)). */
const alignedSubtree = (max: number) =>
  fc.integer({ min: 1, max }).chain((n) =>
    fc.integer({ min: 1, max: n }).chain((w) => {
      const p = 2 ** Math.ceil(Math.log2(w));
      return fc.integer({ min: 0, max: Math.floor((n - w) / p) }).map((j) => ({ n, start: j * p, end: j * p + w }));
    }),
  );

test('subtree proofs: random aligned subtrees verify (inclusion and consistency); a flipped bit fails', async () => {
  const leaves = Array.from({ length: 140 }, (_, i) => leaf(i));
  await fc.assert(
    fc.asyncProperty(alignedSubtree(leaves.length), fc.nat(), async ({ n, start, end }, pick) => {
      const sub = leaves.slice(start, end);
      const subRoot = mth(sub);
      const root = mth(leaves.slice(0, n));
      const index = start + (pick % sub.length);
      const path = naivePath(index - start, sub);
      await verifySubtreeInclusion(index, start, end, leaves[index], path, subRoot);
      const proof = naiveSubtreeProof(start, end, leaves.slice(0, n));
      await verifySubtreeConsistency(start, end, n, proof, subRoot, root);
      if (start === 0) {
        // With start = 0 a subtree consistency proof is exactly an RFC 9162 consistency proof.
        assert.deepEqual(proof, end === n ? [] : consistencyPlanNaive(end, leaves.slice(0, n)));
      }
      const parts = [...proof, subRoot, root];
      const target = pick % parts.length;
      const mutated = parts.map((p, i) => (i === target ? Buffer.from(p) : p));
      mutated[target][pick % 32] ^= 0x04;
      await assert.rejects(() =>
        verifySubtreeConsistency(
          start,
          end,
          n,
          mutated.slice(0, proof.length),
          mutated[proof.length],
          mutated[proof.length + 1],
        ),
      );
      await assert.rejects(() => verifySubtreeInclusion(index, start, end, leaves[index], path, root.subarray(1)));
    }),
    { numRuns: 300 },
  );
});

/** RFC 9162 PROOF(m, D[n]) computed naively (for the start = 0 identity above). */
function consistencyPlanNaive(m: number, leaves: Buffer[], known = true): Buffer[] {
  const n = leaves.length;
  if (m === n) return known ? [] : [mth(leaves)];
  const k = splitPoint(n);
  return m <= k
    ? [...consistencyPlanNaive(m, leaves.slice(0, k), known), mth(leaves.slice(k))]
    : [...consistencyPlanNaive(m - k, leaves.slice(k), false), mth(leaves.slice(0, k))];
}

test('verifier rejects malformed input with clear errors', async () => {
  const h = leaf(0);
  await assert.rejects(() => verifyInclusion(0, 0, h, [], h), /超出树大小/);
  await assert.rejects(() => verifyInclusion(-1, 2, h, [h], h), /非负整数/);
  await assert.rejects(() => verifyInclusion(1.5, 2, h, [h], h), /非负整数/);
  await assert.rejects(() => verifyInclusion(0, 1, h.subarray(0, 31), [], h), /32 字节/);
  await assert.rejects(() => verifyInclusion(0, 2, h, [h.subarray(1)], h), /32 字节/);
  await assert.rejects(() => verifyConsistency(0, 5, [], h, h), /空树/);
  await assert.rejects(() => verifyConsistency(5, 4, [], h, h), /不能缩短/);
  // Subtrees: misaligned, reversed, beyond the tree, index outside, out-of-range sizes.
  await assert.rejects(() => verifySubtreeInclusion(2, 2, 5, h, [], h), /未对齐/);
  await assert.rejects(() => verifySubtreeInclusion(0, 2, 1, h, [], h), /起点必须小于终点/);
  await assert.rejects(() => verifySubtreeInclusion(4, 0, 4, h, [], h), /不在子树区间/);
  await assert.rejects(() => verifySubtreeInclusion(0, 0, 2 ** 53, h, [], h), /非负整数/);
  await assert.rejects(() => verifySubtreeInclusion(0n, 0n, 1n << 63n, h, [], h), /2\^63/);
  await assert.rejects(() => verifySubtreeConsistency(4, 8, 6, [], h, h), /小于子树终点/);
  await assert.rejects(() => verifySubtreeConsistency(4, 8, 16, [h.subarray(2)], h, h), /32 字节/);
  await assert.rejects(() => verifySubtreeConsistency(0, 0, 3, [], h, h), /空树哈希/);
});

test('JCS canonicalization follows RFC 8785', () => {
  assert.equal(
    canonicalize({ b: 1, a: [true, null, 'x'], c: { z: 1e21, y: 0.000001 } }),
    '{"a":[true,null,"x"],"b":1,"c":{"y":0.000001,"z":1e+21}}',
  );
  // Keys sort by UTF-16 code units (RFC 8785 §3.2.3 example ordering).
  assert.equal(
    canonicalize({ '\u20ac': 1, '\r': 2, '\ud83d\ude00': 3, '1': 4, '\u00f6': 5 }),
    '{"\\r":2,"1":4,"ö":5,"€":1,"😀":3}',
  );
  assert.equal(canonicalize({ a: undefined, b: -0 }), '{"b":0}');
  assert.throws(() => canonicalize({ x: Number.NaN }), /非有限数值/);
  assert.throws(() => canonicalize({ x: 1n }), /不是 JSON/);
});
