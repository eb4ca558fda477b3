import type { Generated } from 'kysely';
import { registerAuditLabels } from '../audit/catalog.js';
import type { Json } from '../db/schema.js';
import type { FestivalArrangement, HolidayNotice } from './data/notices.js';

export interface StoredPause {
  from: string;
  /** null while the pause is still running. */
  to: string | null;
  reason: string;
}

export interface StoredExtension {
  days: number;
  approverName: string;
  reason: string;
  at: string;
  byUserId: string | null;
}

export interface CalendarYearTable {
  id: Generated<string>;
  year: number;
  version: number;
  notices: Json<HolidayNotice[]>;
  festivals: Json<FestivalArrangement[]>;
  note: string | null;
  source: 'builtin' | 'admin';
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface CalendarRuleSettingTable {
  rule_id: string;
  setting: Json<{ amount?: number; maxExtension?: number | null; fixedMonthDay?: string }>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface DeadlineTable {
  id: Generated<string>;
  entity_kind: string;
  entity_id: string;
  rule_id: string;
  label: string | null;
  org_id: string;
  trigger_date: string;
  pauses: Json<StoredPause[]>;
  extensions: Json<StoredExtension[]>;
  extension_days: Generated<number>;
  due_date: string | null;
  /** For "at least N days" rules: the end date the unit chose (checked against the minimum). */
  fixed_due_date: Generated<string | null>;
  /** For a minimum period shortened by law-permitted exception: the reason shown with it. */
  shortened_reason: Generated<string | null>;
  trace: string;
  provisional: Generated<boolean>;
  status: Generated<'open' | 'paused' | 'closed'>;
  alert: Generated<'none' | 'due_soon' | 'overdue'>;
  responsible_user_ids: Json<string[]>;
  closed_on: string | null;
  closed_at: Date | null;
  met: boolean | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

declare module '../db/schema.js' {
  interface Database {
    calendar_years: CalendarYearTable;
    calendar_rule_settings: CalendarRuleSettingTable;
    deadlines: DeadlineTable;
  }
}

declare module '../audit/catalog.js' {
  interface AuditCatalog {
    'calendar.year_published': { year: number; version: number; notices: string[]; overrides: number };
    'calendar.rule_configured': { ruleId: string; before: Record<string, unknown>; after: Record<string, unknown> };
    'deadline.registered': {
      ruleId: string;
      entityKind: string;
      entityId: string;
      triggerDate: string;
      dueDate: string;
      pauses?: number;
      extensionDays?: number;
    };
    'deadline.closed': { ruleId: string; dueDate: string | null; closedOn: string; met: boolean | null };
    'deadline.paused': { ruleId: string; from: string; reason: string };
    'deadline.resumed': { ruleId: string; from: string; to: string; dueDate: string };
    'deadline.extended': {
      ruleId: string;
      days: number;
      totalDays: number;
      approverName: string;
      reason: string;
      from: string;
      to: string;
    };
    'deadline.recomputed': { ruleId: string; from: string | null; to: string; provisional: boolean; cause: string };
    'deadline.flagged': { ruleId: string; alert: 'due_soon' | 'overdue'; dueDate: string };
    'deadline.recompute_failed': { ruleId: string; dueDate: string | null; cause: string; reason: string };
  }
}

registerAuditLabels({
  'calendar.year_published': '发布节假日安排',
  'calendar.rule_configured': '修改期限规则参数',
  'deadline.registered': '登记法定期限',
  'deadline.closed': '办结法定期限',
  'deadline.paused': '期限暂停计算',
  'deadline.resumed': '期限恢复计算',
  'deadline.extended': '批准延长期限',
  'deadline.recomputed': '重新计算届满日',
  'deadline.flagged': '期限预警',
  'deadline.recompute_failed': '期限未能按新规则重算（保留原届满日）',
});
