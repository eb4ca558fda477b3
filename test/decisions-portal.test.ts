import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedDecisionsDemo } from '../src/modules/decisions/decisions.demo.js';
import { createTestApp, type TestApp } from './helpers/app.js';

describe('decisions portal: public catalog, item page, flood protection', () => {
  let t: TestApp;
  before(async () => {
    delete process.env.FAZHI_DECISIONS_COMMENT_RATE_MAX;
    t = await createTestApp();
    await seedDecisionsDemo(t.db);
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
