/** What the inspection actions (one file each, next to this one) share: status guards, dates, row locks. */
import type { RequestCtx } from '../../../../platform/access/actor.js';
import { closeDeadline, type LocalDate, parseLocalDate, today } from '../../../../platform/calendar/index.js';
import type { Executor } from '../../../../platform/db/engine.js';
import { conflict, notFound, unprocessable } from '../../../../platform/errors.js';
import {
  INSPECTION_STATUS_ZH,
  INSPECTION_TRANSITIONS,
  type InspectionStatus,
  TARGET_STATUS_ZH,
  TARGET_TRANSITIONS,
  type TargetStatus,
} from '../../inspection.tables.js';

/** 409 unless the inspection's status allows the action; returns the next status (null: unchanged). */
export function assertInspectionTransition(
  status: InspectionStatus,
  action: keyof typeof INSPECTION_TRANSITIONS,
): InspectionStatus | null {
  const t = INSPECTION_TRANSITIONS[action];
  if (!t.from.includes(status))
    throw conflict(`${t.message}（当前状态：${INSPECTION_STATUS_ZH[status]}）`, { status, action });
  return t.to;
}

/**
 * The date of an act already done (served, requested, decided, rectified, verified, answered): never later than
 * today in Beijing time — a future date is a typing error and would close statutory deadlines in advance.
 */
export function actDate(value: string, label: string, field: string): LocalDate {
  const d = parseLocalDate(value, label);
  const now = today();
  if (d > now) throw unprocessable(`${label}不能晚于今天（${now}），请填写实际办理日期`, { field });
  return d;
}

/**
 * Close a unit's open deadlines of `ruleId` on the day of the act that ends them (not on the day the act is
 * entered): whether the deadline was met is judged by the statutory date (《政府督查工作条例》第十七条).
 */
export async function closeOn(trx: Executor, ctx: RequestCtx, targetId: string, ruleId: string, on: LocalDate) {
  const open = await trx
    .selectFrom('deadlines')
    .select('id')
    .where('entity_kind', '=', 'inspection_target')
    .where('entity_id', '=', targetId)
    .where('rule_id', '=', ruleId)
    .where('status', '!=', 'closed')
    .execute();
  for (const d of open) await closeDeadline(trx, ctx, d.id, { on });
}

/** Locks the inspection row for the action's transaction; 404 when there is none. */
export async function lockInspection(trx: Executor, id: string) {
  const i = await trx.selectFrom('inspections').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!i) throw notFound('督查');
  return i;
}

/** 409 unless the unit's status allows the action; returns its next status. */
export function assertTargetTransition(status: TargetStatus, action: keyof typeof TARGET_TRANSITIONS): TargetStatus {
  const t = TARGET_TRANSITIONS[action];
  if (!t.from.includes(status))
    throw conflict(`当前状态为“${TARGET_STATUS_ZH[status]}”，不能进行此操作`, { status, action });
  return t.to;
}

/** Locks one inspected unit's row for the action's transaction; 404 when the unit is not a target. */
export async function lockTarget(trx: Executor, inspectionId: string, orgId: string) {
  const t = await trx
    .selectFrom('inspection_targets')
    .selectAll()
    .where('inspection_id', '=', inspectionId)
    .where('org_id', '=', orgId)
    .forUpdate()
    .executeTakeFirst();
  if (!t) throw notFound('督查对象');
  return t;
}
