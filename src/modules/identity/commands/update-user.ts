import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import { generateInitialPassword, hashPassword } from '../../../platform/auth/passwords.js';
import type { Db } from '../../../platform/db/engine.js';
import { AppError, notFound } from '../../../platform/errors.js';
import type { z } from '../../../platform/http/zod.js';
import { loadUsers } from '../identity.repo.js';
import type { UpdateUserBody, UserDto } from '../identity.schemas.js';
import { assertGrantOrgs } from './create-user.js';
import { nowOf } from '../../../platform/clock.js';

export async function updateUser(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: z.infer<typeof UpdateUserBody>,
): Promise<UserDto> {
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!user) throw notFound('用户');
    const changes: Record<string, unknown> = {};
    if (input.displayName !== undefined && input.displayName !== user.display_name)
      changes.display_name = input.displayName;
    if (input.phone !== undefined && input.phone !== user.phone) changes.phone = input.phone;
    if (input.email !== undefined && input.email !== user.email) changes.email = input.email;
    if (input.active !== undefined && input.active !== user.active) {
      if (!input.active && ctx.actor?.userId === id) throw new AppError('unprocessable', '不能停用自己的账号。');
      changes.active = input.active;
    }
    if (input.orgId !== undefined && input.orgId !== user.org_id) {
      const org = await trx.selectFrom('organizations').select('id').where('id', '=', input.orgId).executeTakeFirst();
      if (!org) throw new AppError('unprocessable', '所属单位不存在，请重新选择。', { field: 'orgId' });
      changes.org_id = input.orgId;
    }
    if (Object.keys(changes).length) {
      await trx
        .updateTable('users')
        .set({ ...changes, updated_at: nowOf(ctx) })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, ctx, {
        action: 'user.updated',
        entityKind: 'user',
        entityId: id,
        orgId: user.org_id,
        data: { changes },
      });
    }
    if (changes.active === false) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    if (input.grants) {
      await assertGrantOrgs(trx, input.grants);
      const current = await trx.selectFrom('role_assignments').selectAll().where('user_id', '=', id).execute();
      const key = (g: { role: string; orgId: string }) => `${g.role}@${g.orgId}`;
      const wanted = new Map(input.grants.map((g) => [key(g), g]));
      for (const c of current) {
        const w = wanted.get(key({ role: c.role, orgId: c.org_id }));
        if (!w || w.includeSubtree !== c.include_subtree) {
          if (ctx.actor?.userId === id && c.role === 'system_admin' && !w) {
            throw new AppError('unprocessable', '不能撤销自己的系统管理员角色。', { field: 'grants' });
          }
          await trx.deleteFrom('role_assignments').where('id', '=', c.id).execute();
          await recordAudit(trx, ctx, {
            action: 'user.role_revoked',
            entityKind: 'user',
            entityId: id,
            orgId: c.org_id,
            data: { role: c.role, orgId: c.org_id },
          });
        }
      }
      for (const g of input.grants) {
        const had = current.find(
          (c) => c.role === g.role && c.org_id === g.orgId && c.include_subtree === g.includeSubtree,
        );
        if (had) continue;
        await trx
          .insertInto('role_assignments')
          .values({ user_id: id, role: g.role, org_id: g.orgId, include_subtree: g.includeSubtree })
          .execute();
        await recordAudit(trx, ctx, {
          action: 'user.role_granted',
          entityKind: 'user',
          entityId: id,
          orgId: g.orgId,
          data: { role: g.role, orgId: g.orgId, includeSubtree: g.includeSubtree },
        });
      }
    }
  });
  const [dto] = await loadUsers(db, { ids: [id] });
  return dto;
}

/** An administrator resets a password: a new generated one, to be changed at next login; sessions end. */
export async function resetPassword(db: Db, ctx: RequestCtx, id: string): Promise<string> {
  const password = generateInitialPassword();
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'org_id'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!user) throw notFound('用户');
    await trx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: true, updated_at: nowOf(ctx) })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await recordAudit(trx, ctx, {
      action: 'user.password_reset',
      entityKind: 'user',
      entityId: id,
      orgId: user.org_id,
      data: { byAdmin: true },
    });
  });
  return password;
}
