import type { Db, Executor } from '../db/engine.js';
import { newSecret, sha256Hex } from './tokens.js';

export const SESSION_COOKIE = 'fazhi_session';

/** Creates a server-side session. Returns the raw token (cookie value) and the CSRF token; only hashes are stored. */
export async function createSession(
  db: Executor,
  userId: string,
  ttlMinutes: number,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = newSecret('', 32);
  const csrfToken = newSecret('', 24);
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ttlMinutes * 60_000);
  await db
    .insertInto('sessions')
    .values({
      id: sha256Hex(token),
      user_id: userId,
      csrf_token: csrfToken,
      last_seen_at: now,
      expires_at: expiresAt,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** Finds a live session by its raw token and slides its expiry (idle timeout). Expired sessions are removed. */
export async function touchSession(
  db: Db,
  token: string,
  ttlMinutes: number,
): Promise<{ id: string; userId: string; csrfToken: string } | { expired: true } | null> {
  const id = sha256Hex(token);
  const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const now = new Date();
  if (new Date(row.expires_at) <= now) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return { expired: true };
  }
  // Only write when a minute has passed, to keep reads cheap.
  if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now, expires_at: new Date(now.getTime() + ttlMinutes * 60_000) })
      .where('id', '=', id)
      .execute();
  }
  return { id, userId: row.user_id, csrfToken: row.csrf_token };
}

export async function destroySession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}
