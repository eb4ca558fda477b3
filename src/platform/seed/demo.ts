import { type Actor, systemCtx } from '../access/actor.js';
import { recordAudit } from '../audit/index.js';
import { hashPassword } from '../auth/passwords.js';
import type { Db } from '../db/engine.js';
import { DEMO_GOVERNMENT, DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS } from './demo-data.js';

export async function isEmpty(db: Db): Promise<boolean> {
  const r = await db.selectFrom('organizations').select('id').limit(1).execute();
  return r.length === 0;
}

/**
 * Creates the demo district (示例区) with its units and one user per role, in one transaction.
 * Refuses to run on a database that already has organizations.
 */
export async function seedPlatformDemo(db: Db): Promise<{ users: string[] }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    const ctx = systemCtx('seed');
    const addOrg = async (parent: { id: string; path: string } | null, name: string, shortName: string | null, kind: string, code: string | null, sort: number) => {
      const ins = await trx
        .insertInto('organizations')
        .values({ parent_id: parent?.id ?? null, name, short_name: shortName, kind: kind as 'department', code, path: 'pending', sort_order: sort, active: true })
        .returning('id')
        .executeTakeFirstOrThrow();
      const path = `${parent?.path ?? '/'}${ins.id}/`;
      await trx.updateTable('organizations').set({ path }).where('id', '=', ins.id).execute();
      await recordAudit(trx, ctx, { action: 'org.created', entityKind: 'org', entityId: ins.id, orgId: ins.id, data: { name, kind, parentId: parent?.id ?? null } });
      return { id: ins.id, path };
    };
    const root = await addOrg(null, DEMO_GOVERNMENT.name, DEMO_GOVERNMENT.shortName, 'government', DEMO_GOVERNMENT.code, 0);
    const byCode = new Map<string, { id: string; path: string }>([['root', root]]);
    let i = 1;
    for (const u of DEMO_UNITS) {
      const org = await addOrg(root, u.name, u.shortName, u.kind, u.code, i++);
      byCode.set(u.code, org);
      let j = 1;
      for (const s of u.sections ?? []) {
        const sec = await addOrg(org, s, null, 'section', `${u.code}-${j}`, j);
        byCode.set(`${u.code}-${j++}`, sec);
      }
    }
    for (const u of DEMO_USERS) {
      const org = byCode.get(u.org)!;
      const user = await trx
        .insertInto('users')
        .values({ username: u.username, display_name: u.displayName, org_id: org.id, password_hash: passwordHash, must_change_password: false, active: true, phone: null, email: null, password_changed_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const g of u.roles) {
        await trx.insertInto('role_assignments').values({ user_id: user.id, role: g.role, org_id: byCode.get(g.at ?? u.org)!.id, include_subtree: !!g.subtree }).execute();
      }
      if (u.certificate) {
        await trx
          .insertInto('enforcement_certificates')
          .values({ user_id: user.id, certificate_no: u.certificate.certificateNo, issued_on: u.certificate.issuedOn, valid_until: u.certificate.validUntil })
          .execute();
      }
      await recordAudit(trx, ctx, {
        action: 'user.created',
        entityKind: 'user',
        entityId: user.id,
        orgId: org.id,
        data: { username: u.username, orgId: org.id, roles: u.roles.map((r) => r.role) },
      });
    }
    await recordAudit(trx, ctx, { action: 'system.seeded', entityKind: 'system', entityId: null, data: { demo: true } });
  });
  return { users: DEMO_USERS.map((u) => u.username) };
}

/** A system actor for seeding module demo data as if a given demo user acted. */
export async function demoActor(db: Db, username: string): Promise<Actor> {
  const { loadActor } = await import('../auth/actor-loader.js');
  const u = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return (await loadActor(db, u.id, 'session'))!;
}

/**
 * What the start banner says, and only what is true: the first-run instructions on an empty installation, the
 * demo accounts when (and only those that) exist, otherwise just the addresses.
 */
export async function startBanner(
  db: Db,
  port: number,
  host: string,
  setup: { needed: boolean; token: string },
): Promise<string> {
  const base = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
  if (setup.needed)
    return [
      '',
      `  Fazhi 数字法治政府平台已启动：${base}/`,
      '  本系统尚未初始化（还没有任何单位和用户）。请任选一种方式建立本级政府和首个系统管理员：',
      `    浏览器打开 ${base}/setup ，输入首次安装令牌：${setup.token}`,
      '    或在命令行运行：npm run fazhi -- init --name <政府名称> --code <单位代码> --admin <用户名> --admin-name <姓名>',
      '',
    ].join('\n');
  const present = await db
    .selectFrom('users')
    .select('username')
    .where('username', 'in', DEMO_USERS.map((u) => u.username))
    .where('active', '=', true)
    .execute();
  if (present.length === 0)
    return ['', `  Fazhi 数字法治政府平台已启动：${base}/`, `  工作台：${base}/admin`, ''].join('\n');
  return loginHelp(port, host, new Set(present.map((u) => u.username)));
}

export function loginHelp(port: number, host: string, only?: Set<string>): string {
  const lines = DEMO_USERS.filter((u) => !only || only.has(u.username)).map(
    (u) => `    ${u.username.padEnd(12)} ${u.displayName}`,
  );
  return [
    '',
    `  Fazhi 数字法治政府平台已启动：http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`,
    `  工作台：http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/admin   演示账号密码均为：${DEMO_PASSWORD}`,
    ...lines,
    '',
  ].join('\n');
}
