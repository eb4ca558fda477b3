import { z } from '../http/zod.js';
import type * as C from './calendar.contract.js';

/** A 'YYYY-MM-DD' text; whether the date is real is checked by parseLocalDate (one Chinese message). */
export const DateText = (label: string) =>
  z.string({ error: `请填写${label}` }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label}格式应为 YYYY-MM-DD` });

export const RuleDto: z.ZodType<C.DeadlineRuleDto> = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['within', 'minimum', 'before', 'fixed_date']),
  amount: z.number(),
  unit: z.enum(['calendar_days', 'working_days', 'months', 'years']),
  unitLabel: z.string(),
  fixedMonthDay: z.string().nullable(),
  trigger: z.string(),
  legalBasis: z.string(),
  maxExtension: z.number().nullable(),
  pausable: z.boolean(),
  configurable: z.boolean(),
  area: z.string(),
  note: z.string().nullable(),
  /** The documented default (RULES.md), so a changed [B] value is always shown beside what it replaced. */
  defaults: z.object({
    amount: z.number(),
    unit: z.enum(['calendar_days', 'working_days', 'months', 'years']),
    maxExtension: z.number().nullable(),
    fixedMonthDay: z.string().nullable(),
  }),
  changed: z.boolean(),
  /** The statutory floor a configured value may not go below. */
  floor: z
    .object({
      amount: z.number(),
      unit: z.enum(['calendar_days', 'working_days', 'months', 'years']),
      basis: z.string(),
    })
    .nullable(),
});

export const PauseInput = z.strictObject({
  from: DateText('暂停开始日期'),
  to: DateText('暂停结束日期'),
  reason: z.string({ error: '请填写暂停事由' }).trim().min(1, { error: '请填写暂停事由' }).max(200),
});

export const ComputeBody = z.strictObject({
  ruleId: z.string({ error: '请选择期限规则' }).min(1, { error: '请选择期限规则' }).max(80),
  date: DateText('起算日（或事件日期）'),
  endDate: DateText('截止日期').optional(),
  pauses: z.array(PauseInput).max(20, { error: '暂停期间最多20个' }).optional(),
  extensionDays: z.number().int({ error: '延长天数应为整数' }).min(0).max(3650).optional(),
});

export const ComputeResult: z.ZodType<C.ComputeResultDto> = z.object({
  ruleId: z.string(),
  kind: z.enum(['within', 'minimum', 'before', 'fixed_date']),
  due: z.string().nullable(),
  latest: z.string().nullable(),
  latestWorkingDay: z.string().nullable(),
  minimumEnd: z.string().nullable(),
  ok: z.boolean().nullable(),
  trace: z.string(),
  provisional: z.boolean(),
});

export const NoticeInput = z.strictObject({
  number: z.string({ error: '请填写发文字号' }).trim().min(1, { error: '请填写发文字号' }).max(80),
  title: z.string({ error: '请填写通知标题' }).trim().min(1, { error: '请填写通知标题' }).max(200),
  issuedOn: DateText('成文日期'),
  url: z.string().url({ error: '原文链接应为网址' }).max(500).nullable().optional(),
});

export const FestivalInput = z.strictObject({
  name: z.string({ error: '请填写节日名称' }).trim().min(1, { error: '请填写节日名称' }).max(40),
  off: z.array(z.tuple([DateText('放假开始日期'), DateText('放假结束日期')])).max(10),
  work: z.array(DateText('调休上班日')).max(10),
});

export const YearBody = z.strictObject({
  notices: z.array(NoticeInput).min(1, { error: '至少登记一份通知' }).max(10),
  festivals: z.array(FestivalInput).min(1, { error: '至少登记一个节日安排' }).max(20),
  note: z.string().max(500).nullable().optional(),
});

export const YearDto: z.ZodType<C.HolidayYearDto> = z.object({
  id: z.string(),
  year: z.number(),
  version: z.number(),
  current: z.boolean(),
  source: z.enum(['builtin', 'admin']),
  notices: z.array(
    z.object({ number: z.string(), title: z.string(), issuedOn: z.string(), url: z.string().nullable().optional() }),
  ),
  festivals: z.array(
    z.object({ name: z.string(), off: z.array(z.tuple([z.string(), z.string()])), work: z.array(z.string()) }),
  ),
  note: z.string().nullable(),
  createdAt: z.string(),
});

export const DayDto: z.ZodType<C.CalendarDayDto> = z.object({
  date: z.string(),
  working: z.boolean(),
  kind: z.enum(['workday', 'weekend', 'holiday', 'makeup']),
  festival: z.string().nullable(),
});

export const DeadlineDto = z.object({
  id: z.string(),
  entityKind: z.string(),
  entityId: z.string(),
  ruleId: z.string(),
  ruleLabel: z.string(),
  legalBasis: z.string(),
  label: z.string().nullable(),
  orgId: z.string(),
  triggerDate: z.string(),
  dueDate: z.string().nullable(),
  trace: z.string(),
  provisional: z.boolean(),
  status: z.enum(['open', 'paused', 'closed']),
  alert: z.enum(['none', 'due_soon', 'overdue']),
  extensionDays: z.number(),
  pauses: z.array(z.object({ from: z.string(), to: z.string().nullable(), reason: z.string() })),
  extensions: z.array(z.object({ days: z.number(), approverName: z.string(), reason: z.string(), at: z.string() })),
  closedOn: z.string().nullable(),
  met: z.boolean().nullable(),
  abilities: z.record(z.string(), z.boolean()),
}) satisfies z.ZodType<C.DeadlineDto>;

export const PublicDeadlineDto: z.ZodType<C.PublicDeadlineDto> = DeadlineDto.pick({
  ruleId: true,
  ruleLabel: true,
  legalBasis: true,
  label: true,
  triggerDate: true,
  dueDate: true,
  trace: true,
  provisional: true,
  status: true,
});

export const RuleSettingBody = z.strictObject({
  amount: z.number().int().min(1).max(3650).optional(),
  unit: z
    .enum(['calendar_days', 'working_days', 'months', 'years'], {
      error: '计算单位应为 calendar_days、working_days、months 或 years',
    })
    .optional(),
  maxExtension: z.number().int().min(1).max(3650).nullable().optional(),
  fixedMonthDay: z
    .string()
    .regex(/^\d{2}-\d{2}$/, { error: '截止月日格式应为 MM-DD' })
    .optional(),
});

export const OverdueGroupDto: z.ZodType<C.OverdueGroupDto> = z.object({
  orgId: z.string(),
  orgName: z.string(),
  overdue: z.number(),
  dueSoon: z.number(),
  items: z.array(DeadlineDto),
});
