import { badRequest, unprocessable } from '../errors.js';
import { getCalendar } from './active.js';
import {
  addCalendarDays,
  addMonths,
  formatZh,
  type LocalDate,
  parseLocalDate,
  toOrdinal,
  weekday,
  yearOf,
} from './localdate.js';
import { type DurationUnit, getRule, type StatutoryRule, unitZh } from './rules.js';
import type { WorkCalendar } from './workcalendar.js';
import { breakdownDays, holidaysText, workingDaysLine } from './explain.js';

/** A stretch of days that does not count (补正, 中止, hearing, appraisal, third-party consultation). Inclusive. */
export interface Pause {
  from: LocalDate;
  to: LocalDate;
  reason: string;
}

export interface ComputeOptions {
  pauses?: Pause[];
  /** Approved extension, in the rule's unit. */
  extensionDays?: number;
}

export interface DueResult {
  ruleId: string;
  due: LocalDate;
  trace: string;
  /** True when a year the period touches has no holiday notice yet (weekends only). */
  provisional: boolean;
  provisionalYears: number[];
}

const PAUSE_REASON_MAX = 200;

/** Check pauses against a rule and a trigger: real dates, forwards, after the trigger, no overlaps. */
export function validatePauses(rule: StatutoryRule, trigger: LocalDate, pauses: Pause[]): Pause[] {
  if (pauses.length === 0) return [];
  if (!rule.pausable) {
    throw unprocessable(`规则“${rule.label}”的期限依法不因中止、补正等情形暂停，不能登记暂停期间`, {
      field: 'pauses',
    });
  }
  const checked = pauses.map((p, i) => {
    const from = parseLocalDate(p.from, `第${i + 1}个暂停期间的开始日期`);
    const to = parseLocalDate(p.to, `第${i + 1}个暂停期间的结束日期`);
    if (to < from) {
      throw unprocessable(`第${i + 1}个暂停期间起止颠倒：结束日期 ${to} 早于开始日期 ${from}，请交换或更正`, {
        field: `pauses.${i}`,
      });
    }
    if (from <= trigger) {
      throw unprocessable(`第${i + 1}个暂停期间应晚于起算日 ${trigger} 开始（当前为 ${from}）`, {
        field: `pauses.${i}.from`,
      });
    }
    const reason = String(p.reason ?? '').trim();
    if (!reason || reason.length > PAUSE_REASON_MAX) {
      throw badRequest(`第${i + 1}个暂停期间须写明事由（1至${PAUSE_REASON_MAX}字），例如“补正材料”“中止审理”`, {
        field: `pauses.${i}.reason`,
      });
    }
    return { from, to, reason };
  });
  const sorted = [...checked].sort((a, b) => (a.from < b.from ? -1 : 1));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].from <= sorted[i - 1].to) {
      throw unprocessable(
        `暂停期间重叠：${sorted[i - 1].from} 至 ${sorted[i - 1].to} 与 ${sorted[i].from} 至 ${sorted[i].to} 有重合日期，请合并为一个期间`,
        { field: 'pauses' },
      );
    }
  }
  return sorted;
}

export function validateExtension(rule: StatutoryRule, ext: number): number {
  if (!Number.isInteger(ext) || ext < 0) {
    throw badRequest('延长期限应为不小于 0 的整数', { field: 'extensionDays', value: ext });
  }
  if (ext === 0) return 0;
  if (rule.maxExtension === null) {
    throw unprocessable(`规则“${rule.label}”依法不能延长期限`, { field: 'extensionDays', value: ext });
  }
  if (ext > rule.maxExtension) {
    throw unprocessable(
      `延长期限超出法定上限：“${rule.label}”最多可延长${rule.maxExtension}${unitZh(rule.unit)}，本次合计申请${ext}${unitZh(rule.unit)}`,
      { field: 'extensionDays', value: ext, max: rule.maxExtension },
    );
  }
  return ext;
}

/** Add n units of a day-counted unit (start day not counted). */
function addUnits(cal: WorkCalendar, d: LocalDate, n: number, unit: DurationUnit): LocalDate {
  return unit === 'working_days' ? cal.addWorkingDays(d, n) : addCalendarDays(d, n);
}

/** Units in (from, to]. */
function countUnits(cal: WorkCalendar, from: LocalDate, to: LocalDate, unit: DurationUnit): number {
  return unit === 'working_days' ? cal.countWorkingDays(from, to) : Math.max(0, toOrdinal(to) - toOrdinal(from));
}

/**
 * The n-th countable day after `start`: days inside pauses are skipped. Each pause is jumped in O(1) with the
 * index, so the cost is O(pauses), not O(days).
 */
function advance(cal: WorkCalendar, start: LocalDate, n: number, unit: DurationUnit, pauses: Pause[]): LocalDate {
  let cur = start;
  let left = n;
  for (const p of pauses) {
    if (p.to <= cur) continue;
    const cand = addUnits(cal, cur, left, unit);
    if (cand < p.from) return cand;
    const before = p.from > cur ? countUnits(cal, cur, addCalendarDays(p.from, -1), unit) : 0;
    left -= before;
    cur = p.to;
  }
  return addUnits(cal, cur, left, unit);
}

/** Months/years: the corresponding day (民法典 Art 202), then paused calendar days are added on. */
function advanceMonths(start: LocalDate, months: number, pauses: Pause[]): LocalDate {
  let end = addMonths(start, months);
  let counted = 0;
  for (const p of pauses) {
    if (p.from > end) break;
    counted += toOrdinal(p.to) - toOrdinal(p.from) + 1;
    end = addCalendarDays(addMonths(start, months), counted);
  }
  return end;
}

function describeDay(cal: WorkCalendar, d: LocalDate): string {
  const ov = cal.override(d);
  if (ov?.off) return `${ov.festival}假期`;
  const wd = weekday(d);
  return wd === 0 || wd === 6 ? '休息日' : '工作日';
}

function provisionalNote(years: number[]): string {
  return `注意：${years.join('、')}年的节假日安排通知尚未发布，相关日期暂按周六、周日休息推算，属临时计算结果；通知发布并录入后将自动重新计算。`;
}

/** The due date of a `within` rule (and the machinery for the others), with a readable trace. */
export function computeDue(
  ruleId: string,
  triggerDate: LocalDate | string,
  opts: ComputeOptions = {},
  cal: WorkCalendar = getCalendar(),
): DueResult {
  const rule = getRule(ruleId);
  const trigger = parseLocalDate(triggerDate, '起算日');
  if (rule.kind === 'fixed_date') return computeFixedDate(rule, trigger, cal);
  if (rule.kind === 'before') {
    throw unprocessable(`规则“${rule.label}”是“提前期”规则，请使用“最迟日期”计算（latestDateBefore）`, { ruleId });
  }
  const pauses = validatePauses(rule, trigger, opts.pauses ?? []);
  const ext = validateExtension(rule, opts.extensionDays ?? 0);
  const total = rule.amount + ext;
  const lines: string[] = [];
  lines.push(`规则：${rule.label}（${rule.legalBasis}）。`);
  lines.push(`起算：${rule.trigger}为${formatZh(trigger)}，当日不计入，自次日起算。`);
  lines.push(
    ext > 0
      ? `期间：法定${rule.amount}${unitZh(rule.unit)}，经批准延长${ext}${unitZh(rule.unit)}，合计${total}${unitZh(rule.unit)}。`
      : `期间：${rule.amount}${unitZh(rule.unit)}。`,
  );

  let raw: LocalDate;
  if (rule.unit === 'months' || rule.unit === 'years') {
    raw = advanceMonths(trigger, rule.unit === 'years' ? total * 12 : total, pauses);
  } else {
    raw = advance(cal, trigger, total, rule.unit, pauses);
  }
  for (const p of pauses) {
    const days = toOrdinal(p.to) - toOrdinal(p.from) + 1;
    const work = cal.countWorkingDays(addCalendarDays(p.from, -1), p.to);
    lines.push(
      `暂停：${p.reason}，${formatZh(p.from, false)}至${formatZh(p.to, false)}共${days}天${rule.unit === 'working_days' ? `（其中工作日${work}天）` : ''}不计入期限。`,
    );
  }
  if (rule.unit === 'working_days') {
    const inPause = (d: LocalDate) => pauses.some((p) => p.from <= d && d <= p.to);
    lines.push(workingDaysLine(breakdownDays(cal, trigger, raw, inPause)));
  } else {
    const skipped = holidaysText(cal, trigger, raw);
    const listed = skipped.length > 0 && skipped.length <= 4 ? `（${skipped.join('、')}）` : '';
    lines.push(
      skipped.length ? `按日历日计算：期间内的法定节假日${listed}照常计入。` : '按日历日计算：期间内的休息日照常计入。',
    );
  }
  let due = raw;
  if (rule.unit !== 'working_days' && !cal.isWorkingDay(raw)) {
    due = cal.nextWorkingDayOnOrAfter(raw);
    lines.push(
      `期间最后一日${formatZh(raw)}为${describeDay(cal, raw)}，依照《民事诉讼法》第八十五条顺延至节假日后的第一个工作日。`,
    );
  }
  lines.push(`届满日：${formatZh(due)}。`);
  const provisionalYears = cal.provisionalYearsBetween(trigger, due);
  if (provisionalYears.length) lines.push(provisionalNote(provisionalYears));
  return { ruleId, due, trace: lines.join('\n'), provisional: provisionalYears.length > 0, provisionalYears };
}

function computeFixedDate(rule: StatutoryRule, trigger: LocalDate, cal: WorkCalendar): DueResult {
  const y = yearOf(trigger);
  const due = `${y + 1}-${rule.fixedMonthDay}` as LocalDate;
  const lines = [
    `规则：${rule.label}（${rule.legalBasis}）。`,
    `${y}年度的事项应于次年${formatZh(due, false).replace(/^\d+年/, '')}前完成。`,
    '该期限为固定日期，不因节假日顺延。',
    `届满日：${formatZh(due)}。`,
  ];
  const provisionalYears = cal.hasNotice(y + 1) ? [] : [y + 1];
  if (provisionalYears.length) lines.push(provisionalNote(provisionalYears));
  return { ruleId: rule.id, due, trace: lines.join('\n'), provisional: provisionalYears.length > 0, provisionalYears };
}

export interface MinimumCheck {
  ok: boolean;
  minimumEnd: LocalDate;
  /** Days of the rule's unit in (start, end]. */
  actual: number;
  trace: string;
  provisional: boolean;
}

/**
 * Is the period from `start` (not counted) to `end` (inclusive) at least as long as a `minimum` rule asks?
 * A calendar-day minimum whose last day is a holiday runs on to the next working day, so the earliest
 * lawful end is that working day.
 */
export function checkMinimumPeriod(
  ruleId: string,
  start: LocalDate | string,
  end: LocalDate | string,
  cal: WorkCalendar = getCalendar(),
): MinimumCheck {
  const rule = getRule(ruleId);
  if (rule.kind !== 'minimum') {
    throw unprocessable(`规则“${rule.label}”不是“不少于”类期间，不能用于检查期间长度`, { ruleId });
  }
  const s = parseLocalDate(start, '开始日期');
  const e = parseLocalDate(end, '截止日期');
  if (e < s) throw unprocessable(`截止日期 ${e} 早于开始日期 ${s}，请更正`, { field: 'end' });
  const due = computeDue(ruleId, s, {}, cal);
  const actual = countUnits(cal, s, e, rule.unit === 'working_days' ? 'working_days' : 'calendar_days');
  const ok = e >= due.due;
  const lines = [
    `规则：${rule.label}不少于${rule.amount}${unitZh(rule.unit)}（${rule.legalBasis}）。`,
    `自${formatZh(s)}次日起至${formatZh(e)}止，共${actual}${unitZh(rule.unit === 'working_days' ? 'working_days' : 'calendar_days')}。`,
    `最早可截止于${formatZh(due.due)}。`,
    ok ? '结论：期间长度符合要求。' : `结论：期间不足，请将截止日期延至${formatZh(due.due)}或以后。`,
  ];
  if (due.provisional) lines.push(provisionalNote(due.provisionalYears));
  return { ok, minimumEnd: due.due, actual, trace: lines.join('\n'), provisional: due.provisional };
}

export interface BeforeResult {
  latest: LocalDate;
  /** The last working day on or before `latest` (when latest falls on a day off). */
  latestWorkingDay: LocalDate;
  trace: string;
  provisional: boolean;
}

/**
 * For "N days before the event" rules: the last date on which the act is still in time, i.e. the last X
 * with at least N counted days in (X, event]. 听证会 on 2026-03-20 with 7 working days → notify by X.
 */
export function latestDateBefore(
  ruleId: string,
  eventDate: LocalDate | string,
  cal: WorkCalendar = getCalendar(),
): BeforeResult {
  const rule = getRule(ruleId);
  if (rule.kind !== 'before') {
    throw unprocessable(`规则“${rule.label}”不是“提前期”规则，请使用期限计算`, { ruleId });
  }
  const event = parseLocalDate(eventDate, '事件日期');
  let latest: LocalDate;
  if (rule.unit === 'working_days') {
    // The N-th working day counted back from the event day inclusive; the act may come on the day before it.
    latest = addCalendarDays(cal.addWorkingDays(addCalendarDays(event, 1), -rule.amount), -1);
  } else {
    latest = addCalendarDays(event, -rule.amount);
  }
  const latestWorkingDay = cal.isWorkingDay(latest) ? latest : cal.addWorkingDays(latest, -1);
  const lines = [
    `规则：${rule.label}，应在${rule.trigger}${rule.amount}${unitZh(rule.unit)}前（${rule.legalBasis}）。`,
    `${rule.trigger}：${formatZh(event)}。`,
    `发出之日不计入，自次日起至${formatZh(event, false)}应满${rule.amount}${unitZh(rule.unit)}。`,
    `最迟日期：${formatZh(latest)}。`,
  ];
  if (latestWorkingDay !== latest)
    lines.push(`该日为${describeDay(cal, latest)}，如需在工作日办理，最迟为${formatZh(latestWorkingDay)}。`);
  const provisionalYears = cal.provisionalYearsBetween(latestWorkingDay, event);
  if (provisionalYears.length) lines.push(provisionalNote(provisionalYears));
  return { latest, latestWorkingDay, trace: lines.join('\n'), provisional: provisionalYears.length > 0 };
}
