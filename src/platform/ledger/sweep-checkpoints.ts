/**
 * The sweep's checks of the signed checkpoints (see sweep.ts): each signature against the published keys,
 * each root against the root the stored tree folds to.
 */
import type { Executor } from '../db/engine.js';
import { bytesEqual } from './encoding.js';
import { EMPTY_ROOT } from './hashing.js';
import { listKeys } from './keys.js';
import { rootAt } from './store.js';
import type { Problem } from './problems.js';
import { openCheckpoint, parseVerifierKey, type VerifierKey, VerificationError } from './verify.js';
import './tables.js';

export async function loadKeys(db: Executor): Promise<VerifierKey[]> {
  const keys: VerifierKey[] = [];
  for (const k of await listKeys(db)) keys.push(await parseVerifierKey(k.verifierKey));
  return keys;
}

/** Checkpoints with afterId < id ≤ maxId: signature, and root against the stored tree. */
export async function checkCheckpoints(
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

/**
 * A signed root for `size` that the stored tree still folds to: some checkpoint of that size whose
 * signature verifies, whose body matches its row, and whose root equals the root recomputed from the nodes
 * (and `expected`, when given). 'missing' when no checkpoint of that size exists any more.
 */
export async function signedRootAt(
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
