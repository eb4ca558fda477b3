import type { Actor, Role } from '../access/actor.js';
import type { Executor } from '../db/engine.js';

/** Loads an active user with their org path and every role grant. Null if the user is gone or disabled. */
export async function loadActor(db: Executor, userId: string, via: Actor['via']): Promise<Actor | null> {
  const user = await db
    .selectFrom('users')
    .innerJoin('organizations', 'organizations.id', 'users.org_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.org_id',
      'users.must_change_password',
      'users.active',
      'organizations.path',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!user || !user.active) return null;
  const grants = await db
    .selectFrom('role_assignments')
    .innerJoin('organizations', 'organizations.id', 'role_assignments.org_id')
    .select([
      'role_assignments.role',
      'role_assignments.org_id',
      'role_assignments.include_subtree',
      'organizations.path',
    ])
    .where('role_assignments.user_id', '=', userId)
    .execute();
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    orgId: user.org_id,
    orgPath: user.path,
    mustChangePassword: user.must_change_password,
    via,
    grants: grants.map((g) => ({
      role: g.role as Role,
      orgId: g.org_id,
      orgPath: g.path,
      includeSubtree: g.include_subtree,
    })),
  };
}
