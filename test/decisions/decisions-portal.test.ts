import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedDecisionsDemo } from '../../src/modules/decisions/decisions.demo.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

describe('decisions portal: public catalog, item page, flood protection', () => {
  let t: TestApp;
  before(async () => {
    delete process.env.FAZHI_DECISIONS_COMMENT_RATE_MAX;
    t = await createTestApp();
    await seedDecisionsDemo(t.db, t.clock);
  });
  after(() => t.close());

  test('catalogs by year, catalog versions with ledger leaves, item status pages', async () => {
    const list = (await t.call(null, { method: 'GET', url: '/api/public/decisions/catalogs?year=2026' })).json();
    assert.equal(list.items.length, 1);
    assert.equal(list.items[0].items, 20);
    const cat = (
      await t.call(null, { method: 'GET', url: `/api/public/decisions/catalogs/${list.items[0].id}` })
    ).json();
    assert.equal(cat.stats.yoyPct, 81.8);
    assert.match(cat.versions[0].leafHash, /^[0-9a-f]{64}$/);
    const open = await t.db
      .selectFrom('decision_participations')
      .select(['id', 'decision_id'])
      .where('form', '=', 'comment_period')
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    const page = (await t.call(null, { method: 'GET', url: `/api/public/decisions/items/${open.decision_id}` })).json();
    assert.ok(page.stages.some((s: { stage: string; leafHash: string }) => s.stage === 'drafting' && s.leafHash));
    assert.ok(page.participations.some((p: { acceptingComments: boolean }) => p.acceptingComments));
    assert.equal(
      (await t.call(null, { method: 'GET', url: '/api/public/decisions/items/00000000-0000-4000-8000-000000000000' }))
        .statusCode,
      404,
    );
  });

  test("the open comment period's due date and trace are public; other deadlines and unpublished items are not", async () => {
    const open = await t.db
      .selectFrom('decision_participations')
      .select(['decision_id', 'closes_on'])
      .where('form', '=', 'comment_period')
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    const url = (id: string) => `/api/public/calendar/deadlines?entityKind=decision&entityId=${id}`;
    const res = await t.call(null, { method: 'GET', url: url(open.decision_id) });
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json().items as { ruleId: string; dueDate: string; trace: string }[];
    assert.ok(items.length >= 1);
    assert.ok(
      items.every((d) => d.ruleId === 'decision.comment_period'),
      JSON.stringify(items.map((d) => d.ruleId)),
    );
    assert.ok(items.some((d) => d.dueDate === open.closes_on));
    assert.match(items[0].trace, /次日起.*止，共\d+日/);
    // Staff deadlines of the same item (legality review, plan dates) exist but are not public.
    const all = await t.db
      .selectFrom('deadlines')
      .select('rule_id')
      .where('entity_kind', '=', 'decision')
      .where('entity_id', '=', open.decision_id)
      .execute();
    assert.ok(all.length >= items.length);
    // An item that is not on the portal (draft catalog, or confidential) is a 404, like its page.
    const hidden = await t.db
      .selectFrom('decisions')
      .innerJoin('decision_catalogs', 'decision_catalogs.id', 'decisions.catalog_id')
      .select('decisions.id')
      .where((eb) =>
        eb.or([eb('decision_catalogs.status', '!=', 'published'), eb('decisions.confidential', '=', true)]),
      )
      .executeTakeFirst();
    if (hidden) assert.equal((await t.call(null, { method: 'GET', url: url(hidden.id) })).statusCode, 404);
    assert.equal((await t.call(null, { method: 'GET', url: url('not-a-uuid') })).statusCode, 404);
  });

  test('a flood of comments from one address is cut off with 429 and a Chinese message', async () => {
    const open = await t.db
      .selectFrom('decision_participations')
      .select('id')
      .where('form', '=', 'comment_period')
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    const before = (await t.db.selectFrom('decision_comments').select('id').execute()).length;
    const codes: number[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await t.call(null, {
        method: 'POST',
        url: `/api/public/decisions/participations/${open.id}/comments`,
        payload: { submitterKind: 'anonymous', body: `第${i}条重复灌水的意见内容` },
      });
      codes.push(r.statusCode);
      if (r.statusCode === 429) assert.match(r.json().message, /频繁/);
    }
    assert.deepEqual(codes, [201, 201, 201, 201, 201, 429, 429, 429]);
    assert.equal((await t.db.selectFrom('decision_comments').select('id').execute()).length, before + 5);
  });
});
