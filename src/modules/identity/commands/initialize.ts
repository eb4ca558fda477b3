import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import { generateInitialPassword, hashPassword, passwordProblems } from '../../../platform/auth/passwords.js';
import type { Db } from '../../../platform/db/engine.js';
import { AppError, conflict } from '../../../platform/errors.js';
import type { z } from '../../../platform/http/zod.js';
import { loadUsers } from '../identity.repo.js';
import type { InitializeBody, OrgDto, UserDto } from '../identity.schemas.js';
import { insertOrg } from './create-org.js';
import { insertUser } from './create-user.js';

/** A new installation has no organisation yet: it must be initialised (CLI `fazhi init` or the first-run page). */
export async function needsSetup(db: Db): Promise<boolean> {
  const r = await db.selectFrom('organizations').select('id').limit(1).execute();
  return r.length === 0;
}

let token: string | null = null;

/**
 * The first-run token: printed in the server's start banner while the installation is empty and asked for by the
 * first-run page, so that only whoever can read the server's console claims a new installation. One per process.
 */
export function setupToken(): string {
  token ??= randomBytes(9).toString('base64url');
  return token;
}

export function checkSetupToken(given: string): void {
  const want = Buffer.from(setupToken());
  const got = Buffer.from(given);
  if (want.length !== got.length || !timingSafeEqual(want, got))
    throw new AppError('forbidden', '首次安装令牌不正确：请使用服务启动时控制台显示的令牌。', { field: 'token' });
}

/**
 * The first installation: the government (the root of the organisation tree) and its first administrator
 * (系统管理员 over the whole tree) with a one-time password, in one transaction. Refused (409) once any
 * organisation exists, so it can run only once; concurrent attempts are serialised on an advisory lock.
 */
export async function initializeInstallation(
  db: Db,
  ctx: RequestCtx,
  input: z.infer<typeof InitializeBody>,
  via: 'cli' | 'web',
): Promise<{ org: OrgDto; user: UserDto; initialPassword: string }> {
  const password = generateInitialPassword();
  const problems = passwordProblems(password, input.adminUsername);
  if (problems.length) throw new AppError('unprocessable', `密码不符合要求：${problems.join('；')}。`);
  const passwordHash = await hashPassword(password);
  const { org, userId } = await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('fazhi.initialize'))`.execute(trx);
    const any = await trx.selectFrom('organizations').select('id').limit(1).execute();
    if (any.length)
      throw conflict('系统已经初始化（已有单位），不能重复初始化。请使用管理员账号登录后管理单位和用户。');
    const org = await insertOrg(trx, ctx, {
      parentId: null,
      name: input.governmentName,
      kind: 'government',
      code: input.governmentCode,
    });
    const userId = await insertUser(
      trx,
      ctx,
      {
        username: input.adminUsername,
        displayName: input.adminName,
        orgId: org.id,
        grants: [{ role: 'system_admin', orgId: org.id, includeSubtree: true }],
      },
      passwordHash,
      true,
    );
    await recordAudit(trx, ctx, {
      action: 'system.initialized',
      entityKind: 'system',
      entityId: null,
      orgId: org.id,
      data: { government: input.governmentName, admin: input.adminUsername, via },
    });
    return { org, userId };
  });
  const [user] = await loadUsers(db, { ids: [userId] });
  return { org, user: user!, initialPassword: password };
}
