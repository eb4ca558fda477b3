import { sql } from 'kysely';
import { intSetting } from '../config.js';
import type { Executor } from '../db/engine.js';

/**
 * Login throttling, per account and per IP, counted from the login_attempts table so it holds across
 * several server instances. Limits are configuration (FAZHI_LOGIN_* variables) with these defaults.
 */
export const THROTTLE = throttleSettings(process.env);

export function throttleSettings(env: NodeJS.ProcessEnv) {
  return {
    windowMinutes: intSetting(env, 'FAZHI_LOGIN_WINDOW_MINUTES', 15),
    maxPerAccount: intSetting(env, 'FAZHI_LOGIN_MAX_PER_ACCOUNT', 5),
    maxPerIp: intSetting(env, 'FAZHI_LOGIN_MAX_PER_IP', 30),
  };
}

export async function throttleState(
  db: Executor,
  username: string,
  ip: string,
): Promise<{ blocked: false } | { blocked: true; scope: 'account' | 'ip'; retryAfterSeconds: number }> {
  const since = sql<Date>`now() - make_interval(mins => ${THROTTLE.windowMinutes})`;
  const rows = await sql<{ scope: 'account' | 'ip'; n: number; oldest: Date | null }>`
    select 'account' as scope, count(*)::int as n, min(at) as oldest from login_attempts
      where lower(username) = lower(${username}) and not success and at > ${since}
        and at > coalesce((select max(at) from login_attempts where lower(username) = lower(${username}) and success), 'epoch')
    union all
    select 'ip', count(*)::int, min(at) from login_attempts where ip = ${ip} and not success and at > ${since}`.execute(
    db,
  );
  for (const r of rows.rows) {
    const max = r.scope === 'account' ? THROTTLE.maxPerAccount : THROTTLE.maxPerIp;
    if (r.n >= max && r.oldest) {
      const until = new Date(r.oldest).getTime() + THROTTLE.windowMinutes * 60_000;
      return { blocked: true, scope: r.scope, retryAfterSeconds: Math.max(1, Math.ceil((until - Date.now()) / 1000)) };
    }
  }
  return { blocked: false };
}
