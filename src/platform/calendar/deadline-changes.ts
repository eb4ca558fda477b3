// Changes to a running deadline — pauses, resumption, approved extensions — each audited with the deadline.
import type { RequestCtx } from '../access/actor.js';
import { nowOf } from '../clock.js';
import type { Executor } from '../db/engine.js';
import { badRequest, conflict, unprocessable } from '../errors.js';
import { validateExtension } from './engine.js';
import { addCalendarDays, type LocalDate, parseLocalDate } from './localdate.js';
import { getRule } from './rules.js';
import { type DeadlineRow, extensionsOf, lockDeadline, pausesOf, recompute, saveDeadlineChange } from './deadlines.js';

/**
 * Stop the clock from `from` (补正, 中止, hearing, appraisal, consultation): the day `from` and every day
 * until resumption do not count. Only rules the law lets pause may be paused.
 */
export async function pauseDeadline(
  trx: Executor,
  ctx: RequestCtx,
  deadlineId: string,
  input: { from: LocalDate | string; reason: string },
): Promise<DeadlineRow> {
  const row = await lockDeadline(trx, deadlineId);
  const rule = getRule(row.rule_id);
  if (row.status !== 'open')
    throw conflict(row.status === 'paused' ? '该期限已处于暂停状态' : '该期限已办结，不能暂停');
  if (!rule.pausable) throw unprocessable(`规则“${rule.label}”的期限依法不因中止、补正等情形暂停`, { field: 'ruleId' });
  const from = parseLocalDate(input.from, '暂停开始日期');
  const reason = String(input.reason ?? '').trim();
  if (!reason || reason.length > 200)
    throw badRequest('请写明暂停事由（1至200字），例如“补正材料”“中止审理”', { field: 'reason' });
  if (from <= row.trigger_date) throw unprocessable(`暂停开始日期应晚于起算日 ${row.trigger_date}`, { field: 'from' });
  const pauses = pausesOf(row);
  const last = pauses.at(-1);
  if (last?.to && from <= last.to) {
    throw unprocessable(
      `暂停开始日期 ${from} 与上一次暂停（至 ${last.to}）重叠，请从 ${addCalendarDays(last.to, 1)} 或以后开始`,
      {
        field: 'from',
      },
    );
  }
  if (row.due_date && from > row.due_date) {
    throw unprocessable(`期限已于 ${row.due_date} 届满，届满后不能再暂停；如确需延长请办理延期审批`, { field: 'from' });
  }
  pauses.push({ from, to: null, reason });
  return saveDeadlineChange(
    trx,
    ctx,
    row,
    { status: 'paused', due_date: null, alert: 'none', pauses: JSON.stringify(pauses) },
    'deadline.paused',
    { ruleId: row.rule_id, from, reason },
  );
}

/** Restart the clock: days up to and including `on` (the day of resumption) are not counted. */
export async function resumeDeadline(
  trx: Executor,
  ctx: RequestCtx,
  deadlineId: string,
  input: { on: LocalDate | string },
): Promise<DeadlineRow> {
  const row = await lockDeadline(trx, deadlineId);
  if (row.status !== 'paused') throw conflict('该期限未处于暂停状态，无需恢复');
  const on = parseLocalDate(input.on, '恢复日期');
  const pauses = pausesOf(row);
  const open = pauses.at(-1)!;
  if (on < open.from) {
    throw unprocessable(`恢复日期 ${on} 早于暂停开始日期 ${open.from}，请更正`, { field: 'on' });
  }
  open.to = on;
  const res = recompute(row, pauses, row.extension_days);
  return saveDeadlineChange(
    trx,
    ctx,
    row,
    {
      status: 'open',
      due_date: res.due,
      trace: res.trace,
      provisional: res.provisional,
      alert: 'none',
      pauses: JSON.stringify(pauses),
    },
    'deadline.resumed',
    { ruleId: row.rule_id, from: open.from, to: on, dueDate: res.due },
  );
}

/** Approve an extension (延长): who approved and why are recorded; the total may not exceed the rule's maximum. */
export async function extendDeadline(
  trx: Executor,
  ctx: RequestCtx,
  deadlineId: string,
  input: { days: number; approverName: string; reason: string },
): Promise<DeadlineRow> {
  const row = await lockDeadline(trx, deadlineId);
  const rule = getRule(row.rule_id);
  if (row.status === 'closed') throw conflict('该期限已办结，不能延长');
  if (row.status === 'paused') throw conflict('期限暂停期间不能延长，请先恢复计算');
  if (!Number.isInteger(input.days) || input.days < 1) {
    throw badRequest('延长天数应为正整数', { field: 'days', value: input.days });
  }
  const approverName = String(input.approverName ?? '').trim();
  const reason = String(input.reason ?? '').trim();
  if (!approverName || approverName.length > 64)
    throw badRequest('请填写批准人姓名（1至64字）', { field: 'approverName' });
  if (!reason || reason.length > 500) throw badRequest('请填写延长理由（1至500字）', { field: 'reason' });
  const total = validateExtension(rule, row.extension_days + input.days);
  const extensions = extensionsOf(row);
  extensions.push({
    days: input.days,
    approverName,
    reason,
    at: nowOf(ctx).toISOString(),
    byUserId: ctx.actor?.userId ?? null,
  });
  const res = recompute(row, pausesOf(row), total, undefined, extensions);
  return saveDeadlineChange(
    trx,
    ctx,
    row,
    {
      extension_days: total,
      extensions: JSON.stringify(extensions),
      due_date: res.due,
      trace: res.trace,
      provisional: res.provisional,
      alert: 'none',
    },
    'deadline.extended',
    {
      ruleId: row.rule_id,
      days: input.days,
      totalDays: total,
      approverName,
      reason,
      from: row.due_date ?? '',
      to: res.due,
    },
  );
}
