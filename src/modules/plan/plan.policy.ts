import type { Actor } from '../../platform/access/actor.js';
import { canSeeOrg, hasAnyRole, hasRole } from '../../platform/access/scope.js';

/** Pure rules: who may manage plans and who reports progress on a unit's task. */
export const planPolicy = {
  /** 依法治区办 imports plans, confirms responsible units, decomposes tasks and runs inspections. */
  manage: (a: Actor | null) => hasRole(a, 'coordinator') || hasRole(a, 'system_admin'),
  /** The unit's own liaison, principal head or staff report progress for it. */
  reportProgress: (a: Actor | null, orgPath: string) => hasAnyRole(a, ['liaison', 'principal_head', 'staff'], orgPath),
  viewTask: (a: Actor | null, orgPath: string) => !!a && canSeeOrg(a, orgPath),
  /**
   * 政府督查工作条例 Art 11 (the matter is set by the government's decision or by its head's instruction) and Art 8
   * (the government fixes matter, scope and term): the inspection plan is approved by the government's principal
   * head (行政首长) — the `principal_head` grant at the government organization. Not the coordinator who drafted it,
   * not a 分管 leader (read-only), not a department head, not the system administrator.
   */
  approveInspection: (a: Actor | null, governmentPath: string) => hasRole(a, 'principal_head', governmentPath),
};

/** What the actor may do with one inspection (drives the buttons on /admin/inspections). */
export const inspectionAbilities = (
  a: Actor | null,
  governmentPath: string,
  i: { status: string; created_by: string | null },
) => ({
  manage: planPolicy.manage(a),
  approve:
    i.status === 'planned' && planPolicy.approveInspection(a, governmentPath) && i.created_by !== (a?.userId ?? null),
  start: i.status === 'approved' && planPolicy.manage(a),
});

export const taskAbilities = (a: Actor | null, orgPath: string, status: string) => ({
  reportProgress: status === 'open' && planPolicy.reportProgress(a, orgPath),
  setDue: status === 'open' && planPolicy.manage(a),
  setWeight: planPolicy.manage(a),
});
