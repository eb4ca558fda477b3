import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ROLE_LABELS } from '../access/actor.js';
import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/engine.js';
import { AppError, notFound } from '../errors.js';
import { UuidParam, errorResponses, z } from '../http/zod.js';
import { loadActor } from './actor-loader.js';
import type * as C from './auth.contract.js';
import { dummyVerify, hashPassword, passwordProblems, verifyPassword } from './passwords.js';
import { requireActor } from './plugin.js';
import { SESSION_COOKIE, createSession, destroySession } from './sessions.js';
import { throttleState } from './throttle.js';
import { newSecret, sha256Hex } from './tokens.js';

export const MeDto: z.ZodType<C.MeDto> = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  mustChangePassword: z.boolean(),
  csrfToken: z.string().nullable(),
  grants: z.array(
    z.object({ role: z.string(), roleLabel: z.string(), orgId: z.string(), includeSubtree: z.boolean() }),
  ),
});

const TokenDto: z.ZodType<C.ApiTokenDto> = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revoked: z.boolean(),
});

export function authRoutes(app: FastifyInstance, db: Db, opts: { ttlMinutes: number; secureCookies: boolean }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['登录与账号'];

  const me = async (actor: NonNullable<Awaited<ReturnType<typeof loadActor>>>, csrf: string | null) => {
    const org = await db
      .selectFrom('organizations')
      .select('name')
      .where('id', '=', actor.orgId)
      .executeTakeFirstOrThrow();
    return {
      userId: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      orgId: actor.orgId,
      orgName: org.name,
      mustChangePassword: actor.mustChangePassword,
      csrfToken: csrf,
      grants: actor.grants.map((g) => ({
        role: g.role,
        roleLabel: ROLE_LABELS[g.role] ?? g.role,
        orgId: g.orgId,
        includeSubtree: g.includeSubtree,
      })),
    };
  };

  r.post('/api/auth/login', {
    schema: {
      tags,
      summary: '用户名密码登录',
      body: z.strictObject({
        username: z.string({ error: '请填写用户名' }).trim().min(1, { error: '请填写用户名' }).max(64),
        password: z.string({ error: '请填写密码' }).min(1, { error: '请填写密码' }).max(256),
      }),
      response: { 200: MeDto, 429: errorResponses[401], ...errorResponses },
    },
    handler: async (req, reply) => {
      const { username, password } = req.body;
      const t = await throttleState(db, username, req.ip);
      if (t.blocked) {
        reply.header('retry-after', String(t.retryAfterSeconds));
        const mins = Math.ceil(t.retryAfterSeconds / 60);
        throw new AppError(
          'rate_limited',
          t.scope === 'account'
            ? `该账号连续登录失败次数过多，已暂时锁定，请 ${mins} 分钟后再试，或联系管理员重置密码。`
            : `来自您所在网络的登录失败次数过多，请 ${mins} 分钟后再试。`,
          { scope: t.scope, retryAfterSeconds: t.retryAfterSeconds },
        );
      }
      const user = await db
        .selectFrom('users')
        .select(['id', 'password_hash', 'active', 'org_id'])
        .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
        .executeTakeFirst();
      const ok = user ? await verifyPassword(user.password_hash, password) : (await dummyVerify(password), false);
      if (!user || !ok || !user.active) {
        await db.transaction().execute(async (trx) => {
          await trx.insertInto('login_attempts').values({ username, ip: req.ip, success: false }).execute();
          await recordAudit(trx, req.ctx, {
            action: 'session.login_failed',
            entityKind: 'user',
            entityId: user?.id ?? null,
            orgId: user?.org_id ?? null,
            data: { username, reason: !user ? 'unknown_user' : !ok ? 'bad_password' : 'disabled' },
          });
        });
        throw new AppError('unauthenticated', '用户名或密码不正确。', { reason: 'bad_credentials' });
      }
      const session = await db.transaction().execute(async (trx) => {
        await trx.insertInto('login_attempts').values({ username, ip: req.ip, success: true }).execute();
        const s = await createSession(trx, user.id, opts.ttlMinutes, {
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? null,
        });
        const actor = await loadActor(trx, user.id, 'session');
        await recordAudit(
          trx,
          { ...req.ctx, actor },
          {
            action: 'session.logged_in',
            entityKind: 'user',
            entityId: user.id,
            orgId: user.org_id,
            data: { via: 'password' },
          },
        );
        return s;
      });
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: opts.secureCookies,
        path: '/',
        expires: new Date(Date.now() + 7 * 86400_000),
      });
      const actor = await loadActor(db, user.id, 'session');
      return me(actor!, session.csrfToken);
    },
  });

  r.post('/api/auth/logout', {
    schema: { tags, summary: '退出登录', response: { 200: z.object({ ok: z.literal(true) }), ...errorResponses } },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      if (req.sessionId) {
        const sid = req.sessionId;
        await db.transaction().execute(async (trx) => {
          await destroySession(trx, sid);
          await recordAudit(trx, req.ctx, {
            action: 'session.logged_out',
            entityKind: 'user',
            entityId: actor.userId,
            data: {},
          });
        });
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });

  r.get('/api/auth/me', {
    schema: { tags, summary: '当前用户', response: { 200: MeDto, ...errorResponses } },
    handler: async (req) => me(requireActor(req), req.csrfToken),
  });

  r.post('/api/account/password', {
    schema: {
      tags,
      summary: '修改本人密码',
      body: z.strictObject({
        currentPassword: z.string({ error: '请填写当前密码' }).min(1, { error: '请填写当前密码' }).max(256),
        newPassword: z.string({ error: '请填写新密码' }).min(1, { error: '请填写新密码' }).max(256),
      }),
      response: { 200: z.object({ ok: z.literal(true) }), ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const row = await db
        .selectFrom('users')
        .select(['password_hash'])
        .where('id', '=', actor.userId)
        .executeTakeFirstOrThrow();
      if (!(await verifyPassword(row.password_hash, req.body.currentPassword))) {
        throw new AppError('unprocessable', '当前密码不正确。', { field: 'currentPassword' });
      }
      if (req.body.newPassword === req.body.currentPassword) {
        throw new AppError('unprocessable', '新密码不能与当前密码相同。', { field: 'newPassword' });
      }
      const problems = passwordProblems(req.body.newPassword, actor.username);
      if (problems.length)
        throw new AppError('unprocessable', `新密码不符合要求：${problems.join('；')}。`, {
          field: 'newPassword',
          problems,
        });
      const hash = await hashPassword(req.body.newPassword);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({
            password_hash: hash,
            must_change_password: false,
            password_changed_at: new Date(),
            updated_at: new Date(),
          })
          .where('id', '=', actor.userId)
          .execute();
        // End every other session of this user: a changed password must lock out whoever knew the old one.
        await trx
          .deleteFrom('sessions')
          .where('user_id', '=', actor.userId)
          .where('id', '<>', req.sessionId ?? '')
          .execute();
        await recordAudit(trx, req.ctx, {
          action: 'user.password_changed',
          entityKind: 'user',
          entityId: actor.userId,
          data: {},
        });
      });
      return { ok: true as const };
    },
  });

  r.get('/api/account/tokens', {
    schema: {
      tags,
      summary: '我的接口令牌',
      response: { 200: z.object({ items: z.array(TokenDto) }), ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const rows = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('user_id', '=', actor.userId)
        .orderBy('created_at', 'desc')
        .execute();
      return {
        items: rows.map((t) => ({
          id: t.id,
          name: t.name,
          prefix: t.prefix,
          createdAt: new Date(t.created_at).toISOString(),
          expiresAt: t.expires_at ? new Date(t.expires_at).toISOString() : null,
          lastUsedAt: t.last_used_at ? new Date(t.last_used_at).toISOString() : null,
          revoked: !!t.revoked_at,
        })),
      };
    },
  });

  r.post('/api/account/tokens', {
    schema: {
      tags,
      summary: '创建接口令牌（明文只返回一次）',
      body: z.strictObject({
        name: z.string({ error: '请填写令牌名称' }).trim().min(1, { error: '请填写令牌名称' }).max(60),
        expiresInDays: z.number().int().min(1).max(3650).optional(),
      }),
      response: {
        201: z.object({ id: z.string(), token: z.string(), prefix: z.string() }) satisfies z.ZodType<C.CreatedTokenDto>,
        ...errorResponses,
      },
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      if (actor.via === 'token') throw new AppError('forbidden', '不能使用接口令牌创建新令牌，请登录后操作。');
      const token = newSecret('fz_', 32);
      const prefix = token.slice(0, 10);
      const row = await db.transaction().execute(async (trx) => {
        const t = await trx
          .insertInto('api_tokens')
          .values({
            user_id: actor.userId,
            name: req.body.name,
            token_hash: sha256Hex(token),
            prefix,
            expires_at: req.body.expiresInDays ? new Date(Date.now() + req.body.expiresInDays * 86400_000) : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(trx, req.ctx, {
          action: 'api_token.created',
          entityKind: 'api_token',
          entityId: t.id,
          data: { name: req.body.name, prefix },
        });
        return t;
      });
      reply.status(201);
      return { id: row.id, token, prefix };
    },
  });

  r.delete('/api/account/tokens/:id', {
    schema: {
      tags,
      summary: '吊销接口令牌',
      params: UuidParam,
      response: { 200: z.object({ ok: z.literal(true) }), ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      await db.transaction().execute(async (trx) => {
        const t = await trx
          .selectFrom('api_tokens')
          .selectAll()
          .where('id', '=', req.params.id)
          .where('user_id', '=', actor.userId)
          .forUpdate()
          .executeTakeFirst();
        if (!t) throw notFound('令牌');
        if (t.revoked_at) return;
        await trx.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', t.id).execute();
        await recordAudit(trx, req.ctx, {
          action: 'api_token.revoked',
          entityKind: 'api_token',
          entityId: t.id,
          data: { name: t.name },
        });
      });
      return { ok: true as const };
    },
  });
}
