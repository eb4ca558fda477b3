import type { Executor } from '../../platform/db/engine.js';
import type { Role } from '../../platform/access/actor.js';
import type { OrgDto, UserDto } from './identity.schemas.js';

export async function findOrg(db: Executor, id: string) {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

export const orgToDto = (o: {
  id: string;
  parent_id: string | null;
  name: string;
  short_name: string | null;
  kind: OrgDto['kind'];
  code: string | null;
  active: boolean;
  sort_order: number;
}): OrgDto => ({
  id: o.id,
  parentId: o.parent_id,
  name: o.name,
  shortName: o.short_name,
  kind: o.kind,
  code: o.code,
  active: o.active,
  sortOrder: o.sort_order,
});

export async function listOrgs(db: Executor): Promise<OrgDto[]> {
  const rows = await db.selectFrom('organizations').selectAll().orderBy('path').orderBy('sort_order').execute();
  return rows.map(orgToDto);
}

/** Users with their grants and certificates, as DTOs; `ids` limits the set. */
export async function loadUsers(
  db: Executor,
  where: { ids?: string[]; orgIds?: string[]; q?: string },
): Promise<UserDto[]> {
  let q = db
    .selectFrom('users')
    .innerJoin('organizations', 'organizations.id', 'users.org_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.org_id',
      'organizations.name as org_name',
      'users.active',
      'users.must_change_password',
      'users.phone',
      'users.email',
    ])
    .orderBy('organizations.path')
    .orderBy('users.username');
  if (where.ids) q = q.where('users.id', 'in', where.ids.length ? where.ids : ['00000000-0000-0000-0000-000000000000']);
  if (where.orgIds) q = q.where('users.org_id', 'in', where.orgIds);
  if (where.q)
    q = q.where((eb) =>
      eb.or([eb('users.username', 'ilike', `%${where.q}%`), eb('users.display_name', 'ilike', `%${where.q}%`)]),
    );
  const users = await q.limit(1000).execute();
  if (users.length === 0) return [];
  const ids = users.map((u) => u.id);
  const grants = await db
    .selectFrom('role_assignments')
    .innerJoin('organizations', 'organizations.id', 'role_assignments.org_id')
    .select(['user_id', 'role', 'org_id', 'organizations.name as org_name', 'include_subtree'])
    .where('user_id', 'in', ids)
    .orderBy('role')
    .execute();
  const certs = await db
    .selectFrom('enforcement_certificates')
    .select(['user_id', 'certificate_no', 'issued_on', 'valid_until'])
    .where('user_id', 'in', ids)
    .execute();
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    orgId: u.org_id,
    orgName: u.org_name,
    active: u.active,
    mustChangePassword: u.must_change_password,
    phone: u.phone,
    email: u.email,
    grants: grants
      .filter((g) => g.user_id === u.id)
      .map((g) => ({ role: g.role as Role, orgId: g.org_id, orgName: g.org_name, includeSubtree: g.include_subtree })),
    certificates: certs
      .filter((c) => c.user_id === u.id)
      .map((c) => ({ certificateNo: c.certificate_no, issuedOn: c.issued_on, validUntil: c.valid_until })),
  }));
}
