/**
 * Government inspection (政府督查工作条例). Each exported function is one business action in one transaction.
 */
import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import {
  closeDeadline,
  computeDue,
  type LocalDate,
  parseLocalDate,
  registerDeadline,
  today,
} from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/engine.js';
import { AppError, conflict, notFound, unprocessable } from '../../../platform/errors.js';
import {
  INSPECTION_STATUS_ZH,
  INSPECTION_TRANSITIONS,
  type InspectionStatus,
  TARGET_STATUS_ZH,
  TARGET_TRANSITIONS,
  type TargetStatus,
} from '../inspection.tables.js';

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
function actDate(value: string, label: string, field: string): LocalDate {
  const d = parseLocalDate(value, label);
  const now = today();
  if (d > now) throw unprocessable(`${label}不能晚于今天（${now}），请填写实际办理日期`, { field });
  return d;
}

/**
 * Close a unit's open deadlines of `ruleId` on the day of the act that ends them (not on the day the act is
 * entered): whether the deadline was met is judged by the statutory date (《政府督查工作条例》第十七条).
 */
async function closeOn(trx: Executor, ctx: RequestCtx, targetId: string, ruleId: string, on: LocalDate) {
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

async function lockInspection(trx: Executor, id: string) {
  const i = await trx.selectFrom('inspections').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!i) throw notFound('督查');
  return i;
}

export function assertTargetTransition(status: TargetStatus, action: keyof typeof TARGET_TRANSITIONS): TargetStatus {
  const t = TARGET_TRANSITIONS[action];
  if (!t.from.includes(status))
    throw conflict(`当前状态为“${TARGET_STATUS_ZH[status]}”，不能进行此操作`, { status, action });
  return t.to;
}

async function lockTarget(trx: Executor, inspectionId: string, orgId: string) {
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

export interface PlanInspectionInput {
  title: string;
  basis: string;
  scope: string;
  methods: string;
  startsOn: string;
  endsOn: string;
  targetOrgIds: string[];
}

/** Art 15: no inspection without a plan naming its content, targets and scope; it then awaits approval (Art 11). */
export async function planInspection(
  db: Db,
  ctx: RequestCtx,
  orgId: string,
  input: PlanInspectionInput,
): Promise<{ id: string }> {
  const startsOn = parseLocalDate(input.startsOn, '督查开始日期');
  const endsOn = parseLocalDate(input.endsOn, '督查结束日期');
  if (endsOn < startsOn) throw unprocessable('督查结束日期不能早于开始日期', { field: 'endsOn' });
  return db.transaction().execute(async (trx) => {
    const orgs = await trx
      .selectFrom('organizations')
      .select(['id', 'name'])
      .where('id', 'in', input.targetOrgIds)
      .where('active', '=', true)
      .execute();
    if (orgs.length !== new Set(input.targetOrgIds).size)
      throw unprocessable('督查对象中有单位不存在或已停用，请重新选择', { field: 'targetOrgIds' });
    // Art 15: no duplicate inspection of the same unit on an overlapping period.
    const overlap = await trx
      .selectFrom('inspection_targets')
      .innerJoin('inspections', 'inspections.id', 'inspection_targets.inspection_id')
      .innerJoin('organizations', 'organizations.id', 'inspection_targets.org_id')
      .select(['organizations.name', 'inspections.title'])
      .where('inspection_targets.org_id', 'in', input.targetOrgIds)
      .where('inspections.status', 'in', ['planned', 'approved', 'in_progress'])
      .where('inspections.starts_on', '<=', endsOn)
      .where('inspections.ends_on', '>=', startsOn)
      .executeTakeFirst();
    if (overlap)
      throw conflict(
        `${overlap.name}在同一期间已有督查“${overlap.title}”，不得重复督查（《政府督查工作条例》第十五条）`,
        { field: 'targetOrgIds' },
      );
    const row = await trx
      .insertInto('inspections')
      .values({
        title: input.title,
        basis: input.basis,
        scope: input.scope,
        methods: input.methods,
        starts_on: startsOn,
        ends_on: endsOn,
        org_id: orgId,
        created_by: ctx.actor?.userId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('inspection_targets')
      .values(input.targetOrgIds.map((o) => ({ inspection_id: row.id, org_id: o })))
      .execute();
    await recordAudit(trx, ctx, {
      action: 'inspection.planned',
      entityKind: 'inspection',
      entityId: row.id,
      orgId,
      data: { title: input.title, targets: orgs.length, startsOn, endsOn },
    });
    return row;
  });
}

/**
 * Arts 11, 8, 15: the government's principal head approves the inspection plan (with an instruction, 批示意见)
 * before the inspection starts. Who may approve is checked by the route (`planPolicy.approveInspection`); the
 * drafter of the plan may not approve it (checked here, inside the transaction).
 */
export async function approveInspection(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: { opinion: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const i = await lockInspection(trx, id);
    const to = assertInspectionTransition(i.status, 'approve')!;
    if (i.created_by && i.created_by === ctx.actor?.userId)
      throw new AppError(
        'forbidden',
        '督查方案的制定人不能批准本方案，请报本级人民政府行政首长批准（《政府督查工作条例》第十一条）',
      );
    await trx
      .updateTable('inspections')
      .set({
        status: to,
        approved_by: ctx.actor?.userId ?? null,
        approved_at: new Date(),
        approval_opinion: input.opinion,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'inspection.approved',
      entityKind: 'inspection',
      entityId: id,
      orgId: i.org_id,
      data: { opinion: input.opinion },
    });
  });
}

/** Starts an approved inspection: from now on orders may be issued and conclusions served. */
export async function startInspection(db: Db, ctx: RequestCtx, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const i = await lockInspection(trx, id);
    const to = assertInspectionTransition(i.status, 'start')!;
    await trx.updateTable('inspections').set({ status: to, updated_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, {
      action: 'inspection.started',
      entityKind: 'inspection',
      entityId: id,
      orgId: i.org_id,
      data: {},
    });
  });
}

/** A follow-up order (督办单) to one inspected unit, answered by that unit. */
export async function issueOrder(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: { orgId: string; content: string; dueDate: string },
): Promise<{ id: string }> {
  const due = parseLocalDate(input.dueDate, '办理期限');
  return db.transaction().execute(async (trx) => {
    const i = await lockInspection(trx, id);
    assertInspectionTransition(i.status, 'issue_order');
    if (due < i.starts_on)
      throw unprocessable(`办理期限不能早于督查开始日期 ${i.starts_on}`, { field: 'dueDate', startsOn: i.starts_on });
    await lockTarget(trx, id, input.orgId);
    const row = await trx
      .insertInto('inspection_orders')
      .values({
        inspection_id: id,
        org_id: input.orgId,
        content: input.content,
        due_date: due,
        answer: null,
        answered_on: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'inspection.order_issued',
      entityKind: 'inspection',
      entityId: id,
      orgId: input.orgId,
      data: { orgId: input.orgId, dueDate: due },
    });
    return row;
  });
}

export async function answerOrder(
  db: Db,
  ctx: RequestCtx,
  orderId: string,
  input: { answer: string; on: string },
): Promise<void> {
  const on = actDate(input.on, '答复日期', 'on');
  await db.transaction().execute(async (trx) => {
    const o = await trx
      .selectFrom('inspection_orders')
      .selectAll()
      .where('id', '=', orderId)
      .forUpdate()
      .executeTakeFirst();
    if (!o) throw notFound('督办单');
    if (o.status === 'answered') throw conflict('该督办单已经答复');
    await trx
      .updateTable('inspection_orders')
      .set({ status: 'answered', answer: input.answer, answered_on: on })
      .where('id', '=', orderId)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'inspection.order_answered',
      entityKind: 'inspection',
      entityId: o.inspection_id,
      orgId: o.org_id,
      data: { orgId: o.org_id },
    });
  });
}

/** Art 16: the conclusion is served on the unit; from that day it has 30 days to ask for re-examination. */
export async function serveConclusion(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: { orgId: string; conclusion: string; servedOn: string },
): Promise<void> {
  const servedOn = actDate(input.servedOn, '送达日期', 'servedOn');
  await db.transaction().execute(async (trx) => {
    const i = await lockInspection(trx, id);
    assertInspectionTransition(i.status, 'serve_conclusion');
    if (servedOn < i.starts_on)
      throw unprocessable(`送达日期不能早于督查开始日期 ${i.starts_on}`, { field: 'servedOn' });
    const t = await lockTarget(trx, id, input.orgId);
    const to = assertTargetTransition(t.status, 'conclude');
    await trx
      .updateTable('inspection_targets')
      .set({
        status: to,
        conclusion: input.conclusion,
        conclusion_served_on: servedOn,
        conclusion_by: ctx.actor?.userId ?? null,
        updated_at: new Date(),
      })
      .where('id', '=', t.id)
      .execute();
    await registerDeadline(trx, ctx, {
      entityKind: 'inspection_target',
      entityId: t.id,
      ruleId: 'inspection.reexamination_request',
      triggerDate: servedOn,
      orgId: input.orgId,
      label: i.title,
    });
    const left = await trx
      .selectFrom('inspection_targets')
      .select('id')
      .where('inspection_id', '=', id)
      .where('status', '=', 'pending')
      .execute();
    if (left.length === 0)
      await trx
        .updateTable('inspections')
        .set({ status: 'concluded', updated_at: new Date() })
        .where('id', '=', id)
        .execute();
    await recordAudit(trx, ctx, {
      action: 'inspection.conclusion_served',
      entityKind: 'inspection',
      entityId: id,
      orgId: input.orgId,
      data: { orgId: input.orgId, servedOn },
    });
  });
}

/** Art 17: re-examination may be requested within 30 days of receiving the conclusion. */
export async function requestReexamination(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: { orgId: string; reason: string; requestedOn: string },
): Promise<{ decisionDue: string }> {
  const on = actDate(input.requestedOn, '申请日期', 'requestedOn');
  return db.transaction().execute(async (trx) => {
    const t = await lockTarget(trx, id, input.orgId);
    const to = assertTargetTransition(t.status, 'request_reexamination');
    const due = computeDue('inspection.reexamination_request', t.conclusion_served_on!);
    if (on < t.conclusion_served_on!) throw unprocessable('申请日期不能早于督查结论送达日期', { field: 'requestedOn' });
    if (on > due.due) {
      throw unprocessable(
        `申请复核期限已于 ${due.due} 届满（收到督查结论之日起30日内，《政府督查工作条例》第十七条），不能再申请复核`,
        { field: 'requestedOn', due: due.due },
      );
    }
    await trx
      .updateTable('inspection_targets')
      .set({ status: to, reexamination_reason: input.reason, reexamination_requested_on: on, updated_at: new Date() })
      .where('id', '=', t.id)
      .execute();
    await closeOn(trx, ctx, t.id, 'inspection.reexamination_request', on);
    const d = await registerDeadline(trx, ctx, {
      entityKind: 'inspection_target',
      entityId: t.id,
      ruleId: 'inspection.reexamination_decision',
      triggerDate: on,
      orgId: input.orgId,
    });
    await recordAudit(trx, ctx, {
      action: 'inspection.reexamination_requested',
      entityKind: 'inspection',
      entityId: id,
      orgId: input.orgId,
      data: { orgId: input.orgId, requestedOn: on },
    });
    return { decisionDue: d.due_date! };
  });
}

/** Art 17: decided within 30 days, by someone other than who drew the conclusion (recusal). */
export async function decideReexamination(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: { orgId: string; outcome: 'upheld' | 'changed'; decision: string; decidedOn: string },
): Promise<void> {
  const on = actDate(input.decidedOn, '复核决定日期', 'decidedOn');
  await db.transaction().execute(async (trx) => {
    const t = await lockTarget(trx, id, input.orgId);
    const to = assertTargetTransition(t.status, 'decide_reexamination');
    if (t.conclusion_by && t.conclusion_by === ctx.actor?.userId) {
      throw new AppError('forbidden', '作出督查结论的人员应当回避，不能办理本次复核（《政府督查工作条例》第十七条）');
    }
    if (on < t.reexamination_requested_on!) throw unprocessable('复核决定日期不能早于申请日期', { field: 'decidedOn' });
    await trx
      .updateTable('inspection_targets')
      .set({
        status: to,
        reexamination_outcome: input.outcome,
        reexamination_decision: input.decision,
        reexamination_decided_on: on,
        updated_at: new Date(),
      })
      .where('id', '=', t.id)
      .execute();
    await closeOn(trx, ctx, t.id, 'inspection.reexamination_decision', on);
    await recordAudit(trx, ctx, {
      action: 'inspection.reexamination_decided',
      entityKind: 'inspection',
      entityId: id,
      orgId: input.orgId,
      data: { orgId: input.orgId, outcome: input.outcome, decidedOn: on },
    });
  });
}

/** Art 18: the unit rectifies and reports; the inspection office verifies (or sends it back). */
export async function submitRectification(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: { orgId: string; report: string; on: string },
): Promise<void> {
  const on = actDate(input.on, '整改完成日期', 'on');
  await db.transaction().execute(async (trx) => {
    const t = await lockTarget(trx, id, input.orgId);
    const to = assertTargetTransition(t.status, 'submit_rectification');
    if (t.conclusion_served_on && on < t.conclusion_served_on)
      throw unprocessable(`整改完成日期不能早于督查结论送达日期 ${t.conclusion_served_on}`, { field: 'on' });
    await trx
      .updateTable('inspection_targets')
      .set({ status: to, rectification_report: input.report, rectified_on: on, updated_at: new Date() })
      .where('id', '=', t.id)
      .execute();
    await closeOn(trx, ctx, t.id, 'inspection.reexamination_request', on);
    await recordAudit(trx, ctx, {
      action: 'inspection.rectification_submitted',
      entityKind: 'inspection',
      entityId: id,
      orgId: input.orgId,
      data: { orgId: input.orgId, on },
    });
  });
}

export async function verifyRectification(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: { orgId: string; accepted: boolean; note: string; on: string },
): Promise<void> {
  const on = actDate(input.on, '核查日期', 'on');
  await db.transaction().execute(async (trx) => {
    const t = await lockTarget(trx, id, input.orgId);
    const to = assertTargetTransition(t.status, input.accepted ? 'verify' : 'reject_rectification');
    if (t.rectified_on && on < t.rectified_on)
      throw unprocessable(`核查日期不能早于整改完成日期 ${t.rectified_on}`, { field: 'on' });
    await trx
      .updateTable('inspection_targets')
      .set({
        status: to,
        verification_note: input.note,
        verified_on: input.accepted ? on : null,
        updated_at: new Date(),
      })
      .where('id', '=', t.id)
      .execute();
    const open = await trx
      .selectFrom('inspection_targets')
      .select('id')
      .where('inspection_id', '=', id)
      .where('status', '!=', 'verified')
      .execute();
    if (open.length === 0)
      await trx
        .updateTable('inspections')
        .set({ status: 'closed', updated_at: new Date() })
        .where('id', '=', id)
        .execute();
    await recordAudit(trx, ctx, {
      action: 'inspection.rectification_verified',
      entityKind: 'inspection',
      entityId: id,
      orgId: input.orgId,
      data: { orgId: input.orgId, accepted: input.accepted },
    });
  });
}
