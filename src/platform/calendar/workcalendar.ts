import { unprocessable } from '../errors.js';
import type { CalendarYearData } from './data/notices.js';
import {
  fromOrdinal,
  isValidLocalDate,
  type LocalDate,
  toOrdinal,
  weekday,
  weekdayOfOrdinal,
  yearOf,
} from './localdate.js';

/** One day the notices change from the weekday/weekend default. */
export interface DayOverride {
  date: LocalDate;
  /** true: a day off (holiday, possibly on a weekend); false: a make-up working day on a weekend. */
  off: boolean;
  festival: string;
  year: number;
}

export interface ValidationIssue {
  date: string | null;
  festival: string;
  problem: string;
}

/**
 * Check one year's arrangement: real dates, dates within the notice's reach (December of the previous year to
 * January of the next), no date listed twice, no day both off and worked, make-up days only on weekends,
 * ranges that run forwards. Returns every issue found (empty when valid).
 */
export function validateYearData(data: CalendarYearData): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Map<string, { off: boolean; festival: string }>();
  const lo = `${data.year - 1}-12-01`;
  const hi = `${data.year + 1}-01-31`;
  if (!Number.isInteger(data.year) || data.year < 1990 || data.year > 2199) {
    issues.push({ date: null, festival: '', problem: `年份 ${data.year} 不在可接受范围（1990–2199）内` });
    return issues;
  }
  if (data.notices.length === 0) {
    issues.push({ date: null, festival: '', problem: '至少需要登记一份通知（发文字号、标题、成文日期）' });
  }
  const add = (date: string, off: boolean, festival: string) => {
    if (!isValidLocalDate(date)) {
      issues.push({ date, festival, problem: `${date} 不是真实的日历日期` });
      return;
    }
    if (date < lo || date > hi) {
      issues.push({ date, festival, problem: `${date} 超出${data.year}年通知可调整的范围（${lo} 至 ${hi}）` });
      return;
    }
    const prev = seen.get(date);
    if (prev) {
      issues.push({
        date,
        festival,
        problem:
          prev.off === off
            ? `${date} 重复出现（${prev.festival}、${festival}）`
            : `${date} 前后矛盾：在“${prev.festival}”中为${prev.off ? '放假' : '上班'}，在“${festival}”中为${off ? '放假' : '上班'}`,
      });
      return;
    }
    if (!off) {
      const wd = weekday(date);
      if (wd !== 0 && wd !== 6) {
        issues.push({ date, festival, problem: `${date} 是工作日（周一至周五），不能登记为调休上班日` });
        return;
      }
    }
    seen.set(date, { off, festival });
  };
  for (const fest of data.festivals) {
    if (!fest.name.trim()) issues.push({ date: null, festival: '', problem: '节日名称不能为空' });
    for (const [from, to] of fest.off) {
      if (!isValidLocalDate(from) || !isValidLocalDate(to)) {
        add(isValidLocalDate(from) ? to : from, true, fest.name);
        continue;
      }
      if (to < from) {
        issues.push({ date: from, festival: fest.name, problem: `放假区间 ${from} 至 ${to} 起止颠倒` });
        continue;
      }
      if (toOrdinal(to) - toOrdinal(from) > 31) {
        issues.push({ date: from, festival: fest.name, problem: `放假区间 ${from} 至 ${to} 超过31天，请核对` });
        continue;
      }
      for (let o = toOrdinal(from); o <= toOrdinal(to); o++) add(fromOrdinal(o), true, fest.name);
    }
    for (const w of fest.work) add(w, false, fest.name);
  }
  return issues;
}

/** Throw a Chinese 422 listing every problem when a year's data is not acceptable. */
export function assertValidYearData(data: CalendarYearData): void {
  const issues = validateYearData(data);
  if (issues.length > 0) {
    throw unprocessable(`${data.year}年节假日数据有误：${issues.map((i) => i.problem).join('；')}。未做任何修改。`, {
      issues,
    });
  }
}

export function expandYear(data: CalendarYearData): DayOverride[] {
  const out: DayOverride[] = [];
  for (const fest of data.festivals) {
    for (const [from, to] of fest.off) {
      for (let o = toOrdinal(from); o <= toOrdinal(to); o++) {
        out.push({ date: fromOrdinal(o), off: true, festival: fest.name, year: data.year });
      }
    }
    for (const w of fest.work) out.push({ date: w as LocalDate, off: false, festival: fest.name, year: data.year });
  }
  return out;
}

/** The span the index covers; dates outside it fall back to day-by-day counting. */
const INDEX_FROM = toOrdinal('1990-01-01');
const INDEX_TO = toOrdinal('2150-12-31');

/**
 * The working-day calendar with an index that answers "the n-th working day after d" in O(1):
 * `cum[i]` counts working days in [INDEX_FROM, INDEX_FROM + i) and `workOrd[k]` is the ordinal of the k-th
 * working day. Built once per calendar version (≈ 58k days, about a millisecond).
 */
export class WorkCalendar {
  private readonly overrides = new Map<number, DayOverride>();
  private readonly noticeYears: Set<number>;
  private readonly cum: Int32Array;
  private readonly workOrd: Int32Array;
  readonly years: CalendarYearData[];

  constructor(years: CalendarYearData[]) {
    // Apply years in ascending order: a later year's notice has the last word on boundary days it names.
    this.years = [...years].sort((a, b) => a.year - b.year);
    this.noticeYears = new Set(this.years.map((y) => y.year));
    for (const y of this.years) {
      for (const o of expandYear(y)) this.overrides.set(toOrdinal(o.date), o);
    }
    const n = INDEX_TO - INDEX_FROM + 1;
    this.cum = new Int32Array(n + 1);
    const work: number[] = [];
    for (let i = 0; i < n; i++) {
      const w = this.isWorkingOrdinal(INDEX_FROM + i);
      this.cum[i + 1] = this.cum[i] + (w ? 1 : 0);
      if (w) work.push(INDEX_FROM + i);
    }
    this.workOrd = Int32Array.from(work);
  }

  private isWorkingOrdinal(o: number): boolean {
    const ov = this.overrides.get(o);
    if (ov) return !ov.off;
    const wd = weekdayOfOrdinal(o);
    return wd !== 0 && wd !== 6;
  }

  isWorkingDay(d: LocalDate): boolean {
    return this.isWorkingOrdinal(toOrdinal(d));
  }

  override(d: LocalDate): DayOverride | undefined {
    return this.overrides.get(toOrdinal(d));
  }

  /** A date is provisional when no notice covers its year and no notice names the day itself. */
  isProvisional(d: LocalDate): boolean {
    return !this.noticeYears.has(yearOf(d)) && !this.overrides.has(toOrdinal(d));
  }

  hasNotice(year: number): boolean {
    return this.noticeYears.has(year);
  }

  /**
   * The n-th working day after d (n > 0; d itself is never counted), or the |n|-th working day before d
   * (n < 0). n = 0 returns d.
   */
  addWorkingDays(d: LocalDate, n: number): LocalDate {
    if (n === 0) return d;
    const o = toOrdinal(d);
    const i = o - INDEX_FROM;
    if (i >= 0 && i < this.cum.length - 1) {
      const k = n > 0 ? this.cum[i + 1] + n - 1 : this.cum[i] + n;
      if (k >= 0 && k < this.workOrd.length) return fromOrdinal(this.workOrd[k]);
    }
    return fromOrdinal(this.addWorkingNaive(o, n));
  }

  /** Day-by-day reference implementation (also the fallback outside the index). */
  addWorkingNaive(o: number, n: number): number {
    const step = n > 0 ? 1 : -1;
    let left = Math.abs(n);
    let cur = o;
    while (left > 0) {
      cur += step;
      if (this.isWorkingOrdinal(cur)) left--;
    }
    return cur;
  }

  /** Working days in (from, to], i.e. after `from` up to and including `to`; 0 when to <= from. */
  countWorkingDays(from: LocalDate, to: LocalDate): number {
    const a = toOrdinal(from);
    const b = toOrdinal(to);
    if (b <= a) return 0;
    const ia = a - INDEX_FROM;
    const ib = b - INDEX_FROM;
    if (ia >= 0 && ib < this.cum.length - 1) return this.cum[ib + 1] - this.cum[ia + 1];
    let c = 0;
    for (let o = a + 1; o <= b; o++) if (this.isWorkingOrdinal(o)) c++;
    return c;
  }

  /** The first working day on or after d. */
  nextWorkingDayOnOrAfter(d: LocalDate): LocalDate {
    return this.isWorkingDay(d) ? d : this.addWorkingDays(d, 1);
  }

  /** Notice overrides inside (from, to], in date order: used by traces. */
  overridesBetween(from: LocalDate, to: LocalDate): DayOverride[] {
    const out: DayOverride[] = [];
    const a = toOrdinal(from);
    const b = toOrdinal(to);
    if (b - a > 4000) {
      for (const [o, ov] of this.overrides) if (o > a && o <= b) out.push(ov);
      return out.sort((x, y) => (x.date < y.date ? -1 : 1));
    }
    for (let o = a + 1; o <= b; o++) {
      const ov = this.overrides.get(o);
      if (ov) out.push(ov);
    }
    return out;
  }

  /** Years in (from, to] that have no notice: the result there is provisional. */
  provisionalYearsBetween(from: LocalDate, to: LocalDate): number[] {
    const out: number[] = [];
    for (let y = yearOf(from); y <= yearOf(to); y++) if (!this.noticeYears.has(y)) out.push(y);
    return out;
  }
}
