/**
 * transparency-dev/merkle test vectors (Apache-2.0, ../shared/reference/merkle-testdata): every happy path
 * must verify, every mutated proof must be rejected.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  VerificationError,
  verifyConsistency,
  verifyInclusion,
  verifySubtreeConsistency,
  verifySubtreeInclusion,
} from '../../../src/platform/ledger/verify.js';

const DIR = path.resolve(import.meta.dirname, '../../..', '../shared/reference/merkle-testdata');
const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

function files(sub: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json')) out.push(p);
    }
  };
  walk(path.join(DIR, sub));
  return out.sort();
}

async function outcome(fn: () => Promise<void>): Promise<Error | null> {
  try {
    await fn();
    return null;
  } catch (e) {
    return e as Error;
  }
}

/**
 * Reads a vector; integers beyond 2^53 (the corpus has 2^63 + 2) become BigInt so they reach the verifier
 * exactly as written instead of as a rounded float.
 */
type Size = number | bigint;
/** The union of the corpora's fields (each corpus uses a subset). */
interface Vector {
  desc: string;
  wantErr: boolean;
  proof: string[] | null;
  leafIdx: Size;
  treeSize: Size;
  start: Size;
  end: Size;
  size: Size;
  size1: Size;
  size2: Size;
  leafHash: string;
  root: string;
  root1: string;
  root2: string;
}

function load(f: string): Vector {
  const text = fs.readFileSync(f, 'utf8').replace(/(:\s*)(\d{16,})(?=\s*[,}])/g, '$1"big:$2"');
  return JSON.parse(text, (_k, v) => (typeof v === 'string' && v.startsWith('big:') ? BigInt(v.slice(4)) : v));
}

/** Runs one corpus: every happy path verifies; every mutation is a VerificationError (a clear error, no crash). */
async function runCorpus(
  sub: string,
  min: { files: number; happy: number },
  check: (v: Vector) => Promise<void>,
): Promise<void> {
  const list = files(sub);
  assert.ok(list.length >= min.files, `expected the full ${sub} corpus, found ${list.length}`);
  let happy = 0;
  for (const f of list) {
    const v = load(f);
    const err = await outcome(() => check(v));
    const rel = path.relative(DIR, f);
    if (v.wantErr) {
      assert.ok(err, `${rel} (${v.desc}) must be rejected`);
      assert.ok(err instanceof VerificationError, `${rel} (${v.desc}) must fail cleanly, not crash: ${err}`);
    } else {
      assert.equal(err, null, `${rel} (${v.desc}) must verify: ${err?.message}`);
      happy++;
    }
  }
  assert.ok(happy >= min.happy, `${sub} happy paths: ${happy}`);
}

if (!fs.existsSync(DIR)) {
  test('merkle test vectors', (t) => {
    t.skip(`跳过：未找到测试向量目录 ${DIR}（需要 ../shared/reference/merkle-testdata）`);
  });
} else {
  test('inclusion vectors: happy paths verify, every mutation is rejected', async () => {
    await runCorpus('inclusion', { files: 90, happy: 6 }, (v) =>
      verifyInclusion(v.leafIdx, v.treeSize, b64(v.leafHash), (v.proof ?? []).map(b64), b64(v.root)),
    );
  });

  test('consistency vectors: happy paths verify, every mutation is rejected', async () => {
    await runCorpus('consistency', { files: 80, happy: 5 }, (v) =>
      verifyConsistency(v.size1, v.size2, (v.proof ?? []).map(b64), b64(v.root1), b64(v.root2)),
    );
  });

  // Subtree proofs: the happy paths (and their "-subtree" twins, the same proof for a subtree that does not
  // start at 0) verify; every mutation, misaligned subtree and out-of-range index is a clean rejection.
  test('subtree inclusion vectors: happy paths verify, every mutation is rejected', async () => {
    await runCorpus('subtreeinclusion', { files: 150, happy: 12 }, (v) =>
      verifySubtreeInclusion(v.leafIdx, v.start, v.end, b64(v.leafHash), (v.proof ?? []).map(b64), b64(v.root)),
    );
  });

  test('subtree consistency vectors: happy paths verify, every mutation is rejected', async () => {
    await runCorpus('subtreeconsistency', { files: 100, happy: 12 }, (v) =>
      verifySubtreeConsistency(v.start, v.end, v.size, (v.proof ?? []).map(b64), b64(v.root1), b64(v.root2)),
    );
  });
}
