/**
 * Merkle tree geometry (RFC 6962 §2.1 / RFC 9162 §2.1), pure and hash-agnostic.
 *
 * The log stores the hash of every complete perfect subtree as a node (level, index) covering leaves
 * [index·2^level, (index+1)·2^level). Any MTH over a range the RFC recursion produces is a fold of at most
 * log2(n) such nodes, so proofs for any tree size need O(log n) node reads and never a rebuild.
 */

export interface NodeRef {
  level: number;
  index: number;
}

/** Largest power of two strictly smaller than n (n ≥ 2), as the RFC's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  return n >= 1 && 2 ** Math.round(Math.log2(n)) === n;
}

/**
 * The perfect aligned subtrees whose fold (right to left) is MTH(D[a:b]). Ranges produced by the RFC
 * recursion always start at a multiple of the left part's size, which is what makes them stored nodes.
 */
export function rangeNodes(a: number, b: number): NodeRef[] {
  if (!(b > a)) throw new RangeError(`empty range [${a}, ${b})`);
  const out: NodeRef[] = [];
  while (a < b) {
    const n = b - a;
    const k = isPowerOfTwo(n) ? n : splitPoint(n);
    if (a % k !== 0) throw new RangeError(`range [${a}, ${b}) is not aligned`);
    out.push({ level: Math.round(Math.log2(k)), index: a / k });
    a += k;
  }
  return out;
}

/** RFC 6962 §2.1.1 PATH(m, D[n]): one entry per proof hash, lowest level first. */
export function inclusionPlan(index: number, size: number): NodeRef[][] {
  if (!(index >= 0 && index < size)) throw new RangeError(`index ${index} not in tree of size ${size}`);
  const out: NodeRef[][] = [];
  const walk = (a: number, b: number): void => {
    const n = b - a;
    if (n === 1) return;
    const k = splitPoint(n);
    if (index < a + k) {
      walk(a, a + k);
      out.push(rangeNodes(a + k, b));
    } else {
      walk(a + k, b);
      out.push(rangeNodes(a, a + k));
    }
  };
  walk(0, size);
  return out;
}

/** RFC 6962 §2.1.2 PROOF(m, D[n]) for 0 < m ≤ n. */
export function consistencyPlan(m: number, n: number): NodeRef[][] {
  if (!(m > 0 && m <= n)) throw new RangeError(`consistency needs 0 < ${m} <= ${n}`);
  const out: NodeRef[][] = [];
  const sub = (mm: number, a: number, b: number, complete: boolean): void => {
    const size = b - a;
    if (mm === size) {
      if (!complete) out.push(rangeNodes(a, b));
      return;
    }
    const k = splitPoint(size);
    if (mm <= k) {
      sub(mm, a, a + k, complete);
      out.push(rangeNodes(a + k, b));
    } else {
      sub(mm - k, a + k, b, false);
      out.push(rangeNodes(a, a + k));
    }
  };
  sub(m, 0, n, true);
  return out;
}

export const nodeKey = (r: NodeRef): string => `${r.level}:${r.index}`;

/** Fold nodes right to left: MTH = H(n0, H(n1, … H(n_{k-2}, n_{k-1}))). */
export function foldNodes<H>(hashes: H[], hashChildren: (l: H, r: H) => H): H {
  let h = hashes[hashes.length - 1];
  for (let i = hashes.length - 2; i >= 0; i--) h = hashChildren(hashes[i], h);
  return h;
}

/** The stored nodes an append to a tree of `size` leaves may pair with: its right border. */
export function borderNodes(size: number): NodeRef[] {
  const out: NodeRef[] = [];
  for (let level = 0; 2 ** level <= size; level++) {
    const count = Math.floor(size / 2 ** level);
    if (count % 2 === 1) out.push({ level, index: count - 1 });
  }
  return out;
}

/**
 * Every node that becomes complete when `leafHashes` are appended to a tree of `size` leaves, level 0
 * (the leaves) included. `border` holds the stored right-border nodes of the old tree (see borderNodes).
 */
export function appendNodes<H>(
  size: number,
  leafHashes: H[],
  border: Map<string, H>,
  hashChildren: (l: H, r: H) => H,
): Array<NodeRef & { hash: H }> {
  const out: Array<NodeRef & { hash: H }> = [];
  let start = size;
  let run = leafHashes;
  for (let level = 0; run.length > 0; level++) {
    run.forEach((hash, i) => {
      out.push({ level, index: start + i, hash });
    });
    let left: H | undefined;
    let first = start;
    if (start % 2 === 1) {
      left = border.get(`${level}:${start - 1}`);
      if (left === undefined) throw new Error(`missing border node ${level}:${start - 1}`);
      first = start - 1;
    }
    const all = left === undefined ? run : [left, ...run];
    const next: H[] = [];
    for (let i = 0; i + 1 < all.length; i += 2) next.push(hashChildren(all[i], all[i + 1]));
    start = first / 2;
    run = next;
  }
  return out;
}
