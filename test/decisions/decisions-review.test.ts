/**
 * Two-level legality review (沪府办发〔2020〕5号) as two real levels; the [B] periods as configuration whose value
 * the messages quote; a hearing closed only after it was held; a lawfully non-disclosable decision anchored
 * without its text; the catalog document dated in Beijing time.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { sql } from 'kysely';
import { addCalendarDays, addWorkingDays } from '../../src/platform/calendar/index.js';
import { auditFor, createTestApp, type Session, type TestApp, TEST_TODAY } from '../helpers/app.js';

const T = TEST_TODAY;
const year = Number(T.slice(0, 4));
const agree = (name: string, title = '副区长') => ({ name, title, view: 'agree', remarks: '' });
const opinion = (conclusion: string) => ({
  conclusion,
  opinion: '经审查，草案制定主体适格，内容未发现违法情形。',
  reviewedOn: T,
});

describe('decisions: two-level review, configurable periods, hearings, non-disclosable publication', () => {
  let t: TestApp;
  let co: Session;
  let staff: Session;
  let liaison: Session;
  let head: Session;
  let reviewer: Session;
  let adviser: Session;
  let admin: Session;
  let catalogId: string;
  let conf: string; // confidential: no participation, straight to legality review
  let open: string; // ordinary: stays in participation

  const post = (s: Session | null, url: string, payload: object = {}) => t.call(s, { method: 'POST', url, payload });
  const at = (id: string, s: Session, path: string, payload: object = {}) =>
    post(s, `/api/decisions/items/${id}/${path}`, payload);
  const ok = async (p: ReturnType<typeof post>, code = 200) => {
    const res = await p;
    assert.equal(res.statusCode, code, res.body);
    return res.json();
  };
  const status = async (id: string) =>
    (await t.db.selectFrom('decisions').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  const detail = async (id: string) =>
    (await t.call(staff, { method: 'GET', url: `/api/decisions/items/${id}` })).json();
  const setRule = (id: string, amount: number) =>
    ok(t.call(admin, { method: 'PUT', url: `/api/calendar/rules/${id}`, payload: { amount } }));
  const draft = (id: string) =>
    ok(
      at(id, staff, 'drafting', {
        text: '示例区事项管理办法（草案）共五章二十四条，明确适用范围和职责分工。',
        legalBases: ['《重大行政决策程序暂行条例》'],
        disputed: false,
        alternatives: [],
      }),
    );
  const submit = (id: string, level: 'unit' | 'justice', replyBy = addWorkingDays(T, 7)) =>
    at(id, staff, 'legality-review', { level, submittedOn: T, replyBy });
  /** Both levels by the right people, from a freshly revised draft to collective discussion. */
  const bothLevels = async (id: string) => {
    await ok(submit(id, 'unit'));
    await ok(at(id, liaison, 'legality-review/unit-opinion', opinion('lawful')));
    await ok(submit(id, 'justice'));
    await ok(at(id, reviewer, 'legality-review/justice-opinion', opinion('lawful')));
    assert.equal(await status(id), 'collective_discussion');
  };
  const meeting = (outcome: 'approved' | 'returned') => ({
    meeting: '区政府常务会议',
    meetingKind: 'executive',
    heldOn: T,
    headName: '赵区长',
    outcome,
    minutes: '会议审议了决策草案及相关材料。',
    members:
      outcome === 'approved'
        ? [agree('钱副区长'), agree('孙副区长'), agree('赵区长', '区长')]
        : [
            { ...agree('钱副区长'), view: 'disagree', remarks: '配套措施不足，建议修改' },
            { ...agree('孙副区长'), view: 'disagree', remarks: '实施节奏过快，建议修改' },
            agree('赵区长', '区长'),
          ],
  });

  before(async () => {
    t = await createTestApp();
    co = await t.loginAs('coordinator');
    staff = await t.loginAs('staff');
    liaison = await t.loginAs('liaison');
    head = await t.loginAs('head');
    reviewer = await t.loginAs('reviewer');
    adviser = await t.loginAs('adviser');
    admin = await t.loginAs('admin');
    const scj = await t.orgId('SCJ');
    catalogId = (await ok(post(co, '/api/decisions/catalogs', { bodyOrgId: await t.orgId('SLQ'), year }), 201)).id;
    const propose = async (title: string, extra: object) =>
      (
        await ok(
          post(liaison, `/api/decisions/catalogs/${catalogId}/items`, {
            title,
            summary: '规范相关领域管理秩序，保障社会公众合法权益。',
            category: 'public_policy',
            leadOrgId: scj,
            plannedCompletionOn: `${year}-12-31`,
            ...extra,
          }),
          201,
        )
      ).id as string;
    conf = await propose('示例区涉密安保工作方案', {
      confidential: true,
      confidentialReason: '涉及国家秘密，依法不予公开',
    });
    open = await propose('示例区菜场改造实施办法', {});
    await ok(
      post(co, `/api/decisions/catalogs/${catalogId}/approve`, {
        partyConsentRef: '区委常委会会议',
        partyConsentOn: T,
      }),
    );
    await ok(post(co, `/api/decisions/catalogs/${catalogId}/publish`));
    for (const id of [conf, open]) {
      await ok(
        at(id, liaison, 'assessment', {
          kinds: ['public_policy'],
          exclusions: [],
          reasons: '涉及社会公众切身利益，属于重大公共政策和措施。',
        }),
      );
      await ok(at(id, co, 'initiate'));
      await draft(id);
    }
    assert.equal(await status(conf), 'legality_review');
    assert.equal(await status(open), 'participation');
  });
  after(() => t.close());

  test('[B] periods are configurable and every message quotes the rule in force', async () => {
    await setRule('decision.legality_review', 10);
    const short = await submit(conf, 'unit', addWorkingDays(T, 8));
    assert.equal(short.statusCode, 422);
    assert.match(short.json().message, /不少于10个工作日/);
    await setRule('decision.comment_period', 40);
    const url = `/api/decisions/items/${open}/participations`;
    const period = await post(staff, url, {
      form: 'comment_period',
      title: '公开征求意见',
      opensOn: T,
      closesOn: addCalendarDays(T, 35),
    });
    assert.equal(period.statusCode, 422);
    assert.match(period.json().message, /不少于40日/);
    await setRule('decision.hearing_materials', 10);
    const hearing = await post(staff, url, {
      form: 'hearing',
      title: '菜场改造听证会',
      heldOn: addCalendarDays(T, 20),
      materialsSentOn: addCalendarDays(T, 12),
      selectionMethod: '自愿报名、随机抽取',
      participants: ['经营户代表王某'],
    });
    assert.equal(hearing.statusCode, 422);
    assert.match(hearing.json().message, /听证会10日前/);
    // Back to the documented defaults: the same submission is now long enough.
    await setRule('decision.legality_review', 7);
    await setRule('decision.comment_period', 30);
    await setRule('decision.hearing_materials', 7);
    assert.equal((await submit(conf, 'unit', addWorkingDays(T, 8))).statusCode, 200);
  });

  test('the unit level is the responsible unit’s own legal office; the bureau level a different person and unit', async () => {
    const bureauAtUnit = await at(conf, reviewer, 'legality-review/unit-opinion', opinion('lawful'));
    assert.equal(bureauAtUnit.statusCode, 403, 'the justice-bureau reviewer may not sign the unit level');
    const districtAdviser = await at(conf, adviser, 'legality-review/unit-opinion', opinion('lawful'));
    assert.equal(districtAdviser.statusCode, 403, 'a district-wide adviser is not the unit’s legal office');
    await ok(at(conf, liaison, 'legality-review/unit-opinion', opinion('lawful')));
    await ok(submit(conf, 'justice'));
    // The unit's liaison and its head also hold a reviewer grant: still not a second, independent level.
    for (const s of [liaison, head])
      await t.db
        .insertInto('role_assignments')
        .values({ user_id: s.userId, role: 'legality_reviewer', org_id: await t.orgId('SCJ'), include_subtree: false })
        .execute();
    const samePerson = await at(conf, liaison, 'legality-review/justice-opinion', opinion('lawful'));
    assert.equal(samePerson.statusCode, 403);
    assert.match(samePerson.json().message, /您本人出具.*不能由同一人或同一单位出具/);
    const sameUnit = await at(conf, head, 'legality-review/justice-opinion', opinion('lawful'));
    assert.equal(sameUnit.statusCode, 403);
    assert.match(sameUnit.json().message, /您所在单位（陈联络/);
    const pending = (await detail(conf)).reviews.filter((r: { conclusion: string | null }) => r.conclusion === null);
    assert.equal(pending.length, 1, 'nothing was recorded by the refused attempts');
    assert.equal(await status(conf), 'legality_review');
  });

  test('after an unlawful finding the revised draft needs a fresh unit-level opinion before the bureau level', async () => {
    await ok(at(conf, reviewer, 'legality-review/justice-opinion', opinion('unlawful')));
    assert.equal(await status(conf), 'drafting');
    await draft(conf);
    const early = await submit(conf, 'justice');
    assert.equal(early.statusCode, 409, early.body);
    assert.match(early.json().message, /须重新初审/);
    const d = await detail(conf);
    assert.equal(d.reviews.length, 2);
    assert.ok(d.reviews.every((r: { superseded: boolean }) => r.superseded));
    assert.equal(d.abilities.submitLegalityReview, true);
    await bothLevels(conf);
  });

  test('a meeting that returns the draft also makes both levels start again', async () => {
    await ok(at(conf, co, 'collective-decision', meeting('returned')));
    assert.equal(await status(conf), 'drafting');
    await draft(conf);
    assert.equal((await submit(conf, 'justice')).statusCode, 409);
    assert.ok((await detail(conf)).reviews.every((r: { superseded: boolean }) => r.superseded));
    await bothLevels(conf);
    await ok(at(conf, co, 'collective-decision', meeting('approved')));
    assert.equal(await status(conf), 'party_report');
  });

  test('a non-disclosable decision is anchored and shown without its text', async () => {
    await ok(at(conf, co, 'party-report', { reportedOn: T, reference: '区委常委会会议' }));
    const text = '示例区涉密安保工作方案正文：此处为依法不得公开的具体安保部署内容。';
    await ok(
      at(conf, co, 'publish', {
        publishedText: text,
        channels: ['内部文件'],
        interpretation: '内部解读材料，不得公开。',
        executionOrgId: await t.orgId('SCJ'),
        tasks: [{ name: '组织实施', weight: 1 }],
      }),
    );
    const entry = await t.db
      .selectFrom('ledger_entries')
      .select('content')
      .where('record_kind', '=', 'decision.published')
      .where('record_id', '=', `${conf}:r0`)
      .executeTakeFirstOrThrow();
    const content = JSON.parse(String(entry.content));
    assert.equal(content.confidential, true);
    assert.doesNotMatch(String(entry.content), /不得公开/);
    assert.equal(content.publishedText, undefined);
    const portal = (await t.call(null, { method: 'GET', url: `/api/public/decisions/items/${conf}` })).json();
    assert.equal(portal.publishedText, null);
    assert.equal((await detail(conf)).publishedText, text, 'staff still see the text');
  });

  test('a hearing cannot be closed as signed before it is held: 422, nothing changed', async () => {
    const h = await ok(
      post(staff, `/api/decisions/items/${open}/participations`, {
        form: 'hearing',
        title: '菜场改造听证会',
        heldOn: addCalendarDays(T, 20),
        materialsSentOn: T,
        selectionMethod: '自愿报名、随机抽取',
        participants: ['经营户代表王某', '居民代表李某'],
      }),
      201,
    );
    const close = () =>
      post(staff, `/api/decisions/participations/${h.id}/close`, {
        outcome: '听证参加人发表意见9条。',
        recordSigned: true,
      });
    const early = await close();
    assert.equal(early.statusCode, 422);
    assert.match(early.json().message, /举行前不能记录结果并结束/);
    assert.equal(early.json().details.field, 'heldOn');
    const row = await t.db
      .selectFrom('decision_participations')
      .selectAll()
      .where('id', '=', h.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'open');
    assert.equal(row.outcome, null);
    const closedEvents = (await auditFor(t.db, 'decision', open)).filter(
      (e) => e.action === 'decision.participation_closed',
    );
    assert.equal(closedEvents.length, 0);
    // Once held (the date moved to today, as if the hearing had taken place), the signed record closes it.
    await sql`update decision_participations set held_on = ${T} where id = ${h.id}`.execute(t.db);
    assert.equal((await close()).statusCode, 200);
  });

  test('the catalog document is dated on the Beijing calendar day of publication', async () => {
    // 17:30 UTC on 1 March is 01:30 on 2 March in Beijing.
    await sql`update decision_catalog_versions set published_at = ${`${year}-03-01T17:30:00Z`}::timestamptz
              where catalog_id = ${catalogId}`.execute(t.db);
    const res = await t.call(co, { method: 'GET', url: `/api/decisions/catalogs/${catalogId}/docx` });
    assert.equal(res.statusCode, 200);
    const xml = strFromU8(unzipSync(new Uint8Array(res.rawPayload))['word/document.xml']);
    assert.match(xml, new RegExp(`${year}年3月2日`));
    assert.doesNotMatch(xml, new RegExp(`${year}年3月1日`));
  });
});
