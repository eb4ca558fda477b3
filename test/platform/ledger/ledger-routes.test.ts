/** Ledger HTTP API: public proof routes (no login) and the administrators' alarm routes; tamper detection. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { anchorRecord, sequence } from '../../../src/platform/ledger/index.js';
import {
  contentHash,
  parseVerifierKey,
  verifyProofBundle,
  openCheckpoint,
  verifyConsistency,
  decodeProof,
} from '../../../src/platform/ledger/verify.js';
import { sweepLedger } from '../../../src/platform/ledger/sweep.js';
import { toHex } from '../../../src/platform/ledger/encoding.js';
import { createTestApp, type TestApp } from '../../helpers/app.js';

let t: TestApp;
let keyDir: string;
const P = '/api/public/ledger';

before(async () => {
  keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-ledger-routes-'));
  t = await createTestApp({ env: { FAZHI_KEY_DIR: keyDir } });
  await anchorRecord(t.db, {
    recordKind: 'decision',
    recordId: 'D-7',
    content: { title: '重大行政决策目录', year: 2026 },
  });
  await anchorRecord(t.db, {
    recordKind: 'norm_doc',
    recordId: 'N-1',
    content: { title: '规范性文件' },
    attachmentsHash: 'ab'.repeat(32),
  });
  await sequence(t.db);
});
after(async () => {
  await t.close();
  fs.rmSync(keyDir, { recursive: true, force: true });
});

const get = (url: string) => t.call(null, { method: 'GET', url });

test('public: checkpoint and keys; the checkpoint verifies with the published key', async () => {
  const cp = await get(`${P}/checkpoint`);
  assert.equal(cp.statusCode, 200);
  const keys = await get(`${P}/keys`);
  assert.equal(keys.statusCode, 200);
  const trusted = await Promise.all(
    keys.json().items.map((k: { verifierKey: string }) => parseVerifierKey(k.verifierKey)),
  );
  const opened = await openCheckpoint(cp.json().note, trusted, keys.json().origin);
  assert.equal(String(opened.size), cp.json().treeSize);
  assert.ok(opened.size >= 3n, 'seed audit events + the two records');
});

test('public: citizen flow — find by content hash, fetch proof with checkpoint, verify without trusting the server', async () => {
  const hash = toHex(await contentHash({ year: 2026, title: '重大行政决策目录' }));
  const found = await get(`${P}/entries/by-hash/${hash}`);
  assert.equal(found.statusCode, 200);
  const [entry] = found.json().items;
  assert.equal(entry.recordId, 'D-7');
  assert.deepEqual(entry.content, { title: '重大行政决策目录', year: 2026 });
  const proof = await get(`${P}/entries/${entry.index}/proof`);
  assert.equal(proof.statusCode, 200);
  const keys = await Promise.all(
    (await get(`${P}/keys`)).json().items.map((k: { verifierKey: string }) => parseVerifierKey(k.verifierKey)),
  );
  const res = await verifyProofBundle(proof.json(), keys, { fileHash: hash });
  assert.equal(String(res.index), entry.index);
  // The attachment hash finds its record too.
  const byAtt = await get(`${P}/entries/by-hash/${'AB'.repeat(32)}`);
  assert.equal(byAtt.json().items[0].recordId, 'N-1');
  // A tampered bundle is never verified.
  const bad = proof.json();
  bad.entry.envelope.id = 'D-8';
  await assert.rejects(() => verifyProofBundle(bad, keys), /叶子哈希/);
});

test('public: the downloadable record is the exact bytes that were hashed, so the file itself verifies', async () => {
  const hash = toHex(await contentHash({ year: 2026, title: '重大行政决策目录' }));
  const [entry] = (await get(`${P}/entries/by-hash/${hash}`)).json().items;
  const file = await get(`${P}/entries/${entry.index}/content`);
  assert.equal(file.statusCode, 200);
  assert.match(String(file.headers['content-disposition']), /attachment; filename="fazhi-ledger-\d+-decision\.json"/);
  // What a citizen's browser does with the saved file: hash its bytes and look the hash up.
  const { createHash } = await import('node:crypto');
  const fileHash = createHash('sha256').update(file.rawPayload).digest('hex');
  assert.equal(fileHash, hash);
  const again = (await get(`${P}/entries/by-hash/${fileHash}`)).json().items;
  assert.equal(again[0].recordId, 'D-7');
  // Audit events publish their hash only; unknown entries are 404 in Chinese.
  const audit = await get(`${P}/entries/0/content`);
  assert.equal(audit.statusCode, 404);
  assert.match(audit.json().message, /只公开其哈希/);
  assert.equal((await get(`${P}/entries/99999/content`)).statusCode, 404);
  assert.equal((await get(`${P}/entries/abc/content`)).statusCode, 400);
});

test('public: audit entries show their envelope only, never staff content', async () => {
  const e = await get(`${P}/entries/0`);
  assert.equal(e.statusCode, 200);
  assert.equal(e.json().recordKind, 'audit_event');
  assert.equal(e.json().content, null);
});

test('public: bad input gets clear 400/404/422, never a 500', async () => {
  for (const url of [`${P}/entries/abc`, `${P}/entries/01`, `${P}/entries/-1`, `${P}/entries/99999999999999999`]) {
    const r = await get(url);
    assert.equal(r.statusCode, 400, url);
    assert.match(r.json().message, /条目序号/);
  }
  const short = await get(`${P}/entries/by-hash/abcd`);
  assert.equal(short.statusCode, 400);
  assert.match(short.json().message, /64 位十六进制/);
  assert.equal((await get(`${P}/entries/123456`)).statusCode, 404);
  assert.equal((await get(`${P}/entries/0/proof?treeSize=0`)).statusCode, 422);
  assert.equal((await get(`${P}/entries/0/proof?treeSize=77777`)).statusCode, 404);
  assert.equal((await get(`${P}/entries/0/proof?treeSize=x`)).statusCode, 400);
  assert.equal((await get(`${P}/consistency?from=0`)).statusCode, 400);
  assert.equal((await get(`${P}/consistency`)).statusCode, 400);
  assert.equal((await get(`${P}/checkpoints/88888`)).statusCode, 404);
});

test('public: consistency between the first and latest checkpoint verifies', async () => {
  await anchorRecord(t.db, { recordKind: 'decision', recordId: 'D-9', content: { later: true } });
  await sequence(t.db);
  const from = (
    await t.db
      .selectFrom('ledger_checkpoints')
      .select('tree_size')
      .where('tree_size', '>', '0')
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).tree_size;
  const r = await get(`${P}/consistency?from=${from}`);
  assert.equal(r.statusCode, 200);
  const keys = await Promise.all(
    (await get(`${P}/keys`)).json().items.map((k: { verifierKey: string }) => parseVerifierKey(k.verifierKey)),
  );
  const a = await openCheckpoint(r.json().fromCheckpoint.note, keys);
  const b = await openCheckpoint(r.json().toCheckpoint.note, keys);
  await verifyConsistency(a.size, b.size, decodeProof(r.json().hashes), a.rootHash, b.rootHash);
});

test('admin routes: 401 anonymous, 403 non-admin, 200 admin', async () => {
  assert.equal((await get('/api/ledger/status')).statusCode, 401);
  const staff = await t.loginAs('staff');
  assert.equal((await t.call(staff, { method: 'GET', url: '/api/ledger/alarms' })).statusCode, 403);
  const admin = await t.loginAs('admin');
  const st = await t.call(admin, { method: 'GET', url: '/api/ledger/status' });
  assert.equal(st.statusCode, 200);
  assert.equal(st.json().keys.length, 1);
});

test('tamper detection: rows changed or deleted behind the application raise audited alarms', async () => {
  await sequence(t.db);
  const clean = await sweepLedger(t.db, t.clock.now());
  assert.deepEqual(clean.problems, [], 'a fresh ledger is clean');

  const rec = await t.db
    .selectFrom('ledger_entries')
    .select('idx')
    .where('record_id', '=', 'D-7')
    .executeTakeFirstOrThrow();
  const audits = await t.db.selectFrom('audit_events').select('id').orderBy('seq').limit(2).execute();
  // Direct database edits, as an intruder with database access would make them.
  await sql`alter table ledger_entries disable trigger ledger_entries_append_only`.execute(t.db);
  await sql`update ledger_entries set content = replace(content, '2026', '2025') where record_id = 'D-7'`.execute(t.db);
  await sql`alter table ledger_entries enable trigger ledger_entries_append_only`.execute(t.db);
  await sql`alter table audit_events disable trigger audit_events_no_update`.execute(t.db);
  await sql`update audit_events set data = '{"demo": true, "x": 1}' where id = ${audits[0].id}`.execute(t.db);
  await sql`delete from audit_events where id = ${audits[1].id}`.execute(t.db);
  await sql`alter table audit_events enable trigger audit_events_no_update`.execute(t.db);
  await sql`insert into audit_events (action, entity_kind, data) values ('user.updated', 'user', '{}')`.execute(t.db);
  await sql`alter table ledger_nodes disable trigger ledger_nodes_append_only`.execute(t.db);
  await sql`update ledger_nodes set hash = sha256(hash) where level = 1 and idx = 0`.execute(t.db);
  await sql`alter table ledger_nodes enable trigger ledger_nodes_append_only`.execute(t.db);

  const admin = await t.loginAs('admin');
  const run = await t.call(admin, { method: 'POST', url: '/api/ledger/sweeps' });
  assert.equal(run.statusCode, 200);
  const kinds = new Set((await sweepLedger(t.db, t.clock.now())).problems.map((p) => p.kind));
  for (const k of [
    'content_altered',
    'audit_event_altered',
    'audit_event_missing',
    'audit_event_unanchored',
    'node_altered',
  ]) {
    assert.ok(kinds.has(k as never), `detects ${k}: got ${[...kinds].join(', ')}`);
  }
  const alarms = await t.call(admin, { method: 'GET', url: '/api/ledger/alarms' });
  assert.equal(alarms.statusCode, 200);
  const items = alarms.json().items as { id: string; kind: string; entryIndex: string | null; kindLabel: string }[];
  assert.equal(items.length, run.json().newAlarms, 'the second sweep raised no duplicates');
  const content = items.find((a) => a.kind === 'content_altered');
  assert.equal(content?.entryIndex, String(rec.idx));
  assert.equal(content?.kindLabel, '已上链记录的内容被改动');
  const audited = await t.db
    .selectFrom('audit_events')
    .select('id')
    .where('action', '=', 'ledger.tamper_detected')
    .execute();
  assert.equal(audited.length, items.length);
  const notes = await t.call(admin, { method: 'GET', url: '/api/notifications' });
  assert.ok(notes.json().items.some((n: { title: string }) => n.title.startsWith('篡改告警')));

  // Acknowledging: validation, 404, success, 409 on repeat; the alarm stays on record.
  const ack = (id: string, payload: unknown) =>
    t.call(admin, { method: 'POST', url: `/api/ledger/alarms/${id}/acknowledge`, payload: payload as object });
  assert.equal((await ack(content!.id, { note: '' })).statusCode, 400);
  assert.equal((await ack('00000000-0000-0000-0000-000000000000', { note: '已核查' })).statusCode, 404);
  assert.equal((await ack(content!.id, { note: '已核查，系数据库运维误操作' })).statusCode, 200);
  assert.equal((await ack(content!.id, { note: '再次确认' })).statusCode, 409);
  const all = await t.call(admin, { method: 'GET', url: '/api/ledger/alarms?status=all' });
  assert.equal(all.json().items.length, items.length);
});

test('public and admin: the remaining bad-input paths are clear 400/404/422, never a 500', async () => {
  const size = Number((await get(`${P}/checkpoint`)).json().treeSize);
  const cases: [string, number, RegExp?][] = [
    [`${P}/checkpoints/abc`, 400, /树大小/],
    [`${P}/checkpoints/01`, 400, /树大小/],
    [`${P}/checkpoints/99999999999999999`, 400, /树大小/],
    [`${P}/entries/by-hash/${'zz'.repeat(32)}`, 400, /64 位十六进制/],
    [`${P}/entries/by-hash/${'ab'.repeat(33)}`, 400, /64 位十六进制/],
    // A base64 SHA-256 is not accepted on the API (hex only), and says so.
    [`${P}/entries/by-hash/${encodeURIComponent(Buffer.alloc(32, 7).toString('base64'))}`, 400, /64 位十六进制/],
    [`${P}/entries/by-hash/${'ab'.repeat(32)}`, 200],
    [`${P}/entries/0/proof?treeSize=-1`, 400, /树大小/],
    [`${P}/entries/0/proof?treeSize=99999999999999999`, 400, /树大小/],
    [`${P}/entries/0/proof?size=1`, 400],
    [`${P}/entries/${size}/proof`, 404, /没有第/],
    [`${P}/consistency?from=abc`, 400, /旧树大小/],
    [`${P}/consistency?from=1&to=x`, 400, /新树大小/],
    [`${P}/consistency?from=${size + 1}`, 422, /大于新树大小/],
    [`${P}/consistency?from=1&to=77777`, 404, /没有签名检查点/],
    [`${P}/consistency?from=77777&to=${size}`, 422, /大于/],
    [`${P}/consistency?from=1&to=${size}&extra=1`, 400],
  ];
  for (const [url, status, message] of cases) {
    const r = await get(url);
    assert.equal(r.statusCode, status, `${url}: ${r.body}`);
    if (message) assert.match(r.json().message, message, url);
  }
  const admin = await t.loginAs('admin');
  const bad = [
    ['GET', '/api/ledger/alarms?status=closed', /状态只能是/],
    ['POST', '/api/ledger/alarms/not-a-uuid/acknowledge', /./],
    ['POST', '/api/ledger/sweeps?mode=quick', /巡检方式/],
  ] as const;
  for (const [method, url, message] of bad) {
    const r = await t.call(admin, { method, url, payload: method === 'POST' ? { note: '已核查' } : undefined });
    assert.equal(r.statusCode, 400, `${url}: ${r.body}`);
    assert.match(r.json().message, message);
  }
});

test('admin: an incremental sweep on request; requested sweeps are audited, status shows the verified point', async () => {
  const admin = await t.loginAs('admin');
  await anchorRecord(t.db, { recordKind: 'decision', recordId: 'D-10', content: { n: 10 } });
  await sequence(t.db);
  const r = await t.call(admin, { method: 'POST', url: '/api/ledger/sweeps?mode=incremental' });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json().mode, 'incremental');
  assert.ok(r.json().fromSize > 0, 'builds on the previous sweep');
  assert.equal(r.json().checkedEntries, r.json().treeSize - r.json().fromSize);
  const audited = await t.db
    .selectFrom('audit_events')
    .select(['data', 'actor_user_id'])
    .where('action', '=', 'ledger.sweep_run')
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow();
  assert.equal((audited.data as { mode: string }).mode, 'incremental');
  assert.ok(audited.actor_user_id, 'the administrator who asked is on record');
  const st = (await t.call(admin, { method: 'GET', url: '/api/ledger/status' })).json();
  assert.equal(st.lastSweep.mode, 'incremental');
  assert.equal(st.verified.treeSize, String(r.json().treeSize));
});
