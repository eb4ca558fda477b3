import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addCalendarDays } from '../../src/platform/calendar/index.js';
import { createTestApp, type Session, type TestApp, TEST_TODAY } from '../helpers/app.js';

/** The comment period as an "at least 30 days" deadline with the unit's chosen end date (Art 15). */
describe('decisions: comment-period deadlines', () => {
  let t: TestApp;
  let co: Session;
  let staff: Session;
  let itemId: string;
  const T = TEST_TODAY;
  const year = Number(T.slice(0, 4)) + 1;
  // A period opening in early June next year whose 30th day is a Tuesday to Thursday in early July (no public
  // holiday in July): the message's earliest end date is then the plain count, whatever today's date, never
  // rolled past a weekend or holiday as a period opening today might be.
  const O = [1, 2, 3, 4, 5, 6, 7]
    .map((d) => `${year}-06-0${d}`)
    .find((o) => [2, 3, 4].includes(new Date(`${addCalendarDays(o, 30)}T00:00:00Z`).getUTCDay())) as string;
  const url = () => `/api/decisions/items/${itemId}/participations`;
  const deadlines = () =>
    t.db
      .selectFrom('deadlines')
      .selectAll()
      .where('entity_kind', '=', 'decision')
      .where('entity_id', '=', itemId)
      .where('rule_id', '=', 'decision.comment_period')
      .orderBy('created_at')
      .execute();

  before(async () => {
    t = await createTestApp();
    co = await t.loginAs('coordinator');
    staff = await t.loginAs('staff');
    const cat = await t.call(co, {
      method: 'POST',
      url: '/api/decisions/catalogs',
      payload: { bodyOrgId: await t.orgId('SLQ'), year },
    });
    const item = await t.call(co, {
      method: 'POST',
      url: `/api/decisions/catalogs/${cat.json().id}/items`,
      payload: {
        title: '示例区早餐工程实施方案',
        summary: '优化早餐网点布局，方便居民就近用餐。',
        category: 'public_policy',
        leadOrgId: await t.orgId('SCJ'),
        plannedCompletionOn: `${year}-12-31`,
      },
    });
    itemId = item.json().id;
    await t.call(staff, {
      method: 'POST',
      url: `/api/decisions/items/${itemId}/assessment`,
      payload: { kinds: ['public_policy'], reasons: '涉及全区居民日常生活，属于社会公众切身利益的重大公共政策。' },
    });
    await t.call(co, { method: 'POST', url: `/api/decisions/items/${itemId}/initiate`, payload: {} });
    const drafted = await t.call(staff, {
      method: 'POST',
      url: `/api/decisions/items/${itemId}/drafting`,
      payload: { text: '早餐工程实施方案（草案）共四部分十五条。', legalBases: ['《食品安全法》'] },
    });
    assert.equal(drafted.json().status, 'participation', drafted.body);
  });
  after(() => t.close());

  test('a period shorter than 30 days without a reason: 422 naming the earliest end date; no period, no deadline', async () => {
    const res = await t.call(staff, {
      method: 'POST',
      url: url(),
      payload: { form: 'comment_period', title: '公开征求意见', opensOn: O, closesOn: addCalendarDays(O, 29) },
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.json().message, new RegExp(`截止日期最早为 ${addCalendarDays(O, 30)}`));
    assert.equal(res.json().details.field, 'shortenedReason');
    assert.equal((await deadlines()).length, 0);
    assert.equal(
      (await t.db.selectFrom('decision_participations').select('id').where('decision_id', '=', itemId).execute())
        .length,
      0,
    );
  });

  test('opening a period registers the deadline with the chosen end date as due date; a shortened one keeps its reason', async () => {
    const full = await t.call(staff, {
      method: 'POST',
      url: url(),
      payload: {
        form: 'comment_period',
        title: '公开征求意见（第一轮）',
        opensOn: T,
        closesOn: addCalendarDays(T, 40),
      },
    });
    assert.equal(full.statusCode, 201, full.body);
    const short = await t.call(staff, {
      method: 'POST',
      url: url(),
      payload: {
        form: 'comment_period',
        title: '公开征求意见（补充）',
        opensOn: T,
        closesOn: addCalendarDays(T, 10),
        shortenedReason: '汛期临近，防汛措施需尽快出台',
      },
    });
    assert.equal(short.statusCode, 201, short.body);
    const [a, b] = await deadlines();
    assert.equal(a.due_date, addCalendarDays(T, 40));
    assert.equal(a.fixed_due_date, addCalendarDays(T, 40));
    assert.equal(a.shortened_reason, null);
    assert.equal(a.status, 'open');
    assert.equal(b.due_date, addCalendarDays(T, 10));
    assert.equal(b.shortened_reason, '汛期临近，防汛措施需尽快出台');
    assert.match(b.trace ?? '', /缩短理由/);

    const fu = (await t.call(co, { method: 'GET', url: `/api/decisions/monthly-supervision?year=${year}` })).json();
    const row = fu.items.find((i: { id: string }) => i.id === itemId);
    assert.equal(row.stageDeadline, addCalendarDays(T, 10), 'the earliest open stage deadline');
    assert.equal(row.stageOverdue, false);
  });

  test('closing one period closes only its deadline, dated on the end of the period (met)', async () => {
    const parts = await t.db
      .selectFrom('decision_participations')
      .selectAll()
      .where('decision_id', '=', itemId)
      .orderBy('created_at')
      .execute();
    const shortOne = parts[1];
    // The period has run its course: move it into the past (the clock cannot be moved for the server).
    await t.db
      .updateTable('decision_participations')
      .set({ opens_on: addCalendarDays(T, -12), closes_on: addCalendarDays(T, -2) })
      .where('id', '=', shortOne.id)
      .execute();
    const [, dl] = await deadlines();
    await t.db
      .updateTable('deadlines')
      .set({ trigger_date: addCalendarDays(T, -12), due_date: addCalendarDays(T, -2) })
      .where('id', '=', dl.id)
      .execute();
    const fu = (await t.call(co, { method: 'GET', url: `/api/decisions/monthly-supervision?year=${year}` })).json();
    assert.equal(fu.items.find((i: { id: string }) => i.id === itemId).stageOverdue, true, 'ended but not closed');

    const closed = await t.call(staff, {
      method: 'POST',
      url: `/api/decisions/participations/${shortOne.id}/close`,
      payload: { outcome: '征求意见期间未收到意见。' },
    });
    assert.equal(closed.statusCode, 200, closed.body);
    const [first, second] = await deadlines();
    assert.equal(first.status, 'open');
    assert.equal(second.status, 'closed');
    assert.equal(second.closed_on, addCalendarDays(T, -2));
    assert.equal(second.met, true);
    const details = await t.db
      .selectFrom('decision_participations')
      .select('details')
      .where('id', '=', shortOne.id)
      .executeTakeFirstOrThrow();
    const det = (typeof details.details === 'string' ? JSON.parse(details.details) : details.details) as {
      deadlineId: string;
      recordSigned: unknown;
    };
    assert.equal(det.deadlineId, second.id, 'the details survive closing as an object');
  });

  test('units under a decision body see its catalog (to propose items); a sibling unit catalog stays invisible', async () => {
    const liaison = await t.loginAs('liaison');
    const head2 = await t.loginAs('head2');
    const seen = (await t.call(liaison, { method: 'GET', url: `/api/decisions/catalogs?year=${year}` })).json();
    const slq = await t.orgId('SLQ');
    const districtCat = seen.items.find((c: { bodyOrgId: string }) => c.bodyOrgId === slq);
    assert.ok(districtCat, 'the district catalog is listed for a department under it');
    assert.equal(
      (await t.call(liaison, { method: 'GET', url: `/api/decisions/catalogs/${districtCat.id}/stats` })).statusCode,
      200,
    );
    const own = await t.call(liaison, {
      method: 'POST',
      url: '/api/decisions/catalogs',
      payload: { bodyOrgId: await t.orgId('SCJ'), year },
    });
    assert.equal(own.statusCode, 201, own.body);
    const other = (await t.call(head2, { method: 'GET', url: `/api/decisions/catalogs?year=${year}` })).json();
    assert.ok(other.items.some((c: { id: string }) => c.id === districtCat.id));
    assert.ok(!other.items.some((c: { id: string }) => c.id === own.json().id), 'a sibling unit does not see it');
    assert.equal(
      (await t.call(head2, { method: 'GET', url: `/api/decisions/catalogs/${own.json().id}/stats` })).statusCode,
      404,
    );
    assert.equal(
      (await t.call(head2, { method: 'GET', url: `/api/decisions/catalogs/${own.json().id}/docx` })).statusCode,
      404,
    );
  });

  test('withdrawing the item closes its remaining stage deadlines', async () => {
    const res = await t.call(co, {
      method: 'POST',
      url: `/api/decisions/items/${itemId}/withdraw`,
      payload: { reason: '并入区政府实事项目统筹推进' },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.ok((await deadlines()).every((d) => d.status === 'closed'));
  });
});
