import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemCtx } from '../../../src/platform/access/actor.js';
import { calendarModule, REFRESH_JOB, SWEEP_JOB } from '../../../src/platform/calendar/calendar.module.js';
import { refreshCalendarIfChanged } from '../../../src/platform/calendar/store.js';
import {
  closeDeadlinesFor,
  getCalendar,
  listDeadlinesFor,
  registerDeadline,
  registerPublicDeadlineKind,
  runDeadlineSweep,
} from '../../../src/platform/calendar/index.js';
import { withLease } from '../../../src/platform/jobs/index.js';
import { auditFor, createTestApp, type Session, type TestApp } from '../../helpers/app.js';

describe('deadlines: commands, recomputation, sweep and HTTP', () => {
  let t: TestApp;
  let admin: Session;
  let liaison: Session;
  let liaison2: Session;
  let staff: Session;
  let coordinator: Session;
  let scj: string;
  before(async () => {
    t = await createTestApp();
    [admin, liaison, liaison2, staff, coordinator] = await Promise.all(
      ['admin', 'liaison', 'liaison2', 'staff', 'coordinator'].map((u) => t.loginAs(u)),
    );
    scj = await t.orgId('SCJ');
  });
  after(() => t.close());

  const register = (entityId: string, ruleId: string, triggerDate: string, extra: Record<string, unknown> = {}) =>
    t.db.transaction().execute((trx) =>
      registerDeadline(trx, systemCtx(), {
        entityKind: 'test_case',
        entityId,
        ruleId,
        triggerDate,
        orgId: scj,
        ...extra,
      }),
    );

  test('register stores due date and trace, and is audited', async () => {
    const row = await register('c1', 'penalty.decision', '2026-01-05', { label: '某公司无照经营案' });
    assert.equal(row.due_date, '2026-04-07'); // 90th day 2026-04-05 is 清明节 → 04-07
    assert.match(row.trace, /顺延/);
    assert.equal(row.status, 'open');
    const ev = await auditFor(t.db, 'test_case', 'c1');
    assert.equal(ev.at(-1)?.action, 'deadline.registered');
    assert.equal((await listDeadlinesFor(t.db, 'test_case', 'c1')).length, 1);
  });

  test('bad registration: unknown rule, impossible date, minimum rule — nothing stored', async () => {
    await assert.rejects(register('bad', 'nope.rule', '2026-01-05'), /期限规则“nope.rule”不存在/);
    await assert.rejects(register('bad', 'penalty.decision', '2026-02-30'), /起算日不存在/);
    await assert.rejects(register('bad', 'decision.comment_period', '2026-01-05'), /须提供截止日期/);
    await assert.rejects(register('bad', 'penalty.hearing_notice', '2026-01-05'), /不能登记为办理期限/);
    assert.equal((await listDeadlinesFor(t.db, 'test_case', 'bad')).length, 0);
  });

  test('register with pauses and approved extensions already known; bad ones refused, nothing stored', async () => {
    // reconsideration.decision: 60 days from 2026-03-02 → 05-06 (see below); 10 paused days and a 30-day
    // extension move it; the trace names both.
    const row = await register('c-known', 'reconsideration.decision', '2026-03-02', {
      pauses: [{ from: '2026-03-10', to: '2026-03-19', reason: '中止审理' }],
      extensions: [{ days: 30, approverName: '周局长', reason: '案情复杂' }],
    });
    assert.equal(row.extension_days, 30);
    assert.match(row.trace, /2026年3月10日至2026年3月19日共10天不计入期限/);
    assert.match(row.trace, /周局长批准延长30日，理由：案情复杂/);
    const plain = await register('c-plain', 'reconsideration.decision', '2026-03-02');
    assert.ok(String(row.due_date) > String(plain.due_date));
    await assert.rejects(
      register('c-bad', 'reconsideration.decision', '2026-03-02', {
        extensions: [{ days: 31, approverName: '周局长', reason: 'x' }],
      }),
      /最多可延长30日/,
    );
    await assert.rejects(
      register('c-bad', 'reconsideration.decision', '2026-03-02', {
        pauses: [
          { from: '2026-03-10', to: '2026-03-19', reason: '中止' },
          { from: '2026-03-15', to: '2026-03-20', reason: '补正' },
        ],
      }),
      /重叠|重合/,
    );
    await assert.rejects(
      register('c-bad', 'reconsideration.decision', '2026-03-02', {
        pauses: [{ from: '2026-03-19', to: '2026-03-10', reason: '中止' }],
      }),
      /早于|晚于|倒/,
    );
    assert.equal((await listDeadlinesFor(t.db, 'test_case', 'c-bad')).length, 0);
  });

  test('pause, resume, extend and close over HTTP with audit; limits enforced', async () => {
    const row = await register('c2', 'reconsideration.decision', '2026-03-02');
    assert.equal(row.due_date, '2026-05-06'); // 60th day 2026-05-01 is 劳动节 → 05-06
    const url = (a: string) => `/api/deadlines/${row.id}/${a}`;
    // Another unit's liaison cannot see it (404, not 403).
    const hidden = await t.call(liaison2, {
      method: 'POST',
      url: url('pause'),
      payload: { from: '2026-03-10', reason: '中止' },
    });
    assert.equal(hidden.statusCode, 404);
    const anon = await t.call(null, {
      method: 'POST',
      url: url('pause'),
      payload: { from: '2026-03-10', reason: '中止' },
    });
    assert.equal(anon.statusCode, 401);
    const badDate = await t.call(liaison, {
      method: 'POST',
      url: url('pause'),
      payload: { from: '2026-02-30', reason: '中止' },
    });
    assert.equal(badDate.statusCode, 400);
    assert.match(badDate.json().message, /不存在/);

    const p = await t.call(liaison, {
      method: 'POST',
      url: url('pause'),
      payload: { from: '2026-03-10', reason: '中止审理' },
    });
    assert.equal(p.statusCode, 200, p.body);
    assert.equal(p.json().status, 'paused');
    assert.equal(p.json().dueDate, null);
    const again = await t.call(liaison, {
      method: 'POST',
      url: url('pause'),
      payload: { from: '2026-03-11', reason: 'x' },
    });
    assert.equal(again.statusCode, 403); // abilities: a paused deadline cannot be paused again
    const backwards = await t.call(liaison, { method: 'POST', url: url('resume'), payload: { on: '2026-03-09' } });
    assert.equal(backwards.statusCode, 422);
    assert.match(backwards.json().message, /早于暂停开始日期/);
    const res = await t.call(liaison, { method: 'POST', url: url('resume'), payload: { on: '2026-03-19' } });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().dueDate, '2026-05-11'); // 10 paused days: the 60th counted day moves from 05-01 to 05-11
    assert.match(res.json().trace, /中止审理，2026年3月10日至2026年3月19日共10天不计入期限/);

    const tooMuch = await t.call(liaison, {
      method: 'POST',
      url: url('extend'),
      payload: { days: 31, approverName: '周局长', reason: '案情复杂' },
    });
    assert.equal(tooMuch.statusCode, 422);
    assert.match(tooMuch.json().message, /最多可延长30日/);
    const staffExt = await t.call(staff, {
      method: 'POST',
      url: url('extend'),
      payload: { days: 10, approverName: '周局长', reason: '案情复杂' },
    });
    assert.equal(staffExt.statusCode, 403);
    const unchanged = (await listDeadlinesFor(t.db, 'test_case', 'c2'))[0];
    assert.equal(unchanged.extension_days, 0);

    const ext = await t.call(liaison, {
      method: 'POST',
      url: url('extend'),
      payload: { days: 30, approverName: '周局长', reason: '案情复杂' },
    });
    assert.equal(ext.statusCode, 200, ext.body);
    assert.equal(ext.json().extensionDays, 30);
    assert.match(ext.json().trace, /延长依据：周局长批准延长30日，理由：案情复杂/);
    assert.equal(ext.json().abilities.extend, true); // still open; the next one is refused by the limit
    const more = await t.call(liaison, {
      method: 'POST',
      url: url('extend'),
      payload: { days: 1, approverName: '周局长', reason: '再延' },
    });
    assert.equal(more.statusCode, 422);

    const close = await t.call(staff, { method: 'POST', url: url('close'), payload: { on: '2026-06-01' } });
    assert.equal(close.statusCode, 200, close.body);
    assert.equal(close.json().met, true);
    const twice = await t.call(staff, { method: 'POST', url: url('close'), payload: {} });
    assert.equal(twice.statusCode, 403);
    const actions = (await auditFor(t.db, 'test_case', 'c2')).map((e) => e.action);
    assert.deepEqual(actions, [
      'deadline.registered',
      'deadline.paused',
      'deadline.resumed',
      'deadline.extended',
      'deadline.closed',
    ]);
  });

  test('closeDeadlinesFor closes open ones only, once', async () => {
    await register('c3', 'penalty.service', '2026-03-02');
    await register('c3', 'penalty.payment', '2026-03-02');
    const n = await t.db
      .transaction()
      .execute((trx) => closeDeadlinesFor(trx, systemCtx(), 'test_case', 'c3', 'penalty.service'));
    assert.equal(n, 1);
    const rows = await listDeadlinesFor(t.db, 'test_case', 'c3');
    assert.deepEqual(rows.map((r) => r.status).sort(), ['closed', 'open']);
  });

  test('publishing a notice for a provisional year recomputes affected open deadlines, audited', async () => {
    const row = await register('c4', 'disclosure.reply', '2026-12-20');
    assert.equal(row.provisional, true);
    assert.equal(row.due_date, '2027-01-15');
    const bad = await t.call(admin, {
      method: 'PUT',
      url: '/api/calendar/years/2027',
      payload: {
        notices: [
          {
            number: '国办发明电〔2026〕9号',
            title: '国务院办公厅关于2027年部分节假日安排的通知',
            issuedOn: '2026-11-10',
          },
        ],
        festivals: [{ name: '元旦', off: [['2027-01-01', '2027-01-03']], work: ['2027-01-02'] }],
      },
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.json().message, /前后矛盾.*未做任何修改/);
    const forbidden = await t.call(staff, {
      method: 'PUT',
      url: '/api/calendar/years/2027',
      payload: { notices: [], festivals: [] },
    });
    assert.equal(forbidden.statusCode, 400); // schema first: at least one notice
    const forbidden2 = await t.call(staff, {
      method: 'PUT',
      url: '/api/calendar/years/2027',
      payload: {
        notices: [{ number: '国办发明电〔2026〕9号', title: 't', issuedOn: '2026-11-10' }],
        festivals: [{ name: '元旦', off: [['2027-01-01', '2027-01-01']], work: [] }],
      },
    });
    assert.equal(forbidden2.statusCode, 403);
    assert.equal(getCalendar().hasNotice(2027), false);

    // A hypothetical 2027 arrangement (test data): New Year 1–3 January, Spring Festival 5–11 February.
    const ok = await t.call(admin, {
      method: 'PUT',
      url: '/api/calendar/years/2027',
      payload: {
        notices: [
          {
            number: '国办发明电〔2026〕9号',
            title: '国务院办公厅关于2027年部分节假日安排的通知',
            issuedOn: '2026-11-10',
          },
        ],
        festivals: [
          { name: '元旦', off: [['2027-01-01', '2027-01-03']], work: [] },
          { name: '春节', off: [['2027-02-05', '2027-02-11']], work: ['2027-02-14'] },
        ],
      },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().year.version, 1);
    assert.ok(ok.json().recomputed >= 1);
    const after = (await listDeadlinesFor(t.db, 'test_case', 'c4'))[0];
    assert.equal(after.provisional, false);
    assert.equal(after.due_date, '2027-01-18'); // 2027-01-01 is now a holiday
    const ev = (await auditFor(t.db, 'test_case', 'c4')).at(-1)!;
    assert.equal(ev.action, 'deadline.recomputed');
    assert.deepEqual(
      { from: (ev.data as { from: string }).from, to: (ev.data as { to: string }).to },
      { from: '2027-01-15', to: '2027-01-18' },
    );
    const yearsAudit = await auditFor(t.db, 'calendar_year', '2027');
    assert.equal(yearsAudit.length, 1);
    const days = await t.call(null, { method: 'GET', url: '/api/public/calendar/years/2027/days' });
    assert.equal(days.json().provisional, false);
    assert.equal(days.json().days.find((d: { date: string }) => d.date === '2027-02-14').kind, 'makeup');
  });

  test('sweep marks due-soon and overdue idempotently and notifies the unit liaison', async () => {
    const now = new Date('2026-03-10T02:00:00Z'); // 10:00 Beijing
    const overdue = await register('s1', 'service_review.named_bad_review_contact', '2026-03-05', {
      label: '实名差评',
    });
    assert.equal(overdue.due_date, '2026-03-06');
    const soon = await register('s2', 'penalty.hearing_request', '2026-03-06');
    assert.equal(soon.due_date, '2026-03-13');
    await register('s3', 'penalty.decision', '2026-03-01');
    const first = await withLease(t.db, SWEEP_JOB, 60_000, () => runDeadlineSweep(t.db, now, { leadWorkingDays: 3 }));
    assert.ok(first.ran);
    const r1 = first.ran ? first.result : null;
    assert.ok(r1 && r1.overdue >= 1 && r1.dueSoon >= 1);
    const second = await runDeadlineSweep(t.db, now, { leadWorkingDays: 3 });
    assert.deepEqual({ o: second.overdue, s: second.dueSoon, n: second.notifications }, { o: 0, s: 0, n: 0 });
    const rows = await t.db
      .selectFrom('deadlines')
      .select(['entity_id', 'alert'])
      .where('entity_id', 'in', ['s1', 's2', 's3'])
      .execute();
    const alert = Object.fromEntries(rows.map((r) => [r.entity_id, r.alert]));
    assert.deepEqual(alert, { s1: 'overdue', s2: 'due_soon', s3: 'none' });
    const notes = await t.db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', liaison.userId)
      .where('entity_id', 'in', ['s1', 's2'])
      .execute();
    assert.equal(notes.length, 2);
    assert.ok(notes.some((n) => n.title.startsWith('已超期：“实名差评”')));
    // Later the due-soon one becomes overdue: one more notification, once.
    const later = new Date('2026-03-16T02:00:00Z');
    const r3 = await runDeadlineSweep(t.db, later, { leadWorkingDays: 3 });
    assert.ok(r3.overdue >= 1);
    await runDeadlineSweep(t.db, later, { leadWorkingDays: 3 });
    const notes2 = await t.db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', liaison.userId)
      .where('entity_id', '=', 's2')
      .execute();
    assert.equal(notes2.length, 2);

    // Overdue per unit: the coordinator sees the unit; another unit's liaison does not.
    const co = await t.call(coordinator, { method: 'GET', url: '/api/deadlines/overdue' });
    assert.equal(co.statusCode, 200);
    const group = co.json().groups.find((g: { orgId: string }) => g.orgId === scj);
    assert.ok(group && group.overdue >= 2);
    const other = await t.call(liaison2, { method: 'GET', url: '/api/deadlines/overdue' });
    assert.equal(
      other.json().groups.find((g: { orgId: string }) => g.orgId === scj),
      undefined,
    );
    const anon = await t.call(null, { method: 'GET', url: '/api/deadlines/overdue' });
    assert.equal(anon.statusCode, 401);
  });

  test('public calculator and rules', async () => {
    const rules = await t.call(null, { method: 'GET', url: '/api/public/calendar/rules' });
    assert.equal(rules.statusCode, 200);
    assert.ok(rules.json().items.some((r: { id: string }) => r.id === 'penalty.decision'));
    const c = await t.call(null, {
      method: 'POST',
      url: '/api/public/calendar/compute',
      payload: { ruleId: 'penalty.hearing_request', date: '2026-02-12' },
    });
    assert.equal(c.statusCode, 200);
    assert.equal(c.json().due, '2026-02-26');
    const m = await t.call(null, {
      method: 'POST',
      url: '/api/public/calendar/compute',
      payload: { ruleId: 'decision.comment_period', date: '2026-01-05', endDate: '2026-02-03' },
    });
    assert.equal(m.json().ok, false);
    const b = await t.call(null, {
      method: 'POST',
      url: '/api/public/calendar/compute',
      payload: { ruleId: 'penalty.hearing_notice', date: '2026-02-26' },
    });
    assert.equal(b.json().latest, '2026-02-10');
    const unknown = await t.call(null, {
      method: 'POST',
      url: '/api/public/calendar/compute',
      payload: { ruleId: 'x.y', date: '2026-02-12' },
    });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.json().message, /不存在/);
    const impossible = await t.call(null, {
      method: 'POST',
      url: '/api/public/calendar/compute',
      payload: { ruleId: 'penalty.decision', date: '2026-02-30' },
    });
    assert.equal(impossible.statusCode, 400);
    assert.match(impossible.json().message, /2026-02-30/);
    const overExt = await t.call(null, {
      method: 'POST',
      url: '/api/public/calendar/compute',
      payload: { ruleId: 'disclosure.reply', date: '2026-02-12', extensionDays: 21 },
    });
    assert.equal(overExt.statusCode, 422);
  });

  test('public deadline view only for kinds a module made public, without people', async () => {
    await register('p1', 'normative.filing', '2026-03-02');
    const hidden = await t.call(null, {
      method: 'GET',
      url: '/api/public/calendar/deadlines?entityKind=test_case&entityId=p1',
    });
    assert.equal(hidden.statusCode, 404);
    registerPublicDeadlineKind('test_case');
    const shown = await t.call(null, {
      method: 'GET',
      url: '/api/public/calendar/deadlines?entityKind=test_case&entityId=p1',
    });
    assert.equal(shown.statusCode, 200);
    assert.equal(shown.json().items[0].dueDate, '2026-04-01');
    assert.equal(shown.json().items[0].orgId, undefined);
  });

  test('configurable rule values: admin only, audited, statutory values refused', async () => {
    const fixed = await t.call(admin, {
      method: 'PUT',
      url: '/api/calendar/rules/reconsideration.decision',
      payload: { amount: 45 },
    });
    assert.equal(fixed.statusCode, 422);
    assert.match(fixed.json().message, /由法律明确规定/);
    const denied = await t.call(liaison, {
      method: 'PUT',
      url: '/api/calendar/rules/report.submit',
      payload: { fixedMonthDay: '02-28' },
    });
    assert.equal(denied.statusCode, 403);
    const ok = await t.call(admin, {
      method: 'PUT',
      url: '/api/calendar/rules/report.submit',
      payload: { fixedMonthDay: '02-28' },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const c = await t.call(null, {
      method: 'POST',
      url: '/api/public/calendar/compute',
      payload: { ruleId: 'report.submit', date: '2026-06-30' },
    });
    assert.equal(c.json().due, '2027-02-28');
    const ev = await auditFor(t.db, 'calendar_rule', 'report.submit');
    assert.equal(ev.length, 1);
  });

  test('a deadline the new rule cannot be applied to keeps its approved date, and the failure is audited', async () => {
    const row = await register('c-ext', 'penalty.decision', '2026-01-05');
    const ext = await t.call(liaison, {
      method: 'POST',
      url: `/api/deadlines/${row.id}/extend`,
      payload: { days: 20, approverName: '周局长', reason: '案情复杂' },
    });
    assert.equal(ext.statusCode, 200, ext.body);
    const due = ext.json().dueDate;
    const lowered = await t.call(admin, {
      method: 'PUT',
      url: '/api/calendar/rules/penalty.decision',
      payload: { maxExtension: 10 },
    });
    assert.equal(lowered.statusCode, 200, lowered.body);
    const after = (await listDeadlinesFor(t.db, 'test_case', 'c-ext'))[0];
    assert.equal(after.due_date, due);
    const ev = (await auditFor(t.db, 'test_case', 'c-ext')).filter((e) => e.action === 'deadline.recompute_failed');
    assert.equal(ev.length, 1);
    assert.match((ev[0].data as { reason: string }).reason, /最多可延长10日/);
    await t.call(admin, { method: 'PUT', url: '/api/calendar/rules/penalty.decision', payload: { maxExtension: 30 } });
  });

  test('a configurable period may be lengthened but never set below its statutory floor', async () => {
    const put = (id: string, payload: Record<string, unknown>) =>
      t.call(admin, { method: 'PUT', url: `/api/calendar/rules/${id}`, payload });
    const short = await put('decision.comment_period', { amount: 20 });
    assert.equal(short.statusCode, 422);
    assert.match(short.json().message, /不得短于《重大行政决策程序暂行条例》第十五条规定的30日/);
    assert.equal((await put('decision.comment_period', { amount: 45 })).statusCode, 200);
    // 30 working days are never shorter than 30 calendar days; 7 calendar days can be shorter than 7 working days.
    assert.equal((await put('decision.comment_period', { amount: 30, unit: 'working_days' })).statusCode, 200);
    assert.equal((await put('decision.legality_review', { unit: 'calendar_days', amount: 10 })).statusCode, 422);
    assert.equal((await put('decision.legality_review', { amount: 10 })).statusCode, 200);
    await put('decision.comment_period', { amount: 30, unit: 'calendar_days' });
    await put('decision.legality_review', { amount: 7 });
  });

  test('the counting unit of a [B] rule is configurable; the rule list shows the documented default beside it', async () => {
    const bad = await t.call(admin, {
      method: 'PUT',
      url: '/api/calendar/rules/penalty.disclosure',
      payload: { unit: 'fortnights' },
    });
    assert.equal(bad.statusCode, 400);
    const before = (await t.call(null, { method: 'GET', url: '/api/public/calendar/rules' }))
      .json()
      .items.find((r: { id: string }) => r.id === 'penalty.disclosure');
    assert.equal(before.changed, false);
    const other = before.unit === 'working_days' ? 'calendar_days' : 'working_days';
    const ok = await t.call(admin, {
      method: 'PUT',
      url: '/api/calendar/rules/penalty.disclosure',
      payload: { unit: other },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().rule.unit, other);
    assert.equal(ok.json().rule.changed, true);
    assert.equal(ok.json().rule.defaults.unit, before.unit);
    const fixedUnit = await t.call(admin, {
      method: 'PUT',
      url: '/api/calendar/rules/report.submit',
      payload: { unit: 'working_days' },
    });
    assert.equal(fixedUnit.statusCode, 422);
    const ev = await auditFor(t.db, 'calendar_rule', 'penalty.disclosure');
    const last = ev.at(-1);
    assert.ok(last);
    assert.equal((last.data as { after: { unit: string } }).after.unit, other);
    // Back to the default so later tests see the statutory pack.
    await t.call(admin, {
      method: 'PUT',
      url: '/api/calendar/rules/penalty.disclosure',
      payload: { unit: before.unit },
    });
  });

  test("another instance's rule change reaches this one through the per-instance refresh job", async () => {
    const job = calendarModule.jobs?.({} as never).find((j) => j.name === REFRESH_JOB);
    assert.ok(job?.perInstance, 'the refresh job runs in every instance, without the lease');
    // This process's own change above is live already; one refresh takes the new fingerprint, then nothing
    // changed, so no reload.
    await refreshCalendarIfChanged(t.db);
    assert.equal(await refreshCalendarIfChanged(t.db), false);
    // A second instance writes a setting straight to the shared database (this process never saw the request).
    await t.db
      .insertInto('calendar_rule_settings')
      .values({ rule_id: 'report.submit', setting: JSON.stringify({ fixedMonthDay: '02-20' }) })
      .onConflict((oc) => oc.column('rule_id').doUpdateSet({ setting: JSON.stringify({ fixedMonthDay: '02-20' }) }))
      .execute();
    assert.equal(await job.run(t.db, t.clock.now()), '已载入其他实例更新的日历或期限规则');
    const c = await t.call(null, {
      method: 'POST',
      url: '/api/public/calendar/compute',
      payload: { ruleId: 'report.submit', date: '2026-06-30' },
    });
    assert.equal(c.json().due, '2027-02-20');
    assert.equal(await refreshCalendarIfChanged(t.db), false);
  });
});
