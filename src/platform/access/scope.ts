import { type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Executor } from '../db/engine.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { Actor, Role } from './actor.js';

/** Roles whose grant at an org lets the holder see that org's records (and its subtree if so granted). */
const SEEING_ROLES: readonly Role[] = [
  'system_admin',
  'legality_reviewer',
  'liaison',
  'principal_head',
  'staff',
  'enforcement_officer',
  'legal_adviser',
  'leader',
  'coordinator',
];

const covers = (grantPath: string, subtree: boolean, orgPath: string) =>
  grantPath === orgPath || (subtree && orgPath.startsWith(grantPath));

/** Does the actor hold `role` at `orgPath` (directly, or through a subtree grant)? Without orgPath: anywhere. */
export function hasRole(actor: Actor | null, role: Role, orgPath?: string): boolean {
  if (!actor) return false;
  return actor.grants.some(
    (g) => g.role === role && (orgPath === undefined || covers(g.orgPath, g.includeSubtree, orgPath)),
  );
}

export function hasAnyRole(actor: Actor | null, roles: readonly Role[], orgPath?: string): boolean {
  return roles.some((r) => hasRole(actor, r, orgPath));
}

/** May the actor see records belonging to the org at `orgPath`? Own org always; otherwise through a grant. */
export function canSeeOrg(actor: Actor | null, orgPath: string): boolean {
  if (!actor) return false;
  if (actor.orgPath === orgPath) return true;
  return actor.grants.some((g) => SEEING_ROLES.includes(g.role) && covers(g.orgPath, g.includeSubtree, orgPath));
}

/** The visibility rule as path prefixes: exact paths and subtree prefixes the actor may see. */
export function visibility(actor: Actor): { exact: string[]; prefixes: string[] } {
  const exact = new Set([actor.orgPath]);
  const prefixes = new Set<string>();
  for (const g of actor.grants) {
    if (!SEEING_ROLES.includes(g.role)) continue;
    if (g.includeSubtree) prefixes.add(g.orgPath);
    else exact.add(g.orgPath);
  }
  return { exact: [...exact], prefixes: [...prefixes] };
}

/**
 * The one place that turns an actor into SQL scoping: a subquery of the organization ids the actor may
 * see. Every list query of org-owned records filters with `.where('x.org_id', 'in', visibleOrgIds(db, actor))`.
 */
export function visibleOrgIds(
  db: Executor,
  actor: Actor,
): SelectQueryBuilder<Database, 'organizations', { id: string }> {
  const v = visibility(actor);
  return db
    .selectFrom('organizations')
    .select('organizations.id')
    .where((eb: ExpressionBuilder<Database, 'organizations'>) =>
      eb.or([
        eb('organizations.path', 'in', v.exact),
        ...v.prefixes.map((p) => eb('organizations.path', 'like', sql<string>`${`${p.replace(/[%_]/g, '\\$&')}%`}`)),
      ]),
    );
}

/** Throws 404 unless the actor may see the org: what an actor may not see does not exist for them. */
export function assertCanSeeOrg(actor: Actor, orgPath: string, what = '记录'): void {
  if (!canSeeOrg(actor, orgPath)) throw new AppError('not_found', `${what}不存在或您无权查看`);
}

/** Throws 403 when the actor lacks every one of `roles` (at orgPath, if given). */
export function assertRole(actor: Actor, roles: readonly Role[], action: string, orgPath?: string): void {
  if (!hasAnyRole(actor, roles, orgPath)) throw new AppError('forbidden', `您没有${action}的权限。`, { roles });
}

/**
 * Ids of the unit `orgId` and its subtree (null: every unit), as a subquery: figures of a unit count its own
 * records and those of the units under it.
 */
export function subtreeOrgIds(db: Executor, orgId: string | null) {
  let q = db.selectFrom('organizations as o').select('o.id');
  if (orgId) q = q.where(sql<boolean>`o.path like (select p.path from organizations p where p.id = ${orgId}) || '%'`);
  return q;
}
