import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import { generateInitialPassword, hashPassword, passwordProblems } from '../../../platform/auth/passwords.js';
import type { Db, Trx } from '../../../platform/db/engine.js';
import { AppError } from '../../../platform/errors.js';
import type { z } from '../../../platform/http/zod.js';
import { loadUsers } from '../identity.repo.js';
import type { CreateUserBody, GrantInput, UserDto } from '../identity.schemas.js';

/** Checks every org referenced by grants exists; returns nothing, throws 422 naming the bad one. */
export async function assertGrantOrgs(trx: Trx, grants: z.infer<typeof GrantInput>[]): Promise<void> {
  if (grants.length === 0) return;
  const ids = [...new Set(grants.map((g) => g.orgId))];
  const found = await trx.selectFrom('organizations').select('id').where('id', 'in', ids).execute();
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length)
    throw new AppError('unprocessable', '角色授权中的单位不存在，请重新选择。', { field: 'grants', missing });
}

/**
 * Creates an account with a generated initial password (returned once, never stored in clear, never
 * logged); the user must change it at first login. A caller may pass its own password (CLI).
 */
export async function createUser(
  db: Db,
  ctx: RequestCtx,
  input: z.infer<typeof CreateUserBody>,
  opts: { password?: string; mustChange?: boolean } = {},
): Promise<{ user: UserDto; initialPassword: string }> {
  const password = opts.password ?? generateInitialPassword();
  const problems = passwordProblems(password, input.username);
  if (problems.length)
    throw new AppError('unprocessable', `密码不符合要求：${problems.join('；')}。`, { field: 'password' });
  const passwordHash = await hashPassword(password);
  const userId = await db
    .transaction()
    .execute((trx) => insertUser(trx, ctx, input, passwordHash, opts.mustChange ?? true));
  const [user] = await loadUsers(db, { ids: [userId] });
  return { user, initialPassword: password };
}

/** Inserts the account with its grants and certificate inside the caller's transaction; returns its id. */
export async function insertUser(
  trx: Trx,
  ctx: RequestCtx,
  input: z.infer<typeof CreateUserBody>,
  passwordHash: string,
  mustChange: boolean,
): Promise<string> {
  const org = await trx
    .selectFrom('organizations')
    .select(['id', 'active'])
    .where('id', '=', input.orgId)
    .executeTakeFirst();
  if (!org) throw new AppError('unprocessable', '所属单位不存在，请重新选择。', { field: 'orgId' });
  if (!org.active) throw new AppError('unprocessable', '所属单位已停用。', { field: 'orgId' });
  const dup = await trx
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['username']), '=', input.username.toLowerCase()))
    .executeTakeFirst();
  if (dup) throw new AppError('conflict', `用户名「${input.username}」已被使用，请换一个。`, { field: 'username' });
  await assertGrantOrgs(trx, input.grants);
  const u = await trx
    .insertInto('users')
    .values({
      username: input.username,
      display_name: input.displayName,
      org_id: input.orgId,
      password_hash: passwordHash,
      must_change_password: mustChange,
      active: true,
      phone: input.phone ?? null,
      email: input.email ?? null,
      password_changed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const g of input.grants) {
    await trx
      .insertInto('role_assignments')
      .values({ user_id: u.id, role: g.role, org_id: g.orgId, include_subtree: g.includeSubtree })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  if (input.certificate) {
    const c = input.certificate;
    if (c.validUntil < c.issuedOn)
      throw new AppError('unprocessable', '执法证有效期截止日不能早于发证日期。', {
        field: 'certificate.validUntil',
      });
    const dupCert = await trx
      .selectFrom('enforcement_certificates')
      .select('id')
      .where('certificate_no', '=', c.certificateNo)
      .executeTakeFirst();
    if (dupCert)
      throw new AppError('conflict', `执法证号「${c.certificateNo}」已登记。`, {
        field: 'certificate.certificateNo',
      });
    await trx
      .insertInto('enforcement_certificates')
      .values({ user_id: u.id, certificate_no: c.certificateNo, issued_on: c.issuedOn, valid_until: c.validUntil })
      .execute();
  }
  await recordAudit(trx, ctx, {
    action: 'user.created',
    entityKind: 'user',
    entityId: u.id,
    orgId: input.orgId,
    data: { username: input.username, orgId: input.orgId, roles: input.grants.map((g) => g.role) },
  });
  return u.id;
}
