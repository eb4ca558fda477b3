import { canSeeOrg, hasAnyRole } from '../../../../platform/access/scope.js';
import type { Db, Trx } from '../../../../platform/db/engine.js';
import { notFound } from '../../../../platform/errors.js';
import { type Act, transitionRunner } from '../../../../platform/workflow/index.js';
import type { RequestCtx } from '../../../../platform/access/actor.js';
import { governmentPath, oversees, seesInspection } from '../../inspection.access.js';
import {
  type InspectionAction,
  type InspectionStatus,
  inspectionTargetWorkflow,
  inspectionWorkflow,
  type TargetAction,
  type TargetStatus,
} from '../../inspection.workflow.js';
import { planPolicy } from '../../plan.policy.js';

const loadInspection = async (trx: Trx, id: string) => {
  const i = await trx.selectFrom('inspections').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!i) return undefined;
  const targets = await trx
    .selectFrom('inspection_targets as t')
    .innerJoin('organizations as g', 'g.id', 't.org_id')
    .select('g.path')
    .where('t.inspection_id', '=', id)
    .execute();
  return { ...i, gov_path: await governmentPath(trx), target_paths: targets.map((t) => t.path) };
};
export type LoadedInspection = NonNullable<Awaited<ReturnType<typeof loadInspection>>>;

const INSPECTION_AUDIT = {
  approve: 'inspection.approved',
  start: 'inspection.started',
  issue_order: 'inspection.order_issued',
} as const;

/**
 * The inspection's own acts (approve, start, issue an order) in the kernel's command frame (ADR 0004): invisible
 * → 404 (an inspected unit does not see an inspection before it starts, Art 12), not the inspection office or,
 * for the approval, the government's head → 403, wrong status → 409, content → 422 in the act.
 */
const runInspection = transitionRunner({
  workflow: inspectionWorkflow,
  load: loadInspection,
  visible: (actor, i) => seesInspection(actor, i.gov_path, i.status as InspectionStatus, i.target_paths),
  isParty: (actor, party, i) =>
    party === 'government_head' ? planPolicy.approveInspection(actor, i.gov_path) : planPolicy.manage(actor),
  status: (i) => i.status as InspectionStatus,
  save: async (trx, i, { to, patch, now }) => {
    await trx
      .updateTable('inspections')
      .set({ ...patch, status: to, updated_at: now })
      .where('id', '=', i.id)
      .execute();
  },
  audit: (i, c) => ({
    action: INSPECTION_AUDIT[c.action as keyof typeof INSPECTION_AUDIT],
    entityKind: 'inspection',
    entityId: i.id,
    orgId: (c.data.orgId as string | undefined) ?? i.org_id,
    data: c.data as never,
  }),
});

export function inspectionStep(
  db: Db,
  ctx: RequestCtx,
  id: string,
  action: keyof typeof INSPECTION_AUDIT,
  act?: Act<LoadedInspection, InspectionStatus, undefined>,
) {
  return runInspection(db, ctx, id, action satisfies InspectionAction, act);
}

const loadTarget = async (trx: Trx, id: string) => {
  const t = await trx
    .selectFrom('inspection_targets as t')
    .innerJoin('organizations as g', 'g.id', 't.org_id')
    .innerJoin('inspections as i', 'i.id', 't.inspection_id')
    .selectAll('t')
    .select([
      'g.path as org_path',
      'i.status as inspection_status',
      'i.title as inspection_title',
      'i.starts_on as inspection_starts_on',
    ])
    .where('t.id', '=', id)
    .forUpdate('t')
    .executeTakeFirst();
  return t && { ...t, gov_path: await governmentPath(trx) };
};
export type LoadedTarget = NonNullable<Awaited<ReturnType<typeof loadTarget>>>;

const TARGET_AUDIT = {
  conclude: 'inspection.conclusion_served',
  request_reexamination: 'inspection.reexamination_requested',
  decide_reexamination: 'inspection.reexamination_decided',
  submit_rectification: 'inspection.rectification_submitted',
  verify: 'inspection.rectification_verified',
  reject_rectification: 'inspection.rectification_verified',
} as const satisfies Record<TargetAction, string>;

/**
 * One inspected unit's acts (Arts 16–18) in the kernel's command frame: the unit is visible to the inspection
 * office and to whoever sees the unit once the inspection has started (404 otherwise); the inspection office
 * serves, decides and verifies, the unit's liaison or principal head requests re-examination and reports its
 * rectification (403 otherwise); the target table decides the order (409). Audited on the inspection.
 */
const runTarget = transitionRunner({
  workflow: inspectionTargetWorkflow,
  load: loadTarget,
  visible: (actor, t) =>
    oversees(actor, t.gov_path) ||
    (seesInspection(actor, t.gov_path, t.inspection_status as InspectionStatus, [t.org_path]) &&
      canSeeOrg(actor, t.org_path)),
  isParty: (actor, party, t) =>
    party === 'inspection_office'
      ? planPolicy.manage(actor)
      : hasAnyRole(actor, ['liaison', 'principal_head'], t.org_path),
  status: (t) => t.status as TargetStatus,
  save: async (trx, t, { to, patch, now }) => {
    await trx
      .updateTable('inspection_targets')
      .set({ ...patch, status: to, updated_at: now })
      .where('id', '=', t.id)
      .execute();
  },
  audit: (t, c) => ({
    action: TARGET_AUDIT[c.action],
    entityKind: 'inspection',
    entityId: t.inspection_id,
    orgId: t.org_id,
    data: { orgId: t.org_id, ...c.data },
  }),
});

/** Runs an act on the unit `orgId` of inspection `inspectionId`; 404 when the unit is not one of its targets. */
export async function targetStep(
  db: Db,
  ctx: RequestCtx,
  inspectionId: string,
  orgId: string,
  action: TargetAction,
  act?: Act<LoadedTarget, TargetStatus, undefined>,
) {
  const row = await db
    .selectFrom('inspection_targets')
    .select('id')
    .where('inspection_id', '=', inspectionId)
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  if (!row) throw notFound('督查对象');
  return runTarget(db, ctx, row.id, action, act);
}
