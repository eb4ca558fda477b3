// What a working-day count skipped, day by day, so the trace can name every day and its reason and its figures
// add up: the days of the period = the working days counted + the rest days skipped + the holiday days skipped
// + the paused days. A day off under a holiday notice counts as that holiday even on a weekend; a make-up
// Saturday or Sunday (调休上班) is a working day and is counted, never skipped.
import { formatZh, fromOrdinal, type LocalDate, toOrdinal, yearOf } from './localdate.js';
import type { DayOverride, WorkCalendar } from './workcalendar.js';

export interface DayBreakdown {
  /** Calendar days in (from, to]. */
  days: number;
  /** Working days counted (outside pauses). */
  counted: number;
  /** Saturdays and Sundays skipped that no notice made a working day or a holiday (outside pauses). */
  rest: LocalDate[];
  /** Holiday days skipped, by notice year and festival (outside pauses). */
  holidays: { name: string; days: LocalDate[] }[];
  /** Make-up working days on a weekend that were counted. */
  makeup: DayOverride[];
  /** Days inside pauses (not counted, whatever they are). */
  paused: number;
}

/** Every day in (from, to] classified; `paused(d)` says whether a pause covers the day. */
export function breakdownDays(
  cal: WorkCalendar,
  from: LocalDate,
  to: LocalDate,
  paused: (d: LocalDate) => boolean = () => false,
): DayBreakdown {
  const out: DayBreakdown = { days: 0, counted: 0, rest: [], holidays: [], makeup: [], paused: 0 };
  const groups = new Map<string, LocalDate[]>();
  for (let o = toOrdinal(from) + 1; o <= toOrdinal(to); o++) {
    const d = fromOrdinal(o);
    out.days++;
    if (paused(d)) {
      out.paused++;
      continue;
    }
    const ov = cal.override(d);
    if (ov?.off) {
      const key = `${ov.year}年${ov.festival}`;
      groups.set(key, [...(groups.get(key) ?? []), d]);
    } else if (cal.isWorkingDay(d)) {
      out.counted++;
      if (ov) out.makeup.push(ov);
    } else {
      out.rest.push(d);
    }
  }
  out.holidays = [...groups.entries()].map(([name, days]) => ({ name, days }));
  return out;
}

/**
 * Consecutive runs of dates as text: "2026年3月7日至8日、2026年3月14日". A run's end drops the year (and the
 * month) it shares with its start.
 */
export function spansText(days: LocalDate[]): string {
  const runs: LocalDate[][] = [];
  for (const d of days) {
    const run = runs.at(-1);
    if (run && toOrdinal(d) === toOrdinal(run.at(-1)!) + 1) run.push(d);
    else runs.push([d]);
  }
  return runs
    .map((r) => {
      const [a, b] = [r[0]!, r.at(-1)!];
      if (a === b) return formatZh(a, false);
      const end =
        yearOf(a) !== yearOf(b)
          ? formatZh(b, false)
          : a.slice(5, 7) !== b.slice(5, 7)
            ? formatZh(b, false).replace(/^\d+年/, '')
            : `${Number(b.slice(8, 10))}日`;
      return `${formatZh(a, false)}至${end}`;
    })
    .join('、');
}

/** The trace line of a working-day count: every skipped day named with its reason, and the figures that add up. */
export function workingDaysLine(b: DayBreakdown): string {
  const parts = [`按工作日计算：期间共${b.days}天，计入工作日${b.counted}天`];
  if (b.rest.length) parts.push(`跳过休息日（周六、周日）${b.rest.length}天：${spansText(b.rest)}`);
  for (const h of b.holidays) parts.push(`跳过法定节假日${h.name}${h.days.length}天：${spansText(h.days)}`);
  if (b.paused) parts.push(`暂停期间${b.paused}天不计入`);
  let s = parts.join('；');
  if (b.makeup.length) {
    const named = b.makeup.map((m) => `${formatZh(m.date)}（${m.festival}调休上班）`).join('、');
    s += `；${named}计为工作日`;
  }
  return `${s}。`;
}

/** Holiday days inside (from, to] by festival, as text: for calendar-day periods, where they count as usual. */
export function holidaysText(cal: WorkCalendar, from: LocalDate, to: LocalDate): string[] {
  const groups = new Map<string, LocalDate[]>();
  for (const ov of cal.overridesBetween(from, to)) {
    if (!ov.off) continue;
    const key = `${ov.year}年${ov.festival}`;
    groups.set(key, [...(groups.get(key) ?? []), ov.date]);
  }
  return [...groups.entries()].map(([name, days]) => `${name}（${spansText(days)}，${days.length}天）`);
}
