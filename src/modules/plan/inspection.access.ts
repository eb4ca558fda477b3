// Who sees an inspection (《政府督查工作条例》): the inspection office and the government's head who approves plans
// see all of it; an inspected unit sees it once it has started, and only its own part.
import type { Actor } from '../../platform/access/actor.js';
import { canSeeOrg, hasAnyRole } from '../../platform/access/scope.js';
import type { Executor } from '../../platform/db/engine.js';
import type { InspectionStatus } from './inspection.tables.js';
import { planPolicy } from './plan.policy.js';

/** The government organization (root of the tree): its principal head approves inspection plans (Art 11). */
export async function governmentPath(db: Executor): Promise<string> {
  const root = await db.selectFrom('organizations').select('path').where('parent_id', 'is', null).executeTakeFirst();
  return root?.path ?? '';
}

/** Statuses in which only the inspection office and the approving head see the inspection. */
export const NOT_YET_STARTED: InspectionStatus[] = ['planned', 'approved'];

/** Sees the whole inspection: the inspection office (manage) and the government's head who approves plans. */
export const oversees = (actor: Actor, gov: string) =>
  planPolicy.manage(actor) || planPolicy.approveInspection(actor, gov);

/**
 * Sees the inspection at all. An inspected unit learns of it when it starts, not while the plan is drafted or
 * awaiting approval: inspections may be unannounced (第十二条 暗访). Leaders (read-only) still see it.
 */
export function seesInspection(actor: Actor, gov: string, status: InspectionStatus, targetPaths: string[]): boolean {
  if (oversees(actor, gov)) return true;
  if (NOT_YET_STARTED.includes(status) && !hasAnyRole(actor, ['leader'])) return false;
  return targetPaths.some((p) => canSeeOrg(actor, p));
}
