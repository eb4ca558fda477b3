import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { BUILTIN_CALENDAR, builtinCalendar, computeDue, listRules } from '../../../src/platform/calendar/index.js';
import { addCalendarDays, fromOrdinal, type LocalDate, toOrdinal } from '../../../src/platform/calendar/localdate.js';

const cal = builtinCalendar();
const years = [...new Set(BUILTIN_CALENDAR.map((y) => y.year))].sort();
const workingDayRules = listRules().filter((r) => r.kind === 'within' && r.unit === 'working_days');

/** The figures a working-day trace states, read back from its text. */
function statedFigures(trace: string) {
  const line = trace.split('\n').find((l) => l.startsWith('按工作日计算'));
  assert.ok(line, trace);
  const num = (re: RegExp) => Number(line.match(re)?.[1] ?? 0);
  const holidays = [...line.matchAll(/跳过法定节假日[^；。]*?(\d+)天：/g)].map((m) => Number(m[1]));
  return {
    line,
    days: num(/期间共(\d+)天/),
    counted: num(/计入工作日(\d+)天/),
    rest: num(/跳过休息日（周六、周日）(\d+)天/),
    holidays: holidays.reduce((a, b) => a + b, 0),
    paused: num(/暂停期间(\d+)天不计入/),
  };
}

/** Every date a trace line names in a span ("2026年3月7日至8日"), expanded to days. */
function namedDays(segment: string): LocalDate[] {
  const out: LocalDate[] = [];
  const re = /(\d{4})年(\d+)月(\d+)日(?:至(?:(\d{4})年)?(?:(\d+)月)?(\d+)日)?/g;
  for (const m of segment.matchAll(re)) {
    const pad = (n: string | number) => String(n).padStart(2, '0');
    const a = `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}` as LocalDate;
    const b = m[6] ? (`${m[4] ?? m[1]}-${pad(m[5] ?? m[2]!)}-${pad(m[6])}` as LocalDate) : a;
    for (let o = toOrdinal(a); o <= toOrdinal(b); o++) out.push(fromOrdinal(o));
  }
  return out;
}

describe('deadline traces: every skipped day is named with its reason and the figures add up', () => {
  test('a one-working-day period before a make-up Saturday skips nothing and counts the Saturday', () => {
    // 2023: 6 October (Friday) is the last day of the National Day holiday; Saturday 7 October is a working day.
    const r = computeDue('service_review.named_bad_review_contact', '2023-10-06');
    const f = statedFigures(r.trace);
    assert.equal(r.due, '2023-10-07');
    assert.equal(f.days, 1);
    assert.equal(f.counted, 1);
    assert.doesNotMatch(f.line, /跳过/, 'nothing was skipped: the make-up Saturday is the working day counted');
    assert.match(f.line, /2023年10月7日（星期六）（中秋节、国庆节调休上班）计为工作日/);
  });

  test('holiday spans are the holiday days inside the period, weekend days of the holiday included', () => {
    const r = computeDue('reconsideration.acceptance', '2023-09-28');
    assert.match(r.trace, /跳过法定节假日2023年中秋节、国庆节8天：2023年9月29日至10月6日；/);
    assert.doesNotMatch(r.trace, /9月29日至10月2日，2天/);
  });

  test('property: for random dates in every shipped calendar year, days = counted + rest + holidays + paused', () => {
    assert.ok(years.length >= 5 && workingDayRules.length > 0);
    const first = toOrdinal(`${years[0]}-01-01` as LocalDate);
    const last = toOrdinal(`${years.at(-1)}-12-31` as LocalDate) - 120;
    fc.assert(
      fc.property(
        fc.integer({ min: first, max: last }),
        fc.constantFrom(...workingDayRules),
        fc.option(fc.tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 9 })), { nil: undefined }),
        (ord, rule, pause) => {
          const trigger = fromOrdinal(ord);
          const pauses = pause
            ? [
                {
                  from: addCalendarDays(trigger, pause[0]),
                  to: addCalendarDays(trigger, pause[0] + pause[1]),
                  reason: '补正',
                },
              ]
            : [];
          let r: ReturnType<typeof computeDue>;
          try {
            r = computeDue(rule.id, trigger, { pauses });
          } catch {
            return true; // a pause the rule does not allow: refused, nothing to explain
          }
          const f = statedFigures(r.trace);
          const raw = r.due; // working-day periods never roll: the last counted day is a working day
          assert.equal(f.days, toOrdinal(raw) - toOrdinal(trigger), f.line);
          assert.equal(f.counted, rule.amount, f.line);
          assert.equal(f.days, f.counted + f.rest + f.holidays + f.paused, f.line);
          // Each day named as skipped is really a day off; each rest day is a weekend day no notice changed.
          const restPart = f.line.match(/跳过休息日（周六、周日）\d+天：([^；。]*)/)?.[1] ?? '';
          const rest = namedDays(restPart);
          assert.equal(rest.length, f.rest, f.line);
          for (const d of rest) assert.ok(!cal.isWorkingDay(d) && !cal.override(d), `${d}: ${f.line}`);
          for (const m of f.line.matchAll(/跳过法定节假日[^；。]*?\d+天：([^；。]*)/g))
            for (const d of namedDays(m[1]!)) assert.ok(cal.override(d)?.off, `${d}: ${f.line}`);
          return true;
        },
      ),
      { numRuns: 400, seed: 20261204 },
    );
  });
});
