/**
 * Ledger benchmark: batched appends per second on the database (PGlite, or PostgreSQL when DATABASE_URL is
 * set), inclusion-proof latency at 1,000,000 leaves, the tamper sweep (full vs incremental) at that size,
 * and the raw SHA-256 rate of this process as the physical reference — measured in one run.
 *
 * The 1M-leaf log is bulk-generated inside the database with SQL: real entries (canonical JSON content,
 * content hash, the leaf hash of the RFC 8785 envelope — exactly what anchorRecord would store), their leaves
 * as level-0 nodes, then one INSERT … SELECT per level: the layout the sequencer writes, built without a
 * million round trips, and clean for the sweep. The appends are then measured on top of that tree through
 * the real API (anchorRecords + sequence).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { anchorRecords, sequence } from '../src/platform/ledger/index.js';
import { proofBundle } from '../src/platform/ledger/proofs.js';
import { currentSigner, initLedger } from '../src/platform/ledger/state.js';
import { anchorAuditEvent, inclusionProof, rootAt, writeCheckpoint } from '../src/platform/ledger/store.js';
import { sweepLedger } from '../src/platform/ledger/sweep.js';
import { createTestDb } from '../test/helpers/db.js';

const TREE = 1_000_000;
const APPENDS = Number(process.env.BENCH_LEDGER_APPENDS ?? 50_000);
const PROOFS = 2_000;
/** Leaves appended between the full and the incremental sweep: about an hour of heavy publishing. */
const SWEEP_NEW = Number(process.env.BENCH_LEDGER_SWEEP_NEW ?? 5_000);

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

function sha256Rate(): number {
  const a = Buffer.alloc(65, 7);
  const n = 300_000;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    a[1] = i & 255;
    createHash('sha256').update(a).digest();
  }
  return n / (ms(t0) / 1000);
}

async function bulkTree(db: Awaited<ReturnType<typeof createTestDb>>['db'], size: number): Promise<number> {
  const t0 = process.hrtime.bigint();
  for (let start = 0; start < size; start += 250_000) {
    const end = Math.min(size, start + 250_000) - 1;
    // Content {"i":n,"title":"基准测试"} is already RFC 8785 canonical; the envelope's keys are in JCS order.
    await sql`insert into ledger_entries (idx, leaf_hash, record_kind, record_id, content_hash, content, sequenced_at)
      select i, sha256('\\x00'::bytea || convert_to('{"contentHash":"' || encode(h, 'hex') || '","id":"L-' || i
                                                 || '","kind":"bench.bulk","v":1}', 'UTF8')),
             'bench.bulk', 'L-' || i, h, c, now()
      from (select i, c, sha256(convert_to(c, 'UTF8')) as h
            from (select i, '{"i":' || i || ',"title":"基准测试"}' as c
                  from generate_series(${start}::bigint, ${end}::bigint) i) a) b`.execute(db);
    await sql`insert into ledger_nodes (level, idx, hash)
      select 0, idx, leaf_hash from ledger_entries where idx between ${start} and ${end}`.execute(db);
  }
  for (let level = 1; 2 ** level <= size; level++) {
    await sql`insert into ledger_nodes (level, idx, hash)
      select ${level}, l.idx / 2, sha256('\\x01'::bytea || l.hash || r.hash)
      from ledger_nodes l join ledger_nodes r on r.level = ${level - 1} and r.idx = l.idx + 1
      where l.level = ${level - 1} and l.idx % 2 = 0`.execute(db);
  }
  return ms(t0);
}

export async function run(): Promise<void> {
  const h = await createTestDb();
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-bench-keys-'));
  try {
    console.log(`# ledger benchmark — engine: ${h.engine}, node ${process.version}, ${os.cpus().length} CPU`);
    await initLedger(h.db, { keyDir, origin: 'bench.fazhi/ledger' });
    // Genesis anchors the key-generation audit event; sequence it, then grow the tree to 1M by SQL.
    await sequence(h.db);
    const genMs = await bulkTree(h.db, TREE);
    await sql`analyze ledger_nodes`.execute(h.db);
    // The genesis leaf (index 0) is replaced by the bulk tree: reset to a checkpoint over the bulk tree only.
    const root = await rootAt(h.db, TREE).catch(() => null);
    if (!root) throw new Error('bulk tree incomplete');
    await h.db.transaction().execute(async (trx) => writeCheckpoint(trx, TREE, root, await currentSigner(trx)));
    console.log(
      `bulk-generated ${TREE.toLocaleString()} leaves + interior nodes in SQL: ${(genMs / 1000).toFixed(1)} s`,
    );

    // Appends: enqueue through anchorRecords (1,000 per insert, 5,000 per transaction), then sequence.
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < APPENDS; i += 5_000) {
      await h.db.transaction().execute((trx) =>
        anchorRecords(
          trx,
          Array.from({ length: Math.min(5_000, APPENDS - i) }, (_, j) => ({
            recordKind: 'bench',
            recordId: `B-${i + j}`,
            content: { n: i + j, title: '基准测试记录' },
          })),
        ),
      );
    }
    const enqMs = ms(t0);
    const t1 = process.hrtime.bigint();
    let appended = 0;
    for (;;) {
      const r = await sequence(h.db, { maxBatch: 10_000 });
      if (r.appended === 0) break;
      appended += r.appended;
    }
    const seqMs = ms(t1);
    const size = TREE + appended;
    console.log(`appends: ${APPENDS.toLocaleString()} records`);
    console.log(`  enqueue (anchorRecords, batched):      ${Math.round(APPENDS / (enqMs / 1000)).toLocaleString()} /s`);
    console.log(
      `  sequence (index + nodes + checkpoint): ${Math.round(appended / (seqMs / 1000)).toLocaleString()} /s`,
    );
    console.log(
      `  end to end:                            ${Math.round(APPENDS / ((enqMs + seqMs) / 1000)).toLocaleString()} appends/s`,
    );

    // Proof latency at ~1M leaves: node reads + folding, and the full public bundle (entry + checkpoint + proof).
    const lat: number[] = [];
    for (let i = 0; i < PROOFS; i++) {
      const idx = Math.floor(Math.random() * TREE);
      const s = process.hrtime.bigint();
      await inclusionProof(h.db, idx, size);
      lat.push(ms(s));
    }
    const bundle: number[] = [];
    for (let i = 0; i < 500; i++) {
      const idx = TREE + Math.floor(Math.random() * appended);
      const s = process.hrtime.bigint();
      await proofBundle(h.db, idx);
      bundle.push(ms(s));
    }
    const pct = (a: number[], p: number) => [...a].sort((x, y) => x - y)[Math.floor((a.length - 1) * p)];
    console.log(`inclusion proof at tree size ${size.toLocaleString()} (${PROOFS} random leaves):`);
    console.log(
      `  p50 ${pct(lat, 0.5).toFixed(3)} ms, p99 ${pct(lat, 0.99).toFixed(3)} ms, mean ${(lat.reduce((a, b) => a + b, 0) / lat.length).toFixed(3)} ms`,
    );
    console.log(
      `  public proof bundle (entry + checkpoint + proof): p50 ${pct(bundle, 0.5).toFixed(3)} ms, p99 ${pct(bundle, 0.99).toFixed(3)} ms`,
    );
    // Tamper sweep at this size: a full pass, then an hour's appends and an incremental pass over them.
    // The genesis audit event (written before this bench could anchor it) is anchored now so the log is clean.
    for (const a of await h.db.selectFrom('audit_events').select('id').execute()) await anchorAuditEvent(h.db, a.id);
    while ((await sequence(h.db)).appended > 0) {}
    const tf = process.hrtime.bigint();
    const full = await sweepLedger(h.db, new Date(), { mode: 'full' });
    const fullMs = ms(tf);
    for (let i = 0; i < SWEEP_NEW; i += 5_000) {
      await anchorRecords(
        h.db,
        Array.from({ length: Math.min(5_000, SWEEP_NEW - i) }, (_, j) => ({
          recordKind: 'bench',
          recordId: `S-${i + j}`,
          content: { n: i + j, title: '巡检基准记录' },
        })),
      );
    }
    while ((await sequence(h.db)).appended > 0) {}
    const ti = process.hrtime.bigint();
    const inc = await sweepLedger(h.db, new Date(), { mode: 'incremental' });
    const incMs = ms(ti);
    console.log(`tamper sweep (leaf from record, node from children, checkpoint roots and signatures):`);
    console.log(
      `  full at ${full.treeSize.toLocaleString()} leaves: ${(fullMs / 1000).toFixed(1)} s (${Math.round(full.checkedEntries / (fullMs / 1000)).toLocaleString()} leaves/s), problems ${full.problems.length}`,
    );
    console.log(
      `  incremental after ${inc.checkedEntries.toLocaleString()} new leaves (from ${inc.fromSize.toLocaleString()} to ${inc.treeSize.toLocaleString()}): ${incMs.toFixed(0)} ms, problems ${inc.problems.length}${inc.escalated ? ` (escalated: ${inc.escalated})` : ''}`,
    );
    console.log(`  ratio: full / incremental = ${(fullMs / incMs).toFixed(0)}×`);
    const rate = sha256Rate();
    console.log(`raw SHA-256 (65-byte node inputs, this process): ${Math.round(rate).toLocaleString()} hashes/s`);
    console.log(
      `  ratio: end-to-end appends cost ≈ ${(rate / (APPENDS / ((enqMs + seqMs) / 1000))).toFixed(0)} raw hashes each`,
    );
  } finally {
    await h.close();
    fs.rmSync(keyDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
