import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedDemoLaws } from '../../src/modules/laws/laws.demo.js';
import { decideItem, startCampaign } from '../../src/modules/normative-docs/commands/cleanup.js';
import { registerCatalogDeadlines } from '../../src/modules/normative-docs/commands/catalog.js';
import { createDoc } from '../../src/modules/normative-docs/commands/drafting.js';
import { repealDoc, runNormativeSweep } from '../../src/modules/normative-docs/commands/lifecycle.js';
import {
  recordDeliberation,
  recordLegalityOpinion,
  submitLegalityReview,
} from '../../src/modules/normative-docs/commands/procedure.js';
import { publishDoc, registerDoc } from '../../src/modules/normative-docs/commands/publish.js';
import type { RequestCtx } from '../../src/platform/access/actor.js';
import { addWorkingDays, today } from '../../src/platform/calendar/index.js';
import { ctxOf, listDemoIssuingBodies } from '../helpers/normative.js';
import { auditFor, createTestApp, type Session, type TestApp } from '../helpers/app.js';

const at = (d: string) => new Date(`${d}T10:00:00+08:00`);

/** 年度规范性文件目录: figures from the record, visibility per unit, publication anchored and audited. */
describe('annual catalog of normative documents made, amended, repealed and lapsed', () => {
  let t: TestApp;
  let scjCtx: RequestCtx;
  let jcjCtx: RequestCtx;
  let reviewerCtx: RequestCtx;
  let liaison: Session;
  let liaison2: Session;
  let reviewer: Session;
  let lawId: string;
  const org: Record<string, string> = {};
  const doc: Record<string, string> = {};

  let n = 0;
  async function published(ctx: RequestCtx, code: string, on: string, validUntil?: string) {
    const id = await createDoc(t.db, ctx, {
      orgId: org[code]!,
      title: `${code}关于规范第${++n}项管理事项的通知`,
      body: `一、为规范第${n}项管理事项，制定本通知。\n二、本通知自公布之日起施行。`,
      draftingNote: '根据上位法规定和本单位管理实际起草。',
      businessRelated: false,
      affectsMarket: false,
      commentRequired: false,
      bases: [{ lawId, articles: '第六十四条' }],
    });
    await submitLegalityReview(t.db, ctx, id, at(addWorkingDays(on, -6)));
    await recordLegalityOpinion(t.db, reviewerCtx, id, { outcome: 'lawful', opinion: '符合上位法规定。' }, at(on));
    await recordDeliberation(t.db, ctx, id, { adopted: true, meeting: '办公会议', heldOn: on }, at(on));
    await registerDoc(t.db, ctx, id, at(on));
    const interpretation = '本文件解读：明确适用范围、办理程序和施行时间。';
    const commentWaiverReason = '本文件不直接涉及公民、法人和其他组织的权利义务，经集体审议决定不公开征求意见。';
    await publishDoc(t.db, ctx, id, { interpretation, publishedOn: on, validUntil, commentWaiverReason }, at(on));
    return id;
  }

  before(async () => {
    t = await createTestApp();
    await seedDemoLaws(t.db);
    const load = (username: string) => ctxOf(t, username);
    scjCtx = await load('liaison');
    jcjCtx = await load('liaison2');
    reviewerCtx = await load('reviewer');
    Object.assign(org, await listDemoIssuingBodies(t, reviewerCtx));
    org.CGJ = await t.orgId('CGJ');
    lawId = (
      await t.db.selectFrom('laws').select('id').where('title', '=', '优化营商环境条例').executeTakeFirstOrThrow()
    ).id;
    // 2024: three documents; in 2025 one is repealed, one lapses, one is decided to be amended in a clean-up.
    doc.repealed = await published(scjCtx, 'SCJ', '2024-03-04');
    doc.lapsed = await published(scjCtx, 'SCJ', '2024-03-04', '2025-04-30');
    doc.amended = await published(scjCtx, 'SCJ', '2024-03-04');
    // 2025: two made by SCJ, one by JCJ; 2026: one more (not in the 2025 catalog); a draft is in none.
    doc.made1 = await published(scjCtx, 'SCJ', '2025-02-10');
    doc.made2 = await published(scjCtx, 'SCJ', '2025-05-12');
    doc.jcj = await published(jcjCtx, 'JCJ', '2025-08-01');
    await published(scjCtx, 'SCJ', '2026-01-05');
    await repealDoc(t.db, scjCtx, doc.repealed, '上位法已作修改，本通知不再适用', at('2025-06-02'));
    await runNormativeSweep(t.db, at('2025-05-02'));
    const coord = await load('coordinator');
    const cid = await startCampaign(
      t.db,
      coord,
      { title: '2025年规范性文件清理', dueOn: '2025-12-31' },
      at('2025-07-01'),
    );
    await decideItem(
      t.db,
      scjCtx,
      cid,
      { docId: doc.amended, outcome: 'amend', reason: '部分条款与新规定不一致' },
      at('2025-07-10'),
    );
    await decideItem(t.db, scjCtx, cid, { docId: doc.made1, outcome: 'keep', reason: '继续适用' }, at('2025-07-10'));
    liaison = await t.loginAs('liaison');
    liaison2 = await t.loginAs('liaison2');
    reviewer = await t.loginAs('reviewer');
  });
  after(() => t.close());

  const list = (s: Session, q: string) => t.call(s, { method: 'GET', url: `/api/normative-catalogs?${q}` });
  const publish = (s: Session, payload: object) =>
    t.call(s, { method: 'POST', url: '/api/normative-catalogs', payload });
  const published_ = () => t.db.selectFrom('normative_annual_catalogs').selectAll().orderBy('version').execute();
  const ids = (xs: { docId: string }[]) => xs.map((x) => x.docId);

  test('figures on known data: made, amended, repealed and lapsed in 2025, per issuing body', async () => {
    const res = await list(reviewer, 'year=2025');
    assert.equal(res.statusCode, 200, res.body);
    const b = res.json();
    assert.equal(b.dueOn, '2026-01-31', 'due 31 January of the following year (rule normative.annual_catalog)');
    const scj = b.items.find((i: { orgId: string }) => i.orgId === org.SCJ);
    const jcj = b.items.find((i: { orgId: string }) => i.orgId === org.JCJ);
    assert.deepEqual(scj.counts, { made: 2, amended: 1, repealed: 1, lapsed: 1 });
    assert.deepEqual(ids(scj.entries.made), [doc.made1, doc.made2]);
    assert.deepEqual(ids(scj.entries.amended), [doc.amended]);
    assert.deepEqual(ids(scj.entries.repealed), [doc.repealed]);
    assert.deepEqual(ids(scj.entries.lapsed), [doc.lapsed]);
    assert.deepEqual(
      [scj.entries.made[0].on, scj.entries.amended[0].on, scj.entries.repealed[0].on, scj.entries.lapsed[0].on],
      ['2025-02-10', '2025-07-10', '2025-06-02', '2025-05-01'],
    );
    assert.equal(scj.entries.made[0].registrationNo, '示市监规〔2025〕1号');
    assert.match(scj.entries.repealed[0].note, /上位法已作修改/);
    assert.deepEqual(jcj.counts, { made: 1, amended: 0, repealed: 0, lapsed: 0 });
    assert.equal(scj.published, null);
    assert.equal(scj.overdue, true);
    assert.equal(scj.abilities.publish, false, 'the reviewing body does not publish a unit’s catalog');
    const y2024 = (await list(reviewer, 'year=2024')).json().items.find((i: { orgId: string }) => i.orgId === org.SCJ);
    assert.deepEqual(y2024.counts, { made: 3, amended: 0, repealed: 0, lapsed: 0 });
  });

  test('visibility: each unit sees its own catalog only; another unit’s is 404', async () => {
    const own = (await list(liaison, 'year=2025')).json();
    assert.deepEqual(
      own.items.map((i: { orgId: string }) => i.orgId),
      [org.SCJ],
    );
    assert.equal(own.items[0].abilities.publish, true);
    const other = (await list(liaison2, 'year=2025')).json();
    assert.deepEqual(
      other.items.map((i: { orgId: string }) => i.orgId),
      [org.JCJ],
    );
    assert.equal((await list(liaison, `year=2025&orgId=${org.JCJ}`)).statusCode, 404);
    assert.equal((await t.call(null, { method: 'GET', url: '/api/normative-catalogs?year=2025' })).statusCode, 401);
  });

  test('bad input: an invalid year is 400 with a Chinese message naming the year', async () => {
    for (const q of ['year=abc', 'year=1800', 'year=2025.5', '', `year=2025&orgId=x`]) {
      const res = await list(liaison, q);
      assert.equal(res.statusCode, 400, q);
      assert.match(res.json().message, /年度应为 1990 至 2100 之间的四位年份|制定机关编号格式不正确/, q);
    }
    const bad = await publish(liaison, { orgId: org.SCJ, year: 'last' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /年度/);
    const pub = await t.call(null, { method: 'GET', url: '/api/public/normative-catalogs?year=abc' });
    assert.equal(pub.statusCode, 400);
    assert.match(pub.json().message, /年度应为/);
  });

  test('publishing is refused for another unit (404), the reviewer (403), an unlisted unit (422), an unfinished year (422)', async () => {
    assert.equal((await publish(liaison2, { orgId: org.SCJ, year: 2025 })).statusCode, 404);
    assert.equal((await publish(reviewer, { orgId: org.SCJ, year: 2025 })).statusCode, 403);
    const unlisted = await publish(reviewer, { orgId: org.CGJ, year: 2025 });
    assert.equal(unlisted.statusCode, 422);
    assert.match(unlisted.json().message, /不在行政规范性文件制定主体清单内/);
    const thisYear = Number(today(t.clock.now()).slice(0, 4));
    const early = await publish(liaison, { orgId: org.SCJ, year: thisYear });
    assert.equal(early.statusCode, 422);
    assert.match(early.json().message, new RegExp(`${thisYear}年度尚未结束`));
    assert.equal(early.json().details.field, 'year');
    assert.equal((await published_()).length, 0, 'nothing was published');
    assert.equal((await auditFor(t.db, 'normative_catalog')).length, 0);
  });

  test("the year's catalog is a registered deadline for every listed body until it is published (once)", async () => {
    const year = Number(today(t.clock.now()).slice(0, 4)) - 1;
    const first = await registerCatalogDeadlines(t.db, t.clock.now());
    assert.ok(first >= 2, `registered ${first}`);
    assert.equal(await registerCatalogDeadlines(t.db, t.clock.now()), 0, 'idempotent');
    const dl = await t.db
      .selectFrom('deadlines')
      .selectAll()
      .where('entity_kind', '=', 'normative_catalog_due')
      .where('entity_id', '=', `${org.SCJ}:${year}`)
      .executeTakeFirstOrThrow();
    assert.equal(dl.rule_id, 'normative.annual_catalog');
    assert.equal(dl.status, 'open');
    assert.ok(
      String(dl.due_date) >= `${year + 1}-01-31` && String(dl.due_date) <= `${year + 1}-02-07`,
      String(dl.due_date),
    );
  });

  let catalogId: string;
  test('publication: stored as published, anchored in the ledger, audited, late after 31 January', async () => {
    const res = await publish(liaison, { orgId: org.SCJ, year: 2025 });
    assert.equal(res.statusCode, 201, res.body);
    const r = res.json();
    assert.equal(r.version, 1);
    assert.equal(r.late, true);
    catalogId = r.id;
    const [row] = await published_();
    assert.equal(row!.id, catalogId);
    assert.deepEqual(row!.counts, { made: 2, amended: 1, repealed: 1, lapsed: 1 });
    const leaf = await t.db
      .selectFrom('ledger_entries')
      .select(['record_kind', 'content'])
      .where('record_id', '=', `${org.SCJ}:2025:v1`)
      .executeTakeFirstOrThrow();
    assert.equal(leaf.record_kind, 'normative_annual_catalog');
    const content = (typeof leaf.content === 'string' ? JSON.parse(leaf.content) : leaf.content) as {
      counts: unknown;
      entries: { made: { docId: string }[] };
    };
    assert.deepEqual(content.counts, { made: 2, amended: 1, repealed: 1, lapsed: 1 });
    assert.deepEqual(ids(content.entries.made), [doc.made1, doc.made2]);
    const ev = await auditFor(t.db, 'normative_catalog', catalogId);
    assert.equal(ev.length, 1);
    assert.equal(ev[0]!.action, 'normative_catalog.published');
    assert.equal((ev[0]!.data as { leafHash: string }).leafHash, r.leafHash);
    // Publishing discharged the duty: the body's catalog deadline is closed (late, as the catalog is).
    const dl = await t.db
      .selectFrom('deadlines')
      .select(['status', 'met'])
      .where('entity_kind', '=', 'normative_catalog_due')
      .where('entity_id', '=', `${org.SCJ}:2025`)
      .executeTakeFirstOrThrow();
    assert.equal(dl.status, 'closed');
    assert.equal(dl.met, false);
    const again = await publish(liaison, { orgId: org.SCJ, year: 2025 });
    assert.equal(again.statusCode, 409, 'unchanged: nothing to publish');
    assert.match(again.json().message, /内容相同/);
  });

  test('a later change to the year’s record is a correction: a reason is required, then version 2', async () => {
    await published(scjCtx, 'SCJ', '2025-11-03');
    const item = (await list(liaison, 'year=2025')).json().items[0];
    assert.equal(item.changedSincePublished, true);
    assert.equal(item.counts.made, 3);
    assert.equal(item.published.version, 1);
    const noReason = await publish(liaison, { orgId: org.SCJ, year: 2025 });
    assert.equal(noReason.statusCode, 422);
    assert.equal(noReason.json().details.field, 'reason');
    assert.equal((await published_()).length, 1);
    const v2 = await publish(liaison, { orgId: org.SCJ, year: 2025, reason: '补录11月公布的文件' });
    assert.equal(v2.statusCode, 201, v2.body);
    assert.equal(v2.json().version, 2);
    catalogId = v2.json().id;
    const rows = await published_();
    assert.deepEqual(
      rows.map((x) => [x.version, x.reason]),
      [
        [1, null],
        [2, '补录11月公布的文件'],
      ],
    );
    assert.equal(
      (
        await t.db
          .selectFrom('ledger_entries')
          .select('id')
          .where('record_kind', '=', 'normative_annual_catalog')
          .execute()
      ).length,
      2,
    );
  });

  test('portal: the latest published catalog per body and year, with entries; DOCX downloads', async () => {
    const res = await t.call(null, { method: 'GET', url: '/api/public/normative-catalogs?year=2025' });
    assert.equal(res.statusCode, 200, res.body);
    const b = res.json();
    assert.equal(b.items.length, 1, 'JCJ has not published; SCJ only once (latest version)');
    assert.equal(b.items[0].id, catalogId);
    assert.equal(b.items[0].version, 2);
    assert.deepEqual(b.items[0].counts, { made: 3, amended: 1, repealed: 1, lapsed: 1 });
    assert.deepEqual(b.years, [2025]);
    const docx = await t.call(null, { method: 'GET', url: `/api/public/normative-catalogs/${catalogId}/docx` });
    assert.equal(docx.statusCode, 200);
    assert.match(String(docx.headers['content-type']), /wordprocessingml/);
    assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');
    assert.equal(
      (await t.call(liaison2, { method: 'GET', url: `/api/normative-catalogs/${catalogId}/docx` })).statusCode,
      404,
    );
    assert.equal(
      (await t.call(liaison, { method: 'GET', url: `/api/normative-catalogs/${catalogId}/docx` })).statusCode,
      200,
    );
  });
});
