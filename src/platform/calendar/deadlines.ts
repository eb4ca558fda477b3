import type { Selectable, Updateable } from 'kysely';
import type { RequestCtx } from '../access/actor.js';
import { type AuditAction, type AuditCatalog, recordAudit } from '../audit/index.js';
import { nowOf } from '../clock.js';
import type { Executor } from '../db/engine.js';
import { badRequest, conflict, notFound, unprocessable } from '../errors.js';
import { getCalendar } from './active.js';
import type { DeadlineTable, StoredExtension, StoredPause } from './calendar.tables.js';
import { checkMinimumPeriod, computeDue, type DueResult, type Pause } from './engine.js';
import { type LocalDate, parseLocalDate, today } from './localdate.js';
import { getRule, unitZh } from './rules.js';
import type { WorkCalendar } from './workcalendar.js';

export type DeadlineRow = Selectable<DeadlineTable>;

const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
export const pausesOf = (row: Pick<DeadlineRow, 'pauses'>) => parse<StoredPause[]>(row.pauses);
export const extensionsOf = (row: Pick<DeadlineRow, 'extensions'>) => parse<StoredExtension[]>(row.extensions);
export const responsibleOf = (row: Pick<DeadlineRow, 'responsible_user_ids'>) =>
  parse<string[]>(row.responsible_user_ids);

const closedPauses = (ps: StoredPause[]): Pause[] =>
  ps
    .filter((p): p is StoredPause & { to: string } => p.to !== null)
    .map((p) => ({ from: p.from, to: p.to, reason: p.reason }));

export interface RegisterDeadlineInput {
  entityKind: string;
  entityId: string;
  ruleId: string;
  triggerDate: LocalDate | string;
  orgId: string;
  responsibleUserIds?: string[];
  label?: string;
  /**
   * Required for "at least N days" rules (kind 'minimum'): the end date the unit chose. It is checked against
   * the minimum and held as the due date.
   */
  endDate?: LocalDate | string;
  /** A minimum period may be shorter only where the statute allows it, with the reason recorded and shown. */
  shortenedReason?: string;
  /**
   * Periods already known not to count when the deadline is registered (e.g. a case taken over with its 补正
   * or 中止 already behind it). Checked as pauses added later are: inside the period, in order, no overlap.
   */
  pauses?: Pause[];
  /** Extensions already approved (who approved, why); their total may not exceed the rule's maximum. */
  extensions?: { days: number; approverName: string; reason: string }[];
}

/**
 * Register the deadline a rule sets for an entity (e.g. `penalty.decision` when a case is filed). Stores the
 * due date and the readable trace; audited as `deadline.registered`. Call it inside the command's transaction.
 */
export async function registerDeadline(
  trx: Executor,
  ctx: RequestCtx,
  input: RegisterDeadlineInput,
): Promise<DeadlineRow> {
  const rule = getRule(input.ruleId);
  if (rule.kind === 'before') {
    throw unprocessable(`规则“${rule.label}”是“提前期”规则，不能登记为办理期限`, { field: 'ruleId' });
  }
  if (!input.entityKind?.trim() || !String(input.entityId ?? '').trim()) {
    throw badRequest('登记期限须指明所属事项（entityKind 与 entityId）', { field: 'entityId' });
  }
  const trigger = parseLocalDate(input.triggerDate, '起算日');
  let fixedDue: LocalDate | null = null;
  let shortenedReason: string | null = null;
  let res: DueResult;
  if (rule.kind === 'minimum') {
    if (!input.endDate) {
      throw unprocessable(`规则“${rule.label}”是“不少于”规则，登记时须提供截止日期`, { field: 'endDate' });
    }
    fixedDue = parseLocalDate(input.endDate, '截止日期');
    shortenedReason = input.shortenedReason?.trim() || null;
    res = minimumDue(rule.id, trigger, fixedDue, shortenedReason);
  } else {
    res = computeDue(rule.id, trigger);
  }
  const pauses: StoredPause[] = [];
  const extensions: StoredExtension[] = [];
  let extensionDays = 0;
  if (input.pauses?.length || input.extensions?.length) {
    if (rule.kind === 'minimum') {
      throw unprocessable(`规则“${rule.label}”是“不少于”规则，不能登记暂停或延长`, { field: 'pauses' });
    }
    for (const [i, e] of (input.extensions ?? []).entries()) {
      if (!Number.isInteger(e.days) || e.days < 1)
        throw badRequest(`第${i + 1}项延长的天数应为正整数`, { field: `extensions.${i}.days` });
      if (!e.approverName?.trim())
        throw badRequest(`第${i + 1}项延长缺少批准人`, { field: `extensions.${i}.approverName` });
      if (!e.reason?.trim()) throw badRequest(`第${i + 1}项延长缺少理由`, { field: `extensions.${i}.reason` });
      extensionDays += e.days;
      extensions.push({
        days: e.days,
        approverName: e.approverName.trim(),
        reason: e.reason.trim(),
        at: nowOf(ctx).toISOString(),
        byUserId: ctx.actor?.userId ?? null,
      });
    }
    // computeDue validates the pauses (reasons, order, overlap, inside the period) and the extension total.
    res = computeDue(rule.id, trigger, { pauses: input.pauses ?? [], extensionDays });
    pauses.push(...(input.pauses ?? []).map((p) => ({ from: p.from, to: p.to, reason: p.reason })));
    if (extensions.length) {
      const unit = unitZh(rule.unit);
      res = {
        ...res,
        trace: `${res.trace}\n${extensions.map((e) => `延长依据：${e.approverName}批准延长${e.days}${unit}，理由：${e.reason}。`).join('\n')}`,
      };
    }
  }
  const row = await trx
    .insertInto('deadlines')
    .values({
      entity_kind: input.entityKind,
      entity_id: String(input.entityId),
      rule_id: rule.id,
      label: input.label ?? null,
      org_id: input.orgId,
      trigger_date: trigger,
      pauses: JSON.stringify(pauses),
      extensions: JSON.stringify(extensions),
      extension_days: extensionDays,
      due_date: res.due,
      fixed_due_date: fixedDue,
      shortened_reason: shortenedReason,
      trace: res.trace,
      provisional: res.provisional,
      responsible_user_ids: JSON.stringify(input.responsibleUserIds ?? []),
      closed_on: null,
      closed_at: null,
      met: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(trx, ctx, {
    action: 'deadline.registered',
    entityKind: input.entityKind,
    entityId: String(input.entityId),
    orgId: input.orgId,
    data: {
      ruleId: rule.id,
      entityKind: input.entityKind,
      entityId: String(input.entityId),
      triggerDate: trigger,
      dueDate: res.due,
      ...(pauses.length ? { pauses: pauses.length } : {}),
      ...(extensionDays ? { extensionDays } : {}),
    },
  });
  return row;
}

export async function lockDeadline(trx: Executor, id: string): Promise<DeadlineRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('期限');
  const row = await trx.selectFrom('deadlines').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound('期限');
  return row;
}

/**
 * A unit-chosen end date for an "at least N days" period: refused when too short, unless a reason for
 * shortening is given (the statutes allow it only with a reason, which is published with the period).
 */
function minimumDue(
  ruleId: string,
  start: LocalDate,
  end: LocalDate,
  shortenedReason: string | null,
  cal?: WorkCalendar,
): DueResult {
  const check = checkMinimumPeriod(ruleId, start, end, cal ?? getCalendar());
  if (!check.ok && !shortenedReason) {
    throw unprocessable(`期间不足：${check.trace.split('\n').at(-1)}如依法需要缩短，须说明理由。`, {
      field: 'endDate',
      minimumEnd: check.minimumEnd,
    });
  }
  const note = !check.ok ? `\n缩短理由：${shortenedReason}` : '';
  return {
    ruleId,
    due: end,
    trace: `${check.trace}${note}\n届满日：${end}（由承办单位确定）。`,
    provisional: check.provisional,
    provisionalYears: [],
  };
}

/** Due date and trace for a stored deadline; approved extensions are named in the trace (approver, reason). */
export function recompute(
  row: DeadlineRow,
  pauses: StoredPause[],
  extensionDays: number,
  cal?: WorkCalendar,
  extensions: StoredExtension[] = extensionsOf(row),
): DueResult {
  if (row.fixed_due_date) {
    // Keep the chosen end date; re-check its length against the (possibly corrected) calendar.
    try {
      return minimumDue(
        row.rule_id,
        row.trigger_date,
        row.fixed_due_date,
        row.shortened_reason ?? '日历更新后复核',
        cal,
      );
    } catch {
      return computeDue(row.rule_id, row.trigger_date, {}, cal ?? getCalendar());
    }
  }
  const res = computeDue(
    row.rule_id,
    row.trigger_date,
    { pauses: closedPauses(pauses), extensionDays },
    cal ?? getCalendar(),
  );
  if (extensions.length === 0) return res;
  const unit = unitZh(getRule(row.rule_id).unit);
  const lines = extensions.map((e) => `延长依据：${e.approverName}批准延长${e.days}${unit}，理由：${e.reason}。`);
  return { ...res, trace: `${res.trace}\n${lines.join('\n')}` };
}

/**
 * Writes a change to a deadline and its audit event in the caller's transaction: every change of a statutory
 * deadline (closing, pausing, resuming, extending, recomputing) leaves a trace in the audit log.
 */
export async function saveDeadlineChange<A extends AuditAction>(
  trx: Executor,
  ctx: RequestCtx,
  row: DeadlineRow,
  patch: Updateable<DeadlineTable>,
  action: A,
  data: AuditCatalog[A],
): Promise<DeadlineRow> {
  const updated = await trx
    .updateTable('deadlines')
    .set({ ...patch, updated_at: nowOf(ctx) })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(trx, ctx, {
    action,
    entityKind: row.entity_kind,
    entityId: row.entity_id,
    orgId: row.org_id,
    data,
  });
  return updated;
}

/** Close (办结) a deadline: records whether it was met. Closing twice is a conflict. */
export async function closeDeadline(
  trx: Executor,
  ctx: RequestCtx,
  deadlineId: string,
  opts: { on?: LocalDate | string } = {},
): Promise<DeadlineRow> {
  const row = await lockDeadline(trx, deadlineId);
  if (row.status === 'closed') throw conflict('该期限已经办结，不能重复办结');
  const now = nowOf(ctx);
  const on = opts.on ? parseLocalDate(opts.on, '办结日期') : today(now);
  if (on < row.trigger_date)
    throw unprocessable(`办结日期 ${on} 早于起算日 ${row.trigger_date}，请更正`, { field: 'on' });
  const met = row.due_date ? on <= row.due_date : null;
  const pauses = pausesOf(row).map((p) => (p.to === null ? { ...p, to: on } : p));
  return saveDeadlineChange(
    trx,
    ctx,
    row,
    { status: 'closed', closed_on: on, closed_at: now, met, pauses: JSON.stringify(pauses) },
    'deadline.closed',
    { ruleId: row.rule_id, dueDate: row.due_date, closedOn: on, met },
  );
}

/** Close every open deadline of an entity (optionally only one rule's). Returns how many were closed. */
export async function closeDeadlinesFor(
  trx: Executor,
  ctx: RequestCtx,
  entityKind: string,
  entityId: string,
  ruleId?: string,
): Promise<number> {
  let q = trx
    .selectFrom('deadlines')
    .select('id')
    .where('entity_kind', '=', entityKind)
    .where('entity_id', '=', String(entityId))
    .where('status', '!=', 'closed');
  if (ruleId) q = q.where('rule_id', '=', ruleId);
  const rows = await q.orderBy('created_at').execute();
  for (const r of rows) await closeDeadline(trx, ctx, r.id);
  return rows.length;
}

export async function listDeadlinesFor(db: Executor, entityKind: string, entityId: string): Promise<DeadlineRow[]> {
  return db
    .selectFrom('deadlines')
    .selectAll()
    .where('entity_kind', '=', entityKind)
    .where('entity_id', '=', String(entityId))
    .orderBy('trigger_date')
    .orderBy('created_at')
    .execute();
}

/**
 * Recompute open deadlines under a (new) calendar or rule setting. Each deadline whose due date, trace or
 * provisional flag changes is updated and audited as `deadline.recomputed`. Returns the number changed.
 */
export async function recomputeOpenDeadlines(
  trx: Executor,
  ctx: RequestCtx,
  cal: WorkCalendar,
  cause: string,
  ruleId?: string,
): Promise<number> {
  let q = trx.selectFrom('deadlines').selectAll().where('status', '=', 'open');
  if (ruleId) q = q.where('rule_id', '=', ruleId);
  const rows = await q.forUpdate().execute();
  let changed = 0;
  for (const row of rows) {
    let res: DueResult;
    try {
      res = recompute(row, pausesOf(row), row.extension_days, cal);
    } catch (err) {
      // E.g. an extension approved under the old maximum exceeds a newly lowered one. The approved date stands
      // (it was lawful when granted), but the responsible staff must see that the new rule could not be applied.
      await recordAudit(trx, ctx, {
        action: 'deadline.recompute_failed',
        entityKind: row.entity_kind,
        entityId: row.entity_id,
        orgId: row.org_id,
        data: { ruleId: row.rule_id, dueDate: row.due_date, cause, reason: (err as Error).message },
      });
      continue;
    }
    const trace = res.trace;
    if (res.due === row.due_date && res.provisional === row.provisional && trace === row.trace) continue;
    await saveDeadlineChange(
      trx,
      ctx,
      row,
      { due_date: res.due, trace, provisional: res.provisional, alert: res.due === row.due_date ? row.alert : 'none' },
      'deadline.recomputed',
      { ruleId: row.rule_id, from: row.due_date, to: res.due, provisional: res.provisional, cause },
    );
    changed++;
  }
  return changed;
}
