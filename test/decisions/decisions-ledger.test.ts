/**
 * Decisions in the ledger: the portal's comment-set proof badge resolves to an inclusion proof that verifies,
 * and the tamper sweep checks every anchored decisions record against the module's own rows (record sources,
 * ADR 0003) — an edit made directly in the database raises an alarm, audited and shown to administrators.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { addCalendarDays, addWorkingDays } from '../../src/platform/calendar/index.js';
import { recordSourceKinds, sequence } from '../../src/platform/ledger/index.js';
import { parseVerifierKey, verifyProofBundle } from '../../src/platform/ledger/verify.js';
import { auditFor, createTestApp, type Session, type TestApp, TEST_TODAY } from '../helpers/app.js';

const T = TEST_TODAY;
const year = Number(T.slice(0, 4));
const member = (name: string, title = '副区长') => ({ name, title, view: 'agree', remarks: '' });

describe('decisions: ledger proofs and source-row tamper detection', () => {
  let t: TestApp;
  let co: Session;
  let staff: Session;
  let liaison: Session;
  let reviewer: Session;
  let admin: Session;
  let catalogId: string;
  let itemId: string;
  let periodId: string;

  const post = (s: Session | null, url: string, payload: object = {}) => t.call(s, { method: 'POST', url, payload });
  const ok = async (p: ReturnType<typeof post>, code = 200) => {
    const res = await p;
    assert.equal(res.statusCode, code, res.body);
    return res.json();
  };
  const step = (s: Session, path: string, payload: object = {}) =>
    ok(post(s, `/api/decisions/items/${itemId}/${path}`, payload));
  const sweep = async () => {
    while ((await sequence(t.db)).appended > 0) {}
    return ok(post(admin, '/api/ledger/sweeps'));
  };
  const alarms = async () =>
    (await t.call(admin, { method: 'GET', url: '/api/ledger/alarms' })).json().items as {
      id: string;
      kind: string;
      kindLabel: string;
      recordKind: string | null;
      recordId: string | null;
    }[];

  before(async () => {
    t = await createTestApp();
    co = await t.loginAs('coordinator');
    staff = await t.loginAs('staff');
    liaison = await t.loginAs('liaison');
    reviewer = await t.loginAs('reviewer');
    admin = await t.loginAs('admin');
  });
  after(() => t.close());

  test('the module registers a record source for every kind it anchors', () => {
    for (const k of ['decision.stage', 'decision.catalog', 'decision.comment_set', 'decision.published'])
      assert.ok(recordSourceKinds().includes(k), k);
  });

  test('a decision published with a closed comment period', async () => {
    catalogId = (await ok(post(co, '/api/decisions/catalogs', { bodyOrgId: await t.orgId('SLQ'), year }), 201)).id;
    itemId = (
      await ok(
        post(liaison, `/api/decisions/catalogs/${catalogId}/items`, {
          title: '示例区早市管理办法',
          summary: '规范早市经营秩序，方便群众生活。',
          category: 'public_policy',
          leadOrgId: await t.orgId('SCJ'),
          plannedCompletionOn: `${year}-12-31`,
        }),
        201,
      )
    ).id;
    await ok(
      post(co, `/api/decisions/catalogs/${catalogId}/approve`, {
        partyConsentRef: '区委常委会会议',
        partyConsentOn: T,
      }),
    );
    await ok(post(co, `/api/decisions/catalogs/${catalogId}/publish`));
    await step(liaison, 'assessment', {
      kinds: ['public_policy'],
      exclusions: [],
      reasons: '涉及全区早市经营者和居民切身利益，属于重大公共政策。',
    });
    await step(co, 'initiate');
    await step(staff, 'drafting', {
      text: '示例区早市管理办法（草案）共四章二十条，规定经营时段、场地和卫生要求。',
      legalBases: ['《食品安全法》'],
      disputed: false,
      alternatives: [],
    });
    // A period that ends today: it accepts comments today and may be closed today.
    periodId = (
      await ok(
        post(staff, `/api/decisions/items/${itemId}/participations`, {
          form: 'comment_period',
          title: '公开征求意见',
          opensOn: addCalendarDays(T, -30),
          closesOn: T,
          shortenedReason: '测试：截止日恰逢休息日时的说明',
        }),
        201,
      )
    ).id;
    await ok(
      post(null, `/api/public/decisions/participations/${periodId}/comments`, {
        submitterKind: 'anonymous',
        body: '建议早市延长到上午九点。',
      }),
      201,
    );
    const [c] = (await t.call(staff, { method: 'GET', url: `/api/decisions/items/${itemId}` })).json().comments;
    await ok(post(staff, `/api/decisions/comments/${c.id}/moderate`, { moderation: 'published' }));
    await ok(
      post(staff, `/api/decisions/comments/${c.id}/dispose`, { disposition: 'adopted', reason: '意见合理，予以采纳' }),
    );
    await ok(post(staff, `/api/decisions/participations/${periodId}/close`, { outcome: '收到意见1条，已采纳。' }));
    await step(staff, 'participation/complete');
    await step(staff, 'legality-review', { level: 'unit', submittedOn: T, replyBy: addWorkingDays(T, 7) });
    await step(liaison, 'legality-review/unit-opinion', {
      conclusion: 'lawful',
      opinion: '经初审，草案内容未发现违法情形。',
      reviewedOn: T,
    });
    await step(staff, 'legality-review', { level: 'justice', submittedOn: T, replyBy: addWorkingDays(T, 7) });
    await step(reviewer, 'legality-review/justice-opinion', {
      conclusion: 'lawful',
      opinion: '经审查，草案符合法律法规规定。',
      reviewedOn: T,
    });
    await step(co, 'collective-decision', {
      meeting: '区政府常务会议',
      meetingKind: 'executive',
      heldOn: T,
      headName: '赵区长',
      outcome: 'approved',
      minutes: '会议审议了决策草案及相关材料。',
      members: [member('钱副区长'), member('孙副区长'), member('赵区长', '区长')],
    });
    await step(co, 'party-report', { reportedOn: T, reference: '区委常委会会议' });
    const d = await step(co, 'publish', {
      publishedText: '示例区早市管理办法经区政府常务会议审议通过，现予公布。',
      channels: ['区政府门户网站'],
      executionOrgId: await t.orgId('SCJ'),
      tasks: [{ name: '组织实施', weight: 1 }],
    });
    assert.equal(d.status, 'executing');
  });

  test('the portal comment-set badge hash resolves through the public ledger API to a proof that verifies', async () => {
    while ((await sequence(t.db)).appended > 0) {}
    const item = (await t.call(null, { method: 'GET', url: `/api/public/decisions/items/${itemId}` })).json();
    const hash = item.participations.find((p: { id: string }) => p.id === periodId).commentSetHash as string;
    assert.match(hash, /^[0-9a-f]{64}$/);
    // Exactly what ProofBadge and the /verify page do.
    const found = await t.call(null, { method: 'GET', url: `/api/public/ledger/entries/by-hash/${hash}` });
    assert.equal(found.statusCode, 200, found.body);
    const entry = found.json().items.find((e: { index: string | null }) => e.index !== null);
    assert.ok(entry, 'the badge finds a sequenced entry for the comment-set hash');
    assert.equal(entry.recordKind, 'decision.comment_set');
    assert.equal(entry.recordId, periodId);
    const bundle = (
      await t.call(null, { method: 'GET', url: `/api/public/ledger/entries/${entry.index}/proof` })
    ).json();
    const keys = (await t.call(null, { method: 'GET', url: '/api/public/ledger/keys' })).json();
    const trusted = await Promise.all(keys.items.map((k: { verifierKey: string }) => parseVerifierKey(k.verifierKey)));
    const res = await verifyProofBundle(bundle, trusted, { fileHash: hash });
    assert.equal(res.index, BigInt(entry.index));
    assert.equal(bundle.entry.content.commentsHash, hash);
  });

  test('a clean log: the full sweep re-derives every decisions record from its rows without a single alarm', async () => {
    const r = await sweep();
    assert.equal(r.problems, 0, JSON.stringify(await alarms()));
  });

  test('editing the portal-facing rows directly raises one alarm per record; a deleted row too', async () => {
    const stage = await t.db
      .selectFrom('decision_stage_records')
      .select('id')
      .where('decision_id', '=', itemId)
      .where('stage', '=', 'participation')
      .executeTakeFirstOrThrow();
    // As an intruder with database access would: no application, no audit event.
    await sql`update decision_stage_records set public_summary = '收到意见0条。' where id = ${stage.id}`.execute(t.db);
    await sql`update decisions set published_text = '示例区早市管理办法（已被篡改）' where id = ${itemId}`.execute(
      t.db,
    );
    await sql`update decision_catalog_versions set snapshot = jsonb_set(snapshot, '{title}', '"改过的目录"')
              where catalog_id = ${catalogId} and version = 1`.execute(t.db);
    await sql`update decision_comments set body = '改过的意见' where participation_id = ${periodId}`.execute(t.db);
    const r = await sweep();
    assert.equal(r.problems, 4);
    const got = (await alarms()).filter((a) => a.kind === 'record_altered');
    assert.deepEqual(got.map((a) => a.recordKind).sort(), [
      'decision.catalog',
      'decision.comment_set',
      'decision.published',
      'decision.stage',
    ]);
    assert.equal(got.find((a) => a.recordKind === 'decision.stage')?.recordId, stage.id);
    assert.equal(got.find((a) => a.recordKind === 'decision.published')?.recordId, `${itemId}:r0`);
    assert.match(got[0].kindLabel, /业务数据被改动/);
    const audited = await auditFor(t.db, 'ledger_alarm', got[0].id);
    assert.equal(audited[0]?.action, 'ledger.tamper_detected');
    const notes = await t.db.selectFrom('notifications').select('title').where('kind', '=', 'ledger.alarm').execute();
    assert.ok(
      notes.some((n) => /业务数据被改动/.test(n.title)),
      'administrators are notified',
    );

    await sql`delete from decision_catalog_versions where catalog_id = ${catalogId} and version = 1`.execute(t.db);
    await sweep();
    const missing = (await alarms()).filter((a) => a.kind === 'record_missing');
    assert.deepEqual(
      missing.map((a) => a.recordId),
      [`${catalogId}:v1`],
    );
  });

  test('the stored hash of a comment set is checked too, not only the comments', async () => {
    const p2 = await t.db
      .selectFrom('decision_participations')
      .select('comment_set_hash')
      .where('id', '=', periodId)
      .executeTakeFirstOrThrow();
    // Restore the comment; the alarm above stays (deduplicated), so no new comment_set alarm is expected from it.
    await sql`update decision_comments set body = '建议早市延长到上午九点。' where participation_id = ${periodId}`.execute(
      t.db,
    );
    const before = (await alarms()).length;
    assert.equal((await sweep()).problems, 3, 'the comment set agrees with its rows again');
    await sql`update decision_participations set comment_set_hash = ${'0'.repeat(64)} where id = ${periodId}`.execute(
      t.db,
    );
    assert.equal((await sweep()).problems, 4);
    assert.equal((await alarms()).length, before, 'the same record: the existing alarm is seen again, not duplicated');
    assert.ok(p2.comment_set_hash);
  });
});
