/**
 * The calendar contract: the statutory periods (rules), the holiday calendar and the deadlines registered on
 * records, as the API sends them. The response schemas (calendar.schemas.ts) are typed against these, so the
 * workbench's and the portal's types cannot drift from what the server sends. Pure types (the web app bundles it).
 */

/** How a rule counts: within a period, at least a period, a period before an event, or a fixed day each year. */
export type RuleKind = 'within' | 'minimum' | 'before' | 'fixed_date';
export type DurationUnit = 'calendar_days' | 'working_days' | 'months' | 'years';

export interface DeadlineRuleDto {
  id: string;
  label: string;
  kind: RuleKind;
  amount: number;
  unit: DurationUnit;
  unitLabel: string;
  fixedMonthDay: string | null;
  trigger: string;
  legalBasis: string;
  maxExtension: number | null;
  pausable: boolean;
  configurable: boolean;
  area: string;
  note: string | null;
  /** The documented default (RULES.md), so a changed [B] value is always shown beside what it replaced. */
  defaults: {
    amount: number;
    unit: DurationUnit;
    maxExtension: number | null;
    fixedMonthDay: string | null;
  };
  changed: boolean;
  /** The statutory floor a configured value may not go below. */
  floor: {
    amount: number;
    unit: DurationUnit;
    basis: string;
  } | null;
}

export interface ComputeResultDto {
  ruleId: string;
  kind: RuleKind;
  due: string | null;
  latest: string | null;
  latestWorkingDay: string | null;
  minimumEnd: string | null;
  ok: boolean | null;
  trace: string;
  provisional: boolean;
}

export interface HolidayYearDto {
  id: string;
  year: number;
  version: number;
  current: boolean;
  source: 'builtin' | 'admin';
  notices: {
    number: string;
    title: string;
    issuedOn: string;
    url?: string | null;
  }[];
  festivals: {
    name: string;
    off: [string, string][];
    work: string[];
  }[];
  note: string | null;
  createdAt: string;
}

export interface CalendarDayDto {
  date: string;
  working: boolean;
  kind: 'workday' | 'weekend' | 'holiday' | 'makeup';
  festival: string | null;
}

export interface DeadlineDto {
  id: string;
  entityKind: string;
  entityId: string;
  ruleId: string;
  ruleLabel: string;
  legalBasis: string;
  label: string | null;
  orgId: string;
  triggerDate: string;
  dueDate: string | null;
  trace: string;
  provisional: boolean;
  status: 'open' | 'paused' | 'closed';
  alert: 'none' | 'due_soon' | 'overdue';
  extensionDays: number;
  pauses: {
    from: string;
    to: string | null;
    reason: string;
  }[];
  extensions: {
    days: number;
    approverName: string;
    reason: string;
    at: string;
  }[];
  closedOn: string | null;
  met: boolean | null;
  abilities: Record<string, boolean>;
}

/** A deadline as the portal shows it (no people, no abilities). */
export type PublicDeadlineDto = Pick<
  DeadlineDto,
  'ruleId' | 'ruleLabel' | 'legalBasis' | 'label' | 'triggerDate' | 'dueDate' | 'trace' | 'provisional' | 'status'
>;

/** Overdue and due-soon deadlines of one unit. */
export interface OverdueGroupDto {
  orgId: string;
  orgName: string;
  overdue: number;
  dueSoon: number;
  items: DeadlineDto[];
}
