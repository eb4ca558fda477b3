/**
 * The statutory calendar and deadline engine (法定期限). Other modules import only from here.
 *
 *   registerDeadline(trx, ctx, { entityKind: 'enforcement_case', entityId, ruleId: 'penalty.decision',
 *                                triggerDate: filedOn, orgId })
 */
import './calendar.tables.js';

export { builtinCalendar, getCalendar, setCalendar } from './active.js';
export type { CalendarYearData, FestivalArrangement, HolidayNotice } from './data/notices.js';
export { BUILTIN_CALENDAR } from './data/notices.js';
export {
  type BeforeResult,
  checkMinimumPeriod,
  type ComputeOptions,
  computeDue,
  type DueResult,
  latestDateBefore,
  type MinimumCheck,
  type Pause,
} from './engine.js';
export {
  closeDeadline,
  closeDeadlinesFor,
  type DeadlineRow,
  listDeadlinesFor,
  type RegisterDeadlineInput,
  recomputeOpenDeadlines,
  registerDeadline,
} from './deadlines.js';
export { extendDeadline, pauseDeadline, resumeDeadline } from './deadline-changes.js';
export {
  addMonths,
  compareDates,
  formatZh,
  isValidLocalDate,
  type LocalDate,
  parseLocalDate,
  toLocalDate,
  today,
} from './localdate.js';
export { getRule, listRules, RULE_IDS, RULES, type StatutoryRule, type DurationUnit, type RuleKind } from './rules.js';
export { loadCalendar, publishCalendarYear } from './store.js';
export { runDeadlineSweep } from './sweep.js';
export { registerPublicDeadlineKind } from './public-kinds.js';

import { getCalendar } from './active.js';
import { addCalendarDays as addDays, type LocalDate as LD, parseLocalDate as parse } from './localdate.js';

/** Calendar days after d (negative: before). The start day is not counted. */
export function addCalendarDays(d: LD | string, n: number): LD {
  return addDays(parse(d), n);
}

/** The n-th working day after d (negative n: before), by the live holiday calendar. */
export function addWorkingDays(d: LD | string, n: number): LD {
  return getCalendar().addWorkingDays(parse(d), n);
}

/** Is d a working day (weekday not a holiday, or a make-up Saturday/Sunday)? */
export function isWorkingDay(d: LD | string): boolean {
  return getCalendar().isWorkingDay(parse(d));
}

/** Is d's working-day status provisional (its year has no notice yet)? */
export function isProvisionalDate(d: LD | string): boolean {
  return getCalendar().isProvisional(parse(d));
}
