import { type Clock, systemClock } from '../clock.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor, RequestCtx } from '../access/actor.js';
import { vouchedActor } from '../access/vouchers.js';
import type { Db } from '../db/engine.js';
import { AppError } from '../errors.js';
import { loadActor } from './actor-loader.js';
import { SESSION_COOKIE, touchSession } from './sessions.js';
import { sha256Hex } from './tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    csrfToken: string | null;
    sessionExpired: boolean;
    ctx: RequestCtx;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * The only /api routes an anonymous caller may reach (the portal's, sign-in, health, the API docs, the module
 * list the portal's menu is built from). Everything else is refused with 401 here, in onRequest — before the
 * body is validated, so an anonymous caller learns nothing about a route's schema (401 → 400 → 404 → 200).
 */
// /api/setup: a new installation has nobody to sign in as; it is guarded by the start-up token and refused once
// initialised (modules/identity/identity.setup-routes.ts).
const ANONYMOUS_OK = ['/api/public/', '/api/health', '/api/docs', '/api/auth/login', '/api/modules', '/api/setup'];
/** Routes an actor with a generated initial password may still use. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = ['/api/auth/', '/api/account/password', '/api/health', '/api/public/'];

/**
 * Resolves the actor of each /api request from the session cookie or an `Authorization: Bearer` API
 * token, and enforces CSRF for cookie-authenticated writes (synchronizer token in `x-csrf-token`).
 * Token-authenticated requests need no CSRF token: a browser never sends the header by itself.
 */
export function installAuth(app: FastifyInstance, db: Db, ttlMinutes: number, clock: Clock = systemClock): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionExpired', false);
  app.decorateRequest('ctx', null as unknown as RequestCtx);

  app.addHook('onRequest', async (req) => {
    req.ctx = { actor: null, requestId: req.id, ip: req.ip, clock };
    if (!req.url.startsWith('/api/')) return;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      const token = auth.slice(7).trim();
      const row = await db
        .selectFrom('api_tokens')
        .select(['id', 'user_id', 'expires_at', 'revoked_at'])
        .where('token_hash', '=', sha256Hex(token))
        .executeTakeFirst();
      if (!row || row.revoked_at || (row.expires_at && new Date(row.expires_at) <= new Date())) {
        throw new AppError('unauthenticated', '接口令牌无效、已过期或已吊销，请使用有效令牌。');
      }
      req.actor = await loadActor(db, row.user_id, 'token');
      if (!req.actor) throw new AppError('unauthenticated', '令牌所属用户已停用。');
      await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', row.id).execute();
    } else {
      const raw = req.cookies?.[SESSION_COOKIE];
      if (raw) {
        const s = await touchSession(db, raw, ttlMinutes);
        if (s && 'expired' in s) req.sessionExpired = true;
        else if (s) {
          req.actor = await loadActor(db, s.userId, 'session');
          req.sessionId = req.actor ? s.id : null;
          req.csrfToken = req.actor ? s.csrfToken : null;
        }
      }
      if (req.actor && UNSAFE.has(req.method) && !req.url.startsWith('/api/auth/login')) {
        if (req.headers['x-csrf-token'] !== req.csrfToken) {
          throw new AppError('forbidden', '缺少或无效的 CSRF 校验令牌，请刷新页面后重试。', { reason: 'csrf' });
        }
      }
    }
    // A read of one record cited by a document the actor may read (vouchers.ts): GET only, that path only. The
    // voucher travels in a header, so it never meets a route's query schema.
    const via = req.method === 'GET' ? req.headers['x-fazhi-via'] : undefined;
    if (req.actor && typeof via === 'string' && via.length <= 80)
      req.actor = await vouchedActor(db, req.actor, via, req.url.split('?')[0]!);
    req.ctx = { actor: req.actor, requestId: req.id, ip: req.ip, clock };
    if (!req.actor && !ANONYMOUS_OK.some((p) => req.url.startsWith(p))) requireActor(req);
    if (req.actor?.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.some((p) => req.url.startsWith(p))) {
      throw new AppError('forbidden', '您正在使用系统生成的初始密码，请先修改密码再继续操作。', {
        reason: 'must_change_password',
      });
    }
  });
}

/** The authenticated actor, or a 401 that says whether the session expired. */
export function requireActor(req: FastifyRequest): Actor {
  if (req.actor) return req.actor;
  throw new AppError('unauthenticated', req.sessionExpired ? '登录已过期，请重新登录。' : '请先登录。', {
    reason: req.sessionExpired ? 'session_expired' : 'no_session',
  });
}
