/** What the inspection actions (one file each, next to this one) share: status guards, dates, row locks. */
import type { RequestCtx } from '../../../../platform/access/actor.js';
import { closeDeadline, type LocalDate, parseLocalDate, today } from '../../../../platform/calendar/index.js';
import type { Executor } from '../../../../platform/db/engine.js';
import { notFound, unprocessable } from '../../../../platform/errors.js';
import {
  type InspectionAction,
  type InspectionStatus,
  inspectionTargetWorkflow,
  inspectionWorkflow,
  type TargetAction,
  type TargetStatus,
} from '../../inspection.workflow.js';

/**
 * 409 unless the inspection's status allows the action (`inspectionWorkflow`); returns the next status, or null
 * when the action leaves the status as it is.
 */
export function assertInspectionTransition(
  status: InspectionStatus,
  action: InspectionAction,
): InspectionStatus | null {
  inspectionWorkflow.assertTransition(status, action);
  return inspectionWorkflow.actions[action].to === 'same' ? null : inspectionWorkflow.resolveTarget(status, action);
}

/**
 * The date of an act already done (served, requested, decided, rectified, verified, answered): never later than
 * today in Beijing time — a future date is a typing error and would close statutory deadlines in advance.
 */
export function actDate(value: string, label: string, field: string, at: Date): LocalDate {
  const d = parseLocalDate(value, label);
  const now = today(at);
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

/** 409 unless the unit's status allows the action (`inspectionTargetWorkflow`); returns its next status. */
export function assertTargetTransition(status: TargetStatus, action: TargetAction): TargetStatus {
  inspectionTargetWorkflow.assertTransition(status, action);
  return inspectionTargetWorkflow.resolveTarget(status, action);
}
