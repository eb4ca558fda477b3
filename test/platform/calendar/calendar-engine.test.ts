import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { builtinCalendar } from '../../../src/platform/calendar/active.js';
import { BUILTIN_CALENDAR, type CalendarYearData } from '../../../src/platform/calendar/data/notices.js';
import { checkMinimumPeriod, computeDue, latestDateBefore } from '../../../src/platform/calendar/engine.js';
import {
  addCalendarDays,
  addWorkingDays,
  isProvisionalDate,
  isWorkingDay,
  parseLocalDate,
  RULE_IDS,
  RULES,
  toLocalDate,
  today,
} from '../../../src/platform/calendar/index.js';
import { addMonths, fromOrdinal, type LocalDate, toOrdinal } from '../../../src/platform/calendar/localdate.js';
import { AppError } from '../../../src/platform/errors.js';
import { validateYearData, WorkCalendar } from '../../../src/platform/calendar/workcalendar.js';

const REF_DIR = path.resolve(import.meta.dirname, '../../../../shared/reference/holiday-cn');

const throwsApp = (fn: () => unknown, code: string, re: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof AppError && e.code === code && re.test(e.message));

describe('LocalDate: Beijing day of an instant', () => {
  test('the 00:00–08:00 Beijing window belongs to the Beijing day, not the UTC day', () => {
    assert.equal(toLocalDate(new Date('2026-01-05T15:59:59Z')), '2026-01-05'); // 23:59:59 Beijing
    assert.equal(toLocalDate(new Date('2026-01-05T16:00:00Z')), '2026-01-06'); // 00:00 Beijing
    assert.equal(toLocalDate(new Date('2026-01-05T16:30:00Z')), '2026-01-06'); // 00:30 Beijing
    assert.equal(toLocalDate(new Date('2026-01-05T23:59:59Z')), '2026-01-06'); // 07:59 Beijing
    assert.equal(toLocalDate(new Date('2026-01-06T00:00:00Z')), '2026-01-06'); // 08:00 Beijing
    assert.equal(toLocalDate(new Date('2025-12-31T16:30:00Z')), '2026-01-01'); // year boundary
    assert.equal(today(new Date('2026-02-28T17:00:00Z')), '2026-03-01');
  });

  test('a filing at 00:30 Beijing time starts its period on that Beijing day', () => {
    const filed = toLocalDate(new Date('2026-03-01T16:30:00Z')); // 2026-03-02 00:30 Beijing
    assert.equal(filed, '2026-03-02');
    assert.equal(computeDue('penalty.hearing_request', filed).due, '2026-03-09');
  });

  test('impossible or malformed dates are refused in Chinese, naming the field', () => {
    throwsApp(() => parseLocalDate('2026-02-30', '起算日'), 'bad_request', /起算日不存在.*2026-02-30/);
    throwsApp(() => parseLocalDate('2025-02-29'), 'bad_request', /不存在/);
    throwsApp(() => parseLocalDate('2026/03/01', '起算日'), 'bad_request', /起算日格式不正确/);
    throwsApp(() => computeDue('penalty.decision', '2026-13-01'), 'bad_request', /起算日不存在/);
    assert.equal(parseLocalDate('2024-02-29'), '2024-02-29');
    throwsApp(() => toLocalDate(new Date('nonsense')), 'bad_request', /时间无效/);
  });

  test('months follow 民法典 Art 202: no corresponding day → last day of the month', () => {
    assert.equal(addMonths('2025-01-31', 1), '2025-02-28');
    assert.equal(addMonths('2024-02-29', 12), '2025-02-28');
    assert.equal(addMonths('2025-11-30', 3), '2026-02-28');
  });
});

describe('calendar data against the reference schedules (every day of 2019–2026)', () => {
  test('each built-in year version is valid and carries notice numbers', () => {
    for (const y of BUILTIN_CALENDAR) {
      assert.deepEqual(validateYearData(y), [], `${y.year} v${y.version}`);
      assert.ok(
        y.notices.every((n) => /^国办发明电〔\d{4}〕\d+号$/.test(n.number)),
        `${y.year} notice numbers`,
      );
    }
    const years = new Set(BUILTIN_CALENDAR.map((y) => y.year));
    for (let y = 2019; y <= 2026; y++) assert.ok(years.has(y), `year ${y} present`);
  });

  test('every day agrees with ../shared/reference/holiday-cn', (t) => {
    if (!fs.existsSync(REF_DIR)) {
      t.skip(`参考数据缺失：${REF_DIR} 不存在，跳过逐日核对`);
      console.log(`# SKIP reference holiday data not found at ${REF_DIR}`);
      return;
    }
    const ref = new Map<string, boolean>();
    for (const f of fs
      .readdirSync(REF_DIR)
      .filter((x) => /^\d{4}\.json$/.test(x))
      .sort()) {
      const j = JSON.parse(fs.readFileSync(path.join(REF_DIR, f), 'utf8')) as {
        days: { date: string; isOffDay: boolean }[];
      };
      for (const d of j.days) ref.set(d.date, !d.isOffDay);
    }
    const cal = builtinCalendar();
    let checked = 0;
    const mismatches: string[] = [];
    for (let o = toOrdinal('2019-01-01'); o <= toOrdinal('2026-12-31'); o++) {
      const d = fromOrdinal(o);
      const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
      const expected = ref.has(d) ? ref.get(d)! : wd !== 0 && wd !== 6;
      if (cal.isWorkingDay(d) !== expected) mismatches.push(d);
      checked++;
    }
    assert.equal(checked, 2922);
    assert.deepEqual(mismatches, []);
  });
});

describe('golden cases', () => {
  test('Spring Festival 2026: a make-up Saturday counts, the nine-day holiday does not', () => {
    const r = computeDue('penalty.hearing_request', '2026-02-12');
    assert.equal(r.due, '2026-02-26');
    assert.equal(r.provisional, false);
    assert.match(r.trace, /期间共14天，计入工作日5天；跳过法定节假日2026年春节9天：2026年2月15日至23日；/);
    assert.match(r.trace, /2026年2月14日（星期六）（春节调休上班）计为工作日/);
    assert.match(r.trace, /届满日：2026年2月26日（星期四）/);
    assert.equal(isWorkingDay('2026-02-14'), true);
    assert.equal(isWorkingDay('2026-02-23'), false);
  });

  test('National Day 2025: acceptance within 5 working days skips 1–8 October, counts Saturday 11 October', () => {
    assert.equal(computeDue('reconsideration.acceptance', '2025-09-30').due, '2025-10-14');
  });

  test('a calendar-day period ending in a holiday runs to the next working day (民事诉讼法 Art 85)', () => {
    const r = computeDue('penalty.payment', '2025-09-23');
    assert.equal(r.due, '2025-10-09');
    assert.match(r.trace, /2025年10月8日（星期三）为国庆节、中秋节假期.*顺延/);
    // Ending on a make-up Saturday: that Saturday is a working day, no roll.
    assert.equal(computeDue('penalty.payment', '2026-02-13').due, '2026-02-28');
  });

  test('year boundary: the 2019 notice made 2018-12-29 a working day and 2018-12-31 a holiday', () => {
    assert.equal(addWorkingDays('2018-12-28', 1), '2018-12-29');
    assert.equal(addWorkingDays('2018-12-29', 1), '2019-01-02');
    assert.equal(isProvisionalDate('2018-12-29'), false); // named by a notice
    assert.equal(isProvisionalDate('2018-10-08'), true); // 2018 has no notice in the data
    // The 2023 notice reaches back to 2022-12-31.
    assert.equal(addWorkingDays('2022-12-30', 1), '2023-01-03');
  });

  test('versions: the 2019 Labour Day amendment and the 2020 Spring Festival extension', () => {
    const v1 = new WorkCalendar(BUILTIN_CALENDAR.filter((y) => y.version === 1));
    const latest = builtinCalendar();
    assert.equal(v1.isWorkingDay('2019-05-02'), true);
    assert.equal(latest.isWorkingDay('2019-05-02'), false);
    assert.equal(v1.isWorkingDay('2019-05-05'), false);
    assert.equal(latest.isWorkingDay('2019-05-05'), true);
    assert.equal(v1.isWorkingDay('2020-02-01'), true);
    assert.equal(latest.isWorkingDay('2020-02-01'), false);
  });

  test('a year with no notice is computed on weekends only and flagged provisional', () => {
    const r = computeDue('disclosure.reply', '2026-12-20');
    assert.equal(r.due, '2027-01-15');
    assert.equal(r.provisional, true);
    assert.deepEqual(r.provisionalYears, [2027]);
    assert.match(r.trace, /2027年的节假日安排通知尚未发布/);
    assert.equal(computeDue('disclosure.reply', '2026-03-02').provisional, false);
  });

  test('reconsideration decision: 60 days, suspension not counted, approved extension of 30', () => {
    const base = computeDue('reconsideration.decision', '2026-08-02');
    assert.equal(base.due, '2026-10-08'); // 60th day 2026-10-01 is National Day → first working day after
    const r = computeDue('reconsideration.decision', '2026-08-02', {
      extensionDays: 30,
      pauses: [{ from: '2026-08-10', to: '2026-08-19', reason: '中止审理' }],
    });
    assert.equal(r.due, '2026-11-10');
    assert.match(r.trace, /中止审理，2026年8月10日至2026年8月19日共10天不计入期限/);
  });

  test('information disclosure: 20 working days, third-party consultation not counted', () => {
    const r = computeDue('disclosure.reply', '2026-03-02', {
      pauses: [{ from: '2026-03-09', to: '2026-03-20', reason: '征求第三方意见' }],
    });
    const plain = computeDue('disclosure.reply', '2026-03-02');
    assert.equal(plain.due, '2026-03-30');
    assert.equal(r.due, addWorkingDays(plain.due, 10));
  });

  test('minimum periods: comment period ≥30 days, legality review ≥7 working days', () => {
    const ok = checkMinimumPeriod('decision.comment_period', '2026-01-05', '2026-02-04');
    assert.equal(ok.ok, true);
    const short = checkMinimumPeriod('decision.comment_period', '2026-01-05', '2026-02-03');
    assert.equal(short.ok, false);
    assert.equal(short.minimumEnd, '2026-02-04');
    assert.match(short.trace, /期间不足/);
    // 30th day is Sunday 2026-03-01 → the minimum runs to Monday 2026-03-02.
    assert.equal(checkMinimumPeriod('decision.comment_period', '2026-01-30', '2026-03-01').ok, false);
    assert.equal(checkMinimumPeriod('decision.legality_review', '2026-09-24', '2026-10-09').ok, false);
    assert.equal(checkMinimumPeriod('decision.legality_review', '2026-09-24', '2026-10-12').ok, true);
    throwsApp(
      () => checkMinimumPeriod('penalty.decision', '2026-01-01', '2026-02-01'),
      'unprocessable',
      /不是“不少于”类期间/,
    );
    throwsApp(
      () => checkMinimumPeriod('decision.comment_period', '2026-02-01', '2026-01-01'),
      'unprocessable',
      /早于开始日期/,
    );
  });

  test('"N days before" rules: hearing notice 7 working days before a hearing after Spring Festival', () => {
    const r = latestDateBefore('penalty.hearing_notice', '2026-02-26');
    assert.equal(r.latest, '2026-02-10');
    assert.equal(addWorkingDays(r.latest, 7), '2026-02-26');
    const cal = latestDateBefore('decision.hearing_materials', '2026-03-20');
    assert.equal(cal.latest, '2026-03-13');
    // Hearing on Friday 13 March: counting back 5 working days reaches Monday 9 March, so notice may still go
    // out on Sunday 8 March (not counted); the latest working day is Friday 6 March.
    const mon = latestDateBefore('reconsideration.hearing_notice', '2026-03-13');
    assert.equal(mon.latest, '2026-03-08');
    assert.equal(mon.latestWorkingDay, '2026-03-06');
  });

  test('fixed dates: annual report published by 1 April of the next year, not rolled', () => {
    const r = computeDue('report.publish', '2025-12-31');
    assert.equal(r.due, '2026-04-01');
    assert.equal(computeDue('report.submit', '2025-06-30').due, '2026-03-01');
    assert.match(r.trace, /固定日期，不因节假日顺延/);
  });

  test('the rule pack exposes the ids other modules use', () => {
    for (const id of [
      'penalty.decision',
      'penalty.hearing_request',
      'penalty.hearing_notice',
      'penalty.service',
      'reconsideration.acceptance',
      'reconsideration.decision',
      'reconsideration.simplified_decision',
      'reconsideration.answer',
      'disclosure.reply',
      'decision.comment_period',
      'decision.legality_review',
      'normative.filing',
      'normative.comment_period',
      'report.publish',
      'report.submit',
      'inspection.reexamination_request',
      'inspection.reexamination_decision',
      'service_review.named_bad_review_contact',
    ]) {
      assert.ok(RULE_IDS.includes(id), id);
      assert.ok(RULES[id].legalBasis.length > 0, `${id} has a legal basis`);
    }
  });
});

describe('bad input: clear Chinese errors', () => {
  test('unknown rule', () => {
    throwsApp(() => computeDue('penalty.unknown', '2026-01-05'), 'bad_request', /期限规则“penalty.unknown”不存在/);
  });
  test('pauses that run backwards, overlap, start before the trigger, or on a rule that cannot pause', () => {
    throwsApp(
      () =>
        computeDue('penalty.decision', '2026-01-05', {
          pauses: [{ from: '2026-02-10', to: '2026-02-01', reason: '听证' }],
        }),
      'unprocessable',
      /起止颠倒/,
    );
    throwsApp(
      () =>
        computeDue('penalty.decision', '2026-01-05', {
          pauses: [
            { from: '2026-02-01', to: '2026-02-10', reason: '听证' },
            { from: '2026-02-08', to: '2026-02-12', reason: '鉴定' },
          ],
        }),
      'unprocessable',
      /暂停期间重叠/,
    );
    throwsApp(
      () =>
        computeDue('penalty.decision', '2026-01-05', {
          pauses: [{ from: '2026-01-05', to: '2026-01-09', reason: '鉴定' }],
        }),
      'unprocessable',
      /应晚于起算日/,
    );
    throwsApp(
      () =>
        computeDue('penalty.hearing_request', '2026-01-05', {
          pauses: [{ from: '2026-01-06', to: '2026-01-07', reason: 'x' }],
        }),
      'unprocessable',
      /不因中止、补正等情形暂停/,
    );
  });
  test('extensions beyond what the rule allows', () => {
    throwsApp(
      () => computeDue('reconsideration.decision', '2026-01-05', { extensionDays: 31 }),
      'unprocessable',
      /最多可延长30日/,
    );
    throwsApp(
      () => computeDue('penalty.hearing_request', '2026-01-05', { extensionDays: 1 }),
      'unprocessable',
      /不能延长/,
    );
  });
  test('calendar data with a duplicate or contradictory day, or a make-up weekday', () => {
    const bad: CalendarYearData = {
      year: 2027,
      version: 1,
      notices: [{ number: '国办发明电〔2026〕1号', title: 't', issuedOn: '2026-11-01', url: null }],
      festivals: [
        { name: '元旦', off: [['2027-01-01', '2027-01-03']], work: ['2027-01-02'] },
        { name: '春节', off: [['2027-01-03', '2027-01-03']], work: ['2027-02-03'] },
      ],
    };
    const problems = validateYearData(bad).map((i) => i.problem);
    assert.ok(problems.some((p) => /前后矛盾/.test(p)));
    assert.ok(problems.some((p) => /重复出现/.test(p)));
    assert.ok(problems.some((p) => /不能登记为调休上班日/.test(p)));
  });
});

/** Naive reference: walk day by day. */
function naiveDue(
  cal: WorkCalendar,
  trigger: LocalDate,
  n: number,
  working: boolean,
  pauses: { from: string; to: string }[],
) {
  let o = toOrdinal(trigger);
  let left = n;
  while (left > 0) {
    o++;
    const d = fromOrdinal(o);
    if (pauses.some((p) => d >= p.from && d <= p.to)) continue;
    if (working && !cal.isWorkingDay(d)) continue;
    left--;
  }
  let d = fromOrdinal(o);
  if (!working) while (!cal.isWorkingDay(d)) d = addCalendarDays(d, 1);
  return d;
}

describe('property tests against a naive day-by-day reference', () => {
  const cal = builtinCalendar();
  const dateArb = fc.integer({ min: toOrdinal('2018-06-01'), max: toOrdinal('2027-06-30') }).map(fromOrdinal);

  test('addWorkingDays (forwards and backwards) equals the day-by-day loop', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -60, max: 60 }), (d, n) => {
        assert.equal(cal.addWorkingDays(d, n), fromOrdinal(cal.addWorkingNaive(toOrdinal(d), n)));
      }),
      { numRuns: 3000 },
    );
  });

  test('countWorkingDays inverts addWorkingDays', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 90 }), (d, n) => {
        assert.equal(cal.countWorkingDays(d, cal.addWorkingDays(d, n)), n);
      }),
      { numRuns: 1000 },
    );
  });

  test('computeDue with pauses equals the naive walk (working days and calendar days)', () => {
    const pauseArb = fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 15 })), {
      maxLength: 3,
    });
    fc.assert(
      fc.property(dateArb, pauseArb, fc.boolean(), (trigger, spec, working) => {
        const pauses: { from: LocalDate; to: LocalDate; reason: string }[] = [];
        let cursor = trigger;
        for (const [gap, len] of spec) {
          const from = addCalendarDays(cursor, gap);
          const to = addCalendarDays(from, len);
          pauses.push({ from, to, reason: '中止' });
          cursor = to;
        }
        const ruleId = working ? 'disclosure.reply' : 'reconsideration.decision';
        const n = RULES[ruleId].amount;
        const got = computeDue(ruleId, trigger, { pauses }, cal).due;
        assert.equal(got, naiveDue(cal, trigger, n, working, pauses));
      }),
      { numRuns: 800 },
    );
  });
});
