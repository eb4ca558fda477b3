/** The ledger on the database: anchoring, sequencing, proofs, checkpoints, key rotation (both engines). */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { systemCtx } from '../../../src/platform/access/actor.js';
import { recordAudit } from '../../../src/platform/audit/index.js';
import { onAuditWritten } from '../../../src/platform/audit/hooks.js';
import type { DbHandle } from '../../../src/platform/db/engine.js';
import { anchorRecord, anchorRecords, getRecordProof, sequence } from '../../../src/platform/ledger/index.js';
import { listKeys } from '../../../src/platform/ledger/keys.js';
import { consistencyBundle, proofBundle } from '../../../src/platform/ledger/proofs.js';
import { initLedger, rotateSigningKey } from '../../../src/platform/ledger/state.js';
import { anchorAuditEvent, latestCheckpoint } from '../../../src/platform/ledger/store.js';
import {
  decodeProof,
  openCheckpoint,
  parseVerifierKey,
  verifyConsistency,
  verifyProofBundle,
} from '../../../src/platform/ledger/verify.js';
import { createTestDb } from '../../helpers/db.js';

let h: DbHandle;
let keyDir: string;

before(async () => {
  h = await createTestDb();
  keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-ledger-keys-'));
  await recordAudit(h.db, systemCtx(), {
    action: 'system.seeded',
    entityKind: 'system',
    entityId: null,
    data: { demo: false },
  });
  onAuditWritten((trx, e) => anchorAuditEvent(trx, e.id).then(() => undefined));
  await initLedger(h.db, { keyDir, origin: 'test.fazhi/ledger' });
});
after(async () => {
  await h.close();
  fs.rmSync(keyDir, { recursive: true, force: true });
});

const trustedKeys = async () => Promise.all((await listKeys(h.db)).map((k) => parseVerifierKey(k.verifierKey)));

test('genesis: key file outside the database, empty-tree checkpoint, earlier audit events anchored first', async () => {
  const files = fs.readdirSync(keyDir);
  assert.equal(files.length, 1);
  assert.match(files[0], /^ledger-[0-9a-f]{8}\.key$/);
  assert.equal(fs.statSync(path.join(keyDir, files[0])).mode & 0o077, 0, 'key file is private');
  const cp = await latestCheckpoint(h.db);
  assert.equal(cp?.treeSize, 0);
  const opened = await openCheckpoint(cp!.note, await trustedKeys(), 'test.fazhi/ledger');
  assert.equal(opened.size, 0n);
  const first = await h.db.selectFrom('ledger_entries').selectAll().orderBy('seq').execute();
  assert.deepEqual(
    first.map((e) => e.record_kind),
    ['audit_event', 'audit_event'],
    'the seed event and the key-generation event',
  );
});

test('anchorRecord queues in the caller transaction; sequence assigns indexes and proofs verify end to end', async () => {
  const a = await h.db
    .transaction()
    .execute((trx) =>
      anchorRecord(trx, { recordKind: 'decision', recordId: 'D-1', content: { title: '关于某事项的决定', n: 1 } }),
    );
  assert.equal(a.index, null);
  // Rolled-back publication leaves nothing behind.
  await assert.rejects(
    h.db.transaction().execute(async (trx) => {
      await anchorRecord(trx, { recordKind: 'decision', recordId: 'D-rollback', content: { x: 1 } });
      throw new Error('rollback');
    }),
  );
  const pending = await getRecordProof(h.db, 'decision', 'D-1');
  assert.equal(pending?.status, 'pending');
  const s = await sequence(h.db);
  assert.equal(s.appended, 3);
  assert.equal(s.treeSize, 3);
  assert.equal(await getRecordProof(h.db, 'decision', 'D-rollback'), null);

  // Same content in another key order is the same entry (RFC 8785), and now carries an index.
  const again = await anchorRecord(h.db, {
    recordKind: 'decision',
    recordId: 'D-1',
    content: { n: 1, title: '关于某事项的决定' },
  });
  assert.equal(again.entryId, a.entryId);
  assert.equal(again.index, '2');

  const proof = await getRecordProof(h.db, 'decision', 'D-1');
  assert.equal(proof?.status, 'included');
  if (proof?.status !== 'included') return;
  const res = await verifyProofBundle(proof, await trustedKeys(), { origin: 'test.fazhi/ledger' });
  assert.equal(res.index, 2n);
  assert.equal(res.treeSize, 3n);
});

test('many batches: every proof at every checkpoint verifies, consistency between all checkpoint pairs', async () => {
  for (let b = 0; b < 6; b++) {
    await h.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 7 + b * 3; i++) {
        await anchorRecord(trx, {
          recordKind: 'norm_doc',
          recordId: `N-${b}-${i}`,
          content: { b, i, text: '规范性文件' },
        });
      }
    });
    await sequence(h.db, { maxBatch: 11 });
  }
  while ((await sequence(h.db)).appended > 0) {}
  const keys = await trustedKeys();
  const cps = await h.db.selectFrom('ledger_checkpoints').select(['tree_size']).orderBy('id').execute();
  const sizes = [...new Set(cps.map((c) => Number(c.tree_size)))].filter((n) => n > 0);
  assert.ok(sizes.length >= 6);
  const last = sizes[sizes.length - 1];
  for (const size of sizes) {
    for (const index of [0, Math.floor(size / 2), size - 1]) {
      const bundle = await proofBundle(h.db, index, size);
      await verifyProofBundle(bundle, keys);
    }
    const c = await consistencyBundle(h.db, size, last);
    const from = await openCheckpoint(c.fromCheckpoint.note, keys);
    const to = await openCheckpoint(c.toCheckpoint.note, keys);
    await verifyConsistency(from.size, to.size, decodeProof(c.hashes), from.rootHash, to.rootHash);
  }
  await assert.rejects(() => proofBundle(h.db, last - 1, sizes[0]), /不在大小为/);
  await assert.rejects(() => proofBundle(h.db, last, last), /没有第/);
  await assert.rejects(() => proofBundle(h.db, 0, last + 1000), /没有签名检查点/);
  await assert.rejects(() => consistencyBundle(h.db, 0, last), /至少为 1/);
  await assert.rejects(() => consistencyBundle(h.db, last + 1), /没有签名检查点|大于/);
});

test('anchorRecords (bulk) keeps input order and returns existing entries for identical content', async () => {
  const first = await anchorRecords(h.db, [
    { recordKind: 'bulk', recordId: 'a', content: { x: 1 } },
    { recordKind: 'bulk', recordId: 'b', content: { x: 2 }, attachmentsHash: 'cd'.repeat(32) },
  ]);
  await sequence(h.db);
  const again = await anchorRecords(h.db, [
    { recordKind: 'bulk', recordId: 'c', content: { x: 3 } },
    { recordKind: 'bulk', recordId: 'b', content: { x: 2 }, attachmentsHash: 'cd'.repeat(32) },
    { recordKind: 'bulk', recordId: 'a', content: { x: 1 } },
  ]);
  assert.equal(again[1].entryId, first[1].entryId);
  assert.equal(again[2].entryId, first[0].entryId);
  assert.notEqual(again[1].index, null);
  assert.equal(again[0].index, null);
  await assert.rejects(() => anchorRecords(h.db, [{ recordKind: 'bulk', recordId: '', content: {} }]), /记录编号/);
  await sequence(h.db);
  const p = await getRecordProof(h.db, 'bulk', 'b');
  assert.equal(p?.status, 'included');
  if (p?.status === 'included') await verifyProofBundle(p, await trustedKeys(), { fileHash: 'cd'.repeat(32) });
});

test('bad anchor input is refused with a clear message and nothing is queued', async () => {
  const before = await h.db
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  await assert.rejects(() => anchorRecord(h.db, { recordKind: 'Bad Kind', recordId: 'x', content: {} }), /记录类型/);
  await assert.rejects(() => anchorRecord(h.db, { recordKind: 'audit_event', recordId: 'x', content: {} }), /保留/);
  await assert.rejects(() => anchorRecord(h.db, { recordKind: 'decision', recordId: '', content: {} }), /记录编号/);
  await assert.rejects(
    () => anchorRecord(h.db, { recordKind: 'decision', recordId: 'x', content: { v: Number.NaN } }),
    /规范化/,
  );
  await assert.rejects(
    () => anchorRecord(h.db, { recordKind: 'decision', recordId: 'x', content: {}, attachmentsHash: 'abc' }),
    /附件哈希/,
  );
  const after = await h.db
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(after.n, before.n);
});

test('concurrent sequencers never assign an index twice', async () => {
  await h.db.transaction().execute(async (trx) => {
    for (let i = 0; i < 30; i++) await anchorRecord(trx, { recordKind: 'race', recordId: String(i), content: { i } });
  });
  const results = await Promise.all([
    sequence(h.db, { maxBatch: 7 }),
    sequence(h.db, { maxBatch: 7 }),
    sequence(h.db, { maxBatch: 7 }),
  ]);
  assert.equal(
    results.reduce((s, r) => s + r.appended, 0),
    21,
  );
  while ((await sequence(h.db)).appended > 0) {}
  const r = await sql<{ n: number; d: number; mx: number }>`
    select count(*)::int n, count(distinct idx)::int d, max(idx)::int mx from ledger_entries`.execute(h.db);
  assert.equal(r.rows[0].n, r.rows[0].d);
  assert.equal(r.rows[0].mx, r.rows[0].n - 1, 'indexes are consecutive from 0');
});

test('ledger tables refuse update and delete', async () => {
  await assert.rejects(sql`delete from ledger_entries where idx = 0`.execute(h.db), /append-only/);
  await assert.rejects(
    sql`update ledger_nodes set hash = hash where level = 0 and idx = 0`.execute(h.db),
    /append-only/,
  );
  await assert.rejects(sql`update ledger_checkpoints set note = 'x'`.execute(h.db), /append-only/);
});

test('key rotation: old checkpoints stay verifiable, the rotation checkpoint is cosigned, new ones use the new key', async () => {
  const oldCp = await latestCheckpoint(h.db);
  const oldKeys = await trustedKeys();
  const next = await rotateSigningKey(h.db);
  const keys = await listKeys(h.db);
  assert.equal(keys.length, 2);
  assert.ok(keys[0].validUntil, 'old key validity closed');
  assert.equal(keys[1].validUntil, null);
  assert.equal(fs.readdirSync(keyDir).length, 2);
  const rot = await latestCheckpoint(h.db);
  assert.equal(rot?.treeSize, oldCp?.treeSize);
  const both = await trustedKeys();
  assert.deepEqual((await openCheckpoint(rot!.note, both)).signedBy.length, 2, 'cosigned by old and new keys');
  // A verifier that only knew the old key accepts the rotation checkpoint (and so learns the new key).
  await openCheckpoint(rot!.note, oldKeys);
  await openCheckpoint(oldCp!.note, both);
  await anchorRecord(h.db, { recordKind: 'decision', recordId: 'after-rotation', content: { ok: true } });
  await sequence(h.db);
  const latest = await latestCheckpoint(h.db);
  assert.equal(latest?.keyHash, next.keyHash);
  const newOnly = both.filter((k) => k.keyHash === next.keyHash);
  await openCheckpoint(latest!.note, newOnly);
  await assert.rejects(() => openCheckpoint(latest!.note, oldKeys), /受信任公钥/);
  // The old key's file gone from a restarted instance: init refuses only if the ACTIVE key is missing.
  fs.rmSync(path.join(keyDir, `ledger-${next.keyHash}.key`));
  await assert.rejects(() => initLedger(h.db, { keyDir }), /签名私钥缺失/);
});
