import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDoc, upsertIssuingBody } from '../../src/modules/normative-docs/commands/drafting.js';
import { startComment } from '../../src/modules/normative-docs/commands/procedure.js';
import type { RequestCtx } from '../../src/platform/access/actor.js';
import { loadActor } from '../../src/platform/auth/actor-loader.js';
import { addCalendarDays, today } from '../../src/platform/calendar/index.js';
import { auditFor, createTestApp, type Session, type TestApp } from '../helpers/app.js';

/** Public comment on a draft from the portal, the staff list of comments, and staff full-text search. */
describe('normative documents: public comment on drafts and staff search', () => {
  let t: TestApp;
  let docId: string;
  let otherId: string;
  let liaison: Session;
  let liaison2: Session;
  const url = () => `/api/public/normative-drafts/${docId}/comments`;
  // Each check comes from its own address unless it tests the per-client limit or duplicates.
  let n = 0;
  const send = (payload: object, ip = `203.0.113.${++n}`) =>
    t.call(null, { method: 'POST', url: url(), payload, remoteAddress: ip });
  before(async () => {
    t = await createTestApp();
    const ctx = async (u: string): Promise<RequestCtx> => {
      const row = await t.db.selectFrom('users').select('id').where('username', '=', u).executeTakeFirstOrThrow();
      return { actor: await loadActor(t.db, row.id, 'session'), requestId: 't', ip: null };
    };
    const admin = await ctx('admin');
    const l = await ctx('liaison');
    await upsertIssuingBody(t.db, admin, {
      orgId: await t.orgId('SCJ'),
      numberPrefix: '示市监规',
      basis: '制定主体清单',
      active: true,
    });
    docId = await createDoc(t.db, l, {
      orgId: await t.orgId('SCJ'),
      title: '示例区市场监管局关于农贸市场电子秤检定的规定（征求意见稿）',
      body: '第一条 农贸市场经营者使用的电子秤，由区市场监管局组织免费检定。\n第二条 检定结果在市场入口公示。',
      draftingNote: '便民服务。',
      businessRelated: false,
      affectsMarket: false,
      commentRequired: true,
      bases: [],
    });
    otherId = await createDoc(t.db, l, {
      orgId: await t.orgId('SCJ'),
      title: '示例区市场监管局关于户外招牌设置的指引',
      body: '第一条 户外招牌的设置应当安全牢固。\n第二条 本指引由区市场监管局负责解释。',
      businessRelated: false,
      affectsMarket: false,
      commentRequired: true,
      bases: [],
    });
    const start = today(t.clock.now());
    await startComment(t.db, l, docId, { start, end: addCalendarDays(start, 20) });
    liaison = await t.loginAs('liaison');
    liaison2 = await t.loginAs('liaison2');
  });
  after(() => t.close());

  test('the portal lists the draft in its comment period; a draft not in comment is 404', async () => {
    const list = await t.call(null, { method: 'GET', url: '/api/public/normative-drafts' });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(
      list.json().items.map((d: { id: string }) => d.id),
      [docId],
    );
    assert.equal(list.json().items[0].open, true);
    const one = await t.call(null, { method: 'GET', url: `/api/public/normative-drafts/${docId}` });
    assert.equal(one.statusCode, 200);
    assert.match(one.json().body, /电子秤/);
    assert.equal(
      (await t.call(null, { method: 'GET', url: `/api/public/normative-drafts/${otherId}` })).statusCode,
      404,
    );
  });

  test('bad input: Chinese errors naming the field, nothing stored', async () => {
    const noName = await send({ submitterKind: 'individual', body: '建议增加检定点。' });
    assert.equal(noName.statusCode, 400);
    assert.match(noName.json().message, /请填写姓名/);
    assert.equal(noName.json().details.field, 'name');
    const noOrg = await send({ submitterKind: 'organization', name: '  ', body: '建议增加检定点。' });
    assert.equal(noOrg.statusCode, 400);
    assert.match(noOrg.json().message, /单位名称/);
    const short = await send({ submitterKind: 'anonymous', body: '好' });
    assert.equal(short.statusCode, 400);
    assert.match(short.json().message, /意见内容至少 5 个字/);
    const badKind = await send({ submitterKind: 'robot', body: '建议增加检定点。' });
    assert.equal(badKind.statusCode, 400);
    assert.match(badKind.json().message, /匿名、个人或单位/);
    const bot = await send({ submitterKind: 'anonymous', body: '建议增加检定点。', website: 'x' });
    assert.equal(bot.statusCode, 400);
    const closed = await t.call(null, {
      method: 'POST',
      url: `/api/public/normative-drafts/${otherId}/comments`,
      payload: { submitterKind: 'anonymous', body: '建议增加检定点。' },
      remoteAddress: '203.0.113.99',
    });
    assert.equal(closed.statusCode, 404);
    assert.equal((await t.db.selectFrom('normative_comments').select('id').execute()).length, 0);
  });

  test('a comment gets a receipt number; markup is stored as text; a duplicate is refused with its receipt', async () => {
    const body = '建议在<b>周末</b>也安排检定。<script>alert(1)</script>';
    const res = await send(
      { submitterKind: 'organization', name: '示例区农贸市场协会', contact: '021-0000', body },
      '192.0.2.1',
    );
    assert.equal(res.statusCode, 201, res.body);
    const receipt = res.json().receiptNo as string;
    assert.match(receipt, /^GF\d{8}-[0-9A-F]{10}$/);
    const dup = await send({ submitterKind: 'organization', name: '示例区农贸市场协会', body }, '192.0.2.1');
    assert.equal(dup.statusCode, 409);
    assert.match(dup.json().message, new RegExp(receipt));
    const anon = await send({ submitterKind: 'anonymous', name: '不应保存', body: '检定结果请同时在网上公示。' });
    assert.equal(anon.statusCode, 201);
    const rows = await t.db.selectFrom('normative_comments').selectAll().orderBy('created_at').execute();
    assert.equal(rows.length, 2);
    assert.equal(rows[0]!.body, body);
    assert.equal(rows[1]!.submitter_name, null);
    assert.ok(!rows[0]!.client_key.includes('203.0.113.7'), 'the address is kept only as a hash');
    const audit = await auditFor(t.db, 'normative_doc', docId);
    assert.ok(audit.some((a) => a.action === 'normative_doc.comment_submitted'));
    // Staff of the drafting unit see the comments; another unit does not see the document at all.
    const staff = await t.call(liaison, { method: 'GET', url: `/api/normative-docs/${docId}/comments` });
    assert.equal(staff.statusCode, 200);
    assert.equal(staff.json().items[0].receiptNo, receipt);
    assert.equal(
      (await t.call(liaison2, { method: 'GET', url: `/api/normative-docs/${docId}/comments` })).statusCode,
      404,
    );
    assert.equal((await t.call(null, { method: 'GET', url: `/api/normative-docs/${docId}/comments` })).statusCode, 401);
  });

  test('public comments are rate-limited per client', async () => {
    let limited = 0;
    for (let i = 0; i < 8; i++) {
      const r = await send({ submitterKind: 'anonymous', body: `第${i}条意见：建议延长检定时间。` }, '198.51.100.9');
      if (r.statusCode === 429) limited++;
      else assert.equal(r.statusCode, 201, r.body);
    }
    assert.ok(limited >= 3, `limited ${limited}`);
  });

  test('staff search finds drafts by words of their text, highlighted, only within the visible units', async () => {
    const res = await t.call(liaison, {
      method: 'GET',
      url: `/api/normative-docs/search?q=${encodeURIComponent('招牌 安全')}`,
    });
    assert.equal(res.statusCode, 200);
    const b = res.json();
    assert.equal(b.total, 1);
    assert.equal(b.items[0].id, otherId);
    assert.ok(b.items[0].snippet.some((p: { hit: boolean; text: string }) => p.hit && p.text === '招牌'));
    const both = await t.call(liaison, {
      method: 'GET',
      url: `/api/normative-docs/search?q=${encodeURIComponent('区市场监管局')}`,
    });
    assert.equal(both.json().total, 2);
    const foreign = await t.call(liaison2, {
      method: 'GET',
      url: `/api/normative-docs/search?q=${encodeURIComponent('招牌')}`,
    });
    assert.equal(foreign.json().total, 0);
    const empty = await t.call(liaison, { method: 'GET', url: '/api/normative-docs/search?q=%20' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.json().message, /检索词/);
  });
});
