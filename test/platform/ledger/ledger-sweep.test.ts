/**
 * The tamper sweep, full and incremental (both engines): what each kind of run checks, when the scheduled
 * run picks which, and when an incremental run must turn into a full one.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { onAuditWritten } from '../../../src/platform/audit/hooks.js';
import type { DbHandle } from '../../../src/platform/db/engine.js';
import { anchorRecords, sequence } from '../../../src/platform/ledger/index.js';
import { initLedger } from '../../../src/platform/ledger/state.js';
import { anchorAuditEvent, latestCheckpoint } from '../../../src/platform/ledger/store.js';
import { sweepLedger, sweepSettingsFromEnv } from '../../../src/platform/ledger/sweep.js';
import { rangeNodes } from '../../../src/platform/ledger/tree.js';
import { createTestDb } from '../../helpers/db.js';

let h: DbHandle;
let keyDir: string;
let batch = 0;
const HOUR = 3_600_000;

before(async () => {
  h = await createTestDb();
  keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-ledger-sweep-'));
  onAuditWritten((trx, e) => anchorAuditEvent(trx, e.id).then(() => undefined));
  await initLedger(h.db, { keyDir, origin: 'test.fazhi/sweep' });
});
after(async () => {
  await h.close();
  fs.rmSync(keyDir, { recursive: true, force: true });
});

/** Publishes `n` records and sequences them (in uneven batches, as the job would); returns the new size. */
async function grow(n: number): Promise<number> {
  const b = batch++;
  await anchorRecords(
    h.db,
    Array.from({ length: n }, (_, i) => ({ recordKind: 'notice', recordId: `S-${b}-${i}`, content: { b, i } })),
  );
  while ((await sequence(h.db, { maxBatch: 13 })).appended > 0) {}
  return (await latestCheckpoint(h.db))!.treeSize;
}

/** Changes a record's anchored content behind the application, as an intruder with database access would. */
async function tamperContent(idx: number): Promise<void> {
  await sql`alter table ledger_entries disable trigger ledger_entries_append_only`.execute(h.db);
  await sql`update ledger_entries set content = '{"b":-1,"i":-1}' where idx = ${idx}`.execute(h.db);
  await sql`alter table ledger_entries enable trigger ledger_entries_append_only`.execute(h.db);
}

const state = () => h.db.selectFrom('ledger_sweep_state').selectAll().executeTakeFirstOrThrow();
const altered = (r: Awaited<ReturnType<typeof sweepLedger>>) =>
  r.problems.filter((p) => p.kind === 'content_altered').map((p) => Number(p.entryIndex));

test('settings: full sweep every 24 h by default; FAZHI_LEDGER_FULL_SWEEP_HOURS overrides; nonsense falls back', () => {
  assert.equal(sweepSettingsFromEnv({}).fullIntervalMs, 24 * HOUR);
  assert.equal(sweepSettingsFromEnv({ FAZHI_LEDGER_FULL_SWEEP_HOURS: '6' }).fullIntervalMs, 6 * HOUR);
  assert.equal(sweepSettingsFromEnv({ FAZHI_LEDGER_FULL_SWEEP_HOURS: '0.5' }).fullIntervalMs, HOUR / 2);
  for (const bad of ['0', '-3', 'abc', '100000', ''])
    assert.equal(sweepSettingsFromEnv({ FAZHI_LEDGER_FULL_SWEEP_HOURS: bad }).fullIntervalMs, 24 * HOUR, bad);
});

test('the first scheduled run is full; later ones check only the new leaves and remember the verified point', async () => {
  const t0 = new Date('2026-11-22T08:00:00Z');
  const size1 = await grow(40);
  const first = await sweepLedger(h.db, t0, { mode: 'auto', fullIntervalMs: 24 * HOUR });
  assert.equal(first.mode, 'full', 'nothing verified yet: full');
  assert.deepEqual(first.problems, []);
  assert.equal(first.checkedEntries, size1);
  let st = await state();
  assert.equal(Number(st.verified_size), size1);
  assert.deepEqual(st.verified_root, (await latestCheckpoint(h.db))!.rootHash);
  assert.equal(st.last_full_at?.toISOString(), t0.toISOString());

  const size2 = await grow(29);
  const inc = await sweepLedger(h.db, new Date(t0.getTime() + HOUR), { mode: 'auto', fullIntervalMs: 24 * HOUR });
  assert.equal(inc.mode, 'incremental');
  assert.equal(inc.escalated, null);
  assert.deepEqual(inc.problems, []);
  assert.equal(inc.fromSize, size1);
  assert.equal(inc.checkedEntries, size2 - size1, 'only the appended leaves are re-derived');
  st = await state();
  assert.equal(Number(st.verified_size), size2);
  assert.equal(st.last_full_at?.toISOString(), t0.toISOString(), 'an incremental run does not reset the full clock');

  // Once the interval has passed, the scheduled run is a full one again.
  const due = await sweepLedger(h.db, new Date(t0.getTime() + 24 * HOUR), { mode: 'auto', fullIntervalMs: 24 * HOUR });
  assert.equal(due.mode, 'full');
  assert.equal(due.checkedEntries, size2);
  const log = await h.db.selectFrom('ledger_sweeps').select(['mode', 'from_size']).orderBy('started_at').execute();
  assert.deepEqual(
    log.map((r) => [r.mode, Number(r.from_size)]),
    [
      ['full', 0],
      ['incremental', size1],
      ['full', 0],
    ],
  );
});

test('a row edited BEFORE the verified point escapes the incremental sweep but is caught by the full sweep', async () => {
  const verified = Number((await state()).verified_size);
  const old = 7; // a published record well below the verified point
  const row = await h.db
    .selectFrom('ledger_entries')
    .select('record_kind')
    .where('idx', '=', String(old))
    .executeTakeFirstOrThrow();
  assert.equal(row.record_kind, 'notice');
  await tamperContent(old);
  await grow(5);
  const inc = await sweepLedger(h.db, new Date(), { mode: 'incremental' });
  assert.equal(inc.mode, 'incremental');
  assert.equal(inc.fromSize, verified);
  assert.deepEqual(
    altered(inc),
    [],
    'the incremental sweep does not re-read old records (that is the full sweep’s job)',
  );
  const full = await sweepLedger(h.db, new Date(), { mode: 'full' });
  assert.deepEqual(altered(full), [old]);
  assert.equal(full.newAlarms, 1);
  const alarm = await h.db
    .selectFrom('ledger_alarms')
    .selectAll()
    .where('kind', '=', 'content_altered')
    .executeTakeFirstOrThrow();
  assert.equal(Number(alarm.entry_index), old);
});

test('a row edited in the new range is caught by the incremental sweep', async () => {
  const verified = Number((await state()).verified_size);
  const size = await grow(21);
  const victim = verified + 11;
  assert.ok(victim < size);
  await tamperContent(victim);
  const inc = await sweepLedger(h.db, new Date(), { mode: 'incremental' });
  assert.equal(inc.mode, 'incremental');
  assert.equal(inc.escalated, null);
  assert.deepEqual(altered(inc), [victim]);
  assert.equal(inc.newAlarms, 1, 'one new alarm; the old one is not re-raised');
  const audited = await h.db
    .selectFrom('audit_events')
    .select('data')
    .where('action', '=', 'ledger.tamper_detected')
    .execute();
  assert.ok(audited.some((a) => (a.data as { entryIndex: string }).entryIndex === String(victim)));
  // The verified point moves on (the alarm stands); the next incremental run starts after it.
  assert.equal(Number((await state()).verified_size), size);
});

test('a forged sweep-state row is not trusted: its root must match a signed checkpoint, else the run is full', async () => {
  const st = await state();
  await sql`update ledger_sweep_state set verified_root = sha256(verified_root)`.execute(h.db);
  const r = await sweepLedger(h.db, new Date(), { mode: 'incremental' });
  assert.equal(r.mode, 'full');
  assert.equal(r.escalated, 'checkpoint_broken');
  assert.deepEqual((await state()).verified_root, st.verified_root, 'the full run re-derived the real root');
});

test('an interior node below the verified point changed: the incremental run escalates to full and finds it', async () => {
  await grow(3);
  await sweepLedger(h.db, new Date(), { mode: 'incremental' });
  const m = Number((await state()).verified_size);
  // The largest node the verified root folds: only the stored tree changed, so the anchor check sees it.
  const border = rangeNodes(0, m)[0];
  await sql`alter table ledger_nodes disable trigger ledger_nodes_append_only`.execute(h.db);
  await sql`update ledger_nodes set hash = sha256(hash) where level = ${border.level} and idx = ${border.index}`.execute(
    h.db,
  );
  await sql`alter table ledger_nodes enable trigger ledger_nodes_append_only`.execute(h.db);
  const r = await sweepLedger(h.db, new Date(), { mode: 'incremental' });
  assert.equal(r.mode, 'full');
  assert.equal(r.escalated, 'checkpoint_broken');
  const kinds = new Set(r.problems.map((p) => p.kind));
  assert.ok(kinds.has('node_altered'), [...kinds].join(', '));
  assert.ok(kinds.has('checkpoint_root_mismatch'), [...kinds].join(', '));
  // Repair (as a restore from backup would) so the last case starts from a clean tree.
  await sql`alter table ledger_nodes disable trigger ledger_nodes_append_only`.execute(h.db);
  await sql`update ledger_nodes n set hash = sha256('\\x01'::bytea || l.hash || r.hash)
    from ledger_nodes l, ledger_nodes r
    where n.level = ${border.level} and n.idx = ${border.index}
      and l.level = ${border.level - 1} and l.idx = ${2 * border.index}
      and r.level = ${border.level - 1} and r.idx = ${2 * border.index + 1}`.execute(h.db);
  await sql`alter table ledger_nodes enable trigger ledger_nodes_append_only`.execute(h.db);
  const clean = await sweepLedger(h.db, new Date(), { mode: 'full' });
  assert.ok(!clean.problems.some((p) => p.kind === 'node_altered'));
});

test('checkpoints deleted from the top of the log: reported, and the incremental run escalates', async () => {
  await grow(4);
  await sweepLedger(h.db, new Date(), { mode: 'incremental' });
  const m = Number((await state()).verified_size);
  await sql`alter table ledger_checkpoints disable trigger ledger_checkpoints_append_only`.execute(h.db);
  await sql`delete from ledger_checkpoints where tree_size = ${m}`.execute(h.db);
  await sql`alter table ledger_checkpoints enable trigger ledger_checkpoints_append_only`.execute(h.db);
  const r = await sweepLedger(h.db, new Date(), { mode: 'incremental' });
  assert.equal(r.mode, 'full');
  assert.equal(r.escalated, 'checkpoint_missing');
  const missing = r.problems.find((p) => p.kind === 'checkpoint_missing');
  assert.deepEqual(missing?.detail, { treeSize: m, currentTreeSize: r.treeSize });
  assert.ok(r.treeSize < m);
});
