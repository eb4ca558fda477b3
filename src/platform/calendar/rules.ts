import { AppError, unprocessable } from '../errors.js';
import { DEFAULT_RULES } from './data/rule-pack.js';
import type { DurationUnit, RuleKind } from './calendar.contract.js';

/**
 * How a period is counted (DurationUnit, in the contract). Working days follow the State Council notices
 * (行政处罚法 Art 85, 行政复议法 Art 88, 政府信息公开条例 "工作日"); calendar days, months and years follow
 * 民事诉讼法 Art 85 / 民法典 Arts 201–203.
 */

/**
 * within:     the act must happen by the due date (trigger + period).
 * minimum:    a period that must last at least this long (public comment ≥ 30 days).
 * before:     the act must happen at least this long before an event (hearing notice 7 days before).
 * fixed_date: the act must happen by a date of the year following the trigger (annual report by 1 April).
 */
export type { DurationUnit, RuleKind };

export interface StatutoryRule {
  id: string;
  label: string;
  kind: RuleKind;
  amount: number;
  unit: DurationUnit;
  /** fixed_date rules: 'MM-DD'. */
  fixedMonthDay?: string;
  /** What the trigger date is, in words ("立案之日"). */
  trigger: string;
  legalBasis: string;
  /** The most an approved extension may add, in `unit`; null when the law allows none. */
  maxExtension: number | null;
  /** Whether pauses (补正, 中止, hearing, appraisal, consultation) stop the clock. */
  pausable: boolean;
  /** True for values marked [B] (not verified against the official text): administrators may change them. */
  configurable: boolean;
  /** Module that mainly uses it (for grouping in the calculator). */
  area: string;
  note?: string;
  /**
   * For a configurable rule whose national value is verified while a local one is not (e.g. 沪府令35号 may set
   * longer periods than the State Council's regulation): the statutory floor no setting may go below.
   */
  floor?: { amount: number; unit: DurationUnit; basis: string };
}

const UNIT_ZH: Record<DurationUnit, string> = {
  calendar_days: '日',
  working_days: '个工作日',
  months: '个月',
  years: '年',
};
export const unitZh = (u: DurationUnit) => UNIT_ZH[u];

/** The live rule pack, keyed by id. Configurable entries may differ from DEFAULT_RULES after configureRule. */
const live = new Map<string, StatutoryRule>(DEFAULT_RULES.map((x) => [x.id, { ...x }]));

/** Every rule id other modules may use. */
export const RULE_IDS = DEFAULT_RULES.map((x) => x.id);

/** The current rule pack (a snapshot). */
export function listRules(): StatutoryRule[] {
  return [...live.values()].map((x) => ({ ...x }));
}

/** Read-only view used as `RULES[id]`. */
export const RULES: Readonly<Record<string, StatutoryRule>> = new Proxy({} as Record<string, StatutoryRule>, {
  get: (_t, id: string) => live.get(id),
  has: (_t, id: string) => live.has(id),
  ownKeys: () => [...live.keys()],
  getOwnPropertyDescriptor: (_t, id: string) =>
    live.has(id) ? { enumerable: true, configurable: true, value: live.get(id) } : undefined,
});

export function defaultRule(id: string): StatutoryRule | undefined {
  const d = DEFAULT_RULES.find((x) => x.id === id);
  return d ? { ...d } : undefined;
}

export function getRule(id: string): StatutoryRule {
  const rule = live.get(id);
  if (!rule) {
    throw new AppError('bad_request', `期限规则“${id}”不存在：请从规则列表中选择（例如 penalty.decision）`, {
      field: 'ruleId',
      value: id,
    });
  }
  return rule;
}

export interface RuleSetting {
  amount?: number;
  /** Some [B] questions are about how a period counts, not how long it is (e.g. are hearing materials due 7
   * calendar days or 7 working days before?), so the counting unit is configurable too. */
  unit?: DurationUnit;
  maxExtension?: number | null;
  fixedMonthDay?: string;
}

const UNITS: readonly DurationUnit[] = ['calendar_days', 'working_days', 'months', 'years'];

/** Validate a setting for a configurable rule; returns the rule as it would be. Pure. */
export function applyRuleSetting(id: string, s: RuleSetting): StatutoryRule {
  const base = defaultRule(id);
  if (!base) getRule(id);
  const rule = { ...(base as StatutoryRule) };
  if (!rule.configurable) {
    throw unprocessable(`规则“${rule.label}”的期限由法律明确规定，不能修改`, { ruleId: id });
  }
  if (s.amount !== undefined) {
    if (rule.kind === 'fixed_date')
      throw unprocessable('固定日期规则请修改“截止月日”，而不是天数', { field: 'amount' });
    if (!Number.isInteger(s.amount) || s.amount < 1 || s.amount > 3650) {
      throw unprocessable('期限天数应为 1 至 3650 之间的整数', { field: 'amount', value: s.amount });
    }
    rule.amount = s.amount;
  }
  if (s.unit !== undefined) {
    if (rule.kind === 'fixed_date')
      throw unprocessable('固定日期规则没有计算单位，请修改“截止月日”', { field: 'unit' });
    if (!UNITS.includes(s.unit)) {
      throw unprocessable('计算单位应为 日、工作日、月 或 年 之一', { field: 'unit', value: s.unit });
    }
    rule.unit = s.unit;
  }
  if (s.maxExtension !== undefined) {
    if (s.maxExtension !== null && (!Number.isInteger(s.maxExtension) || s.maxExtension < 1 || s.maxExtension > 3650)) {
      throw unprocessable('最长延长期应为 1 至 3650 之间的整数，或留空表示不得延长', { field: 'maxExtension' });
    }
    rule.maxExtension = s.maxExtension;
  }
  if (s.fixedMonthDay !== undefined) {
    if (rule.kind !== 'fixed_date') throw unprocessable('只有固定日期规则可以设置截止月日', { field: 'fixedMonthDay' });
    const m = /^(\d{2})-(\d{2})$/.exec(s.fixedMonthDay);
    const ok =
      m &&
      Number(m[1]) >= 1 &&
      Number(m[1]) <= 12 &&
      Number(m[2]) >= 1 &&
      Number(m[2]) <= (Number(m[1]) === 2 ? 28 : new Date(Date.UTC(2001, Number(m[1]), 0)).getUTCDate());
    if (!ok)
      throw unprocessable('截止月日格式应为“MM-DD”且为每年都存在的日期（例如 03-01）', {
        field: 'fixedMonthDay',
        value: s.fixedMonthDay,
      });
    rule.fixedMonthDay = s.fixedMonthDay;
  }
  if (rule.floor) checkFloor(rule, rule.floor);
  return rule;
}

/**
 * A configured period may lengthen a statutory minimum, never shorten it. A working day is never shorter than a
 * calendar day, so N working days satisfy an N-calendar-day floor; the reverse does not hold, so a working-day
 * floor stays in working days.
 */
function checkFloor(rule: StatutoryRule, floor: NonNullable<StatutoryRule['floor']>): void {
  const unitOk = rule.unit === floor.unit || (floor.unit === 'calendar_days' && rule.unit === 'working_days');
  if (!unitOk || rule.amount < floor.amount) {
    throw unprocessable(
      `规则“${rule.label}”不得短于${floor.basis}规定的${floor.amount}${UNIT_ZH[floor.unit]}，只能设置为更长的期间`,
      { field: 'amount', floor },
    );
  }
}

/** Make a validated setting live (after it has been stored). */
export function configureRule(id: string, s: RuleSetting): StatutoryRule {
  const rule = applyRuleSetting(id, s);
  live.set(id, rule);
  return { ...rule };
}

/** Back to the documented defaults (tests, and settings removed from the database). */
export function resetRules(): void {
  live.clear();
  for (const d of DEFAULT_RULES) live.set(d.id, { ...d });
}
