import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { normativeIndicators } from '../../src/modules/normative-docs/normative.indicators.js';
import { sequence } from '../../src/platform/ledger/index.js';
import { sweepLedger } from '../../src/platform/ledger/sweep.js';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';

/** Historical entry (补录): original number and dates, labelled as entered afterwards, audited, anchored. */
describe('normative documents published before the platform are entered with their original dates', () => {
  let t: TestApp;
  let liaison: Session;
  let staff: Session;
  let liaison2: Session;
  let scj: string;
  let lawId: string;
  let docId: string;
  before(async () => {
    t = await createTestApp();
    [liaison, staff, liaison2] = await Promise.all(['liaison', 'staff', 'liaison2'].map((u) => t.loginAs(u)));
    scj = await t.orgId('SCJ');
    lawId = (
      await t.db
        .insertInto('laws')
        .values({
          work_key: 'hist-law',
          title: '示例市场秩序条例',
          category: '地方性法规',
          version_date: '2020-01-01',
          source_name: 't',
          content_hash: 'h',
          imported_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(() => t?.close());

  const body = (extra: object = {}) => ({
    orgId: scj,
    title: '示例区市场监管局关于集贸市场经营管理的若干规定',
    body: '第一条 为规范集贸市场经营秩序，制定本规定。\n第二条 本规定自公布之日起施行。',
    registrationNo: '示市监规〔2023〕2号',
    publishedOn: '2023-03-01',
    effectiveOn: '2023-04-01',
    validUntil: '2028-03-31',
    bases: [{ lawId, articles: '第二条' }],
    reason: '平台启用前已公布施行的文件，按原文号、原日期补录',
    ...extra,
  });
  const enter = (s: Session, b: object) =>
    t.call(s, { method: 'POST', url: '/api/normative-docs/historical', payload: b });

  test('refusals: another unit 404, not a party 403, a future date 422, no bases 400; nothing written', async () => {
    const n = async () => (await t.db.selectFrom('normative_docs').select('id').execute()).length;
    const before = await n();
    assert.equal((await enter(liaison2, body())).statusCode, 404);
    assert.equal((await enter(staff, body())).statusCode, 403);
    const future = await enter(
      liaison,
      body({ publishedOn: '2099-01-01', effectiveOn: '2099-01-01', validUntil: '2100-01-01' }),
    );
    assert.equal(future.statusCode, 422);
    assert.match(future.json().message, /不能晚于今天/);
    assert.equal((await enter(liaison, body({ bases: [] }))).statusCode, 400);
    assert.equal(await n(), before);
  });

  test('entered: in force with its original dates, audited, anchored, labelled on the portal and in the figures', async () => {
    const r = await enter(liaison, body());
    assert.equal(r.statusCode, 201, r.body);
    docId = r.json().id;
    const row = await t.db
      .selectFrom('normative_docs')
      .select(['status', 'published_on', 'effective_on', 'entered_afterwards'])
      .where('id', '=', docId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, {
      status: 'in_force',
      published_on: '2023-03-01',
      effective_on: '2023-04-01',
      entered_afterwards: true,
    });
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', docId).execute();
    assert.ok(audit.some((a) => a.action === 'normative_doc.entered_afterwards'));
    const pub = (await t.call(null, { method: 'GET', url: `/api/public/normative-docs/${docId}` })).json();
    assert.equal(pub.enteredAfterwards.reason, '平台启用前已公布施行的文件，按原文号、原日期补录');
    const f = await normativeIndicators
      .find((i) => i.code === 'normative.in_force_count')!
      .compute(t.db, { year: 2023, orgId: scj, today: '2026-12-07' });
    assert.equal(f.value, 1);
    assert.match(f.records[0]!.label, /（补录）$/);
    assert.match(f.basis, /其中补录1件/);
    // Its anchored copy is re-derived from its row like any published document.
    while ((await sequence(t.db)).appended > 0) {}
    assert.deepEqual((await sweepLedger(t.db, t.clock.now(), { mode: 'full' })).problems, []);
  });

  test('the same number cannot be entered twice (409)', async () => {
    const again = await enter(liaison, body());
    assert.equal(again.statusCode, 409);
    assert.match(again.json().message, /已有文件/);
  });
});
