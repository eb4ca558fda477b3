import path from 'node:path';

/** Runtime configuration, read once from the environment. Documented in README.md. */
export interface Config {
  databaseUrl: string | null;
  dataDir: string;
  port: number;
  host: string;
  keyDir: string;
  sessionTtlMinutes: number;
  bodyLimitBytes: number;
  logLevel: string;
  secureCookies: boolean;
  jobsEnabled: boolean;
}

/**
 * A whole-number setting from the environment, or its default when unset. A value that is not a whole number
 * in range stops the process with the variable's name: a typo must not silently turn a limit off (NaN compares
 * false with everything, so `attempts >= NaN` would never throttle).
 */
export function intSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`配置项 ${name}=${JSON.stringify(raw)} 无效：应为 ${min} 到 ${max} 之间的整数（不设置则为默认值 ${fallback}）`);
  }
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.FAZHI_DATA_DIR ?? './data');
  return {
    databaseUrl: env.DATABASE_URL || null,
    dataDir,
    port: intSetting(env, 'PORT', 3000, 0, 65535),
    host: env.HOST ?? '127.0.0.1',
    keyDir: path.resolve(env.FAZHI_KEY_DIR ?? path.join(dataDir, 'keys')),
    sessionTtlMinutes: intSetting(env, 'FAZHI_SESSION_TTL_MINUTES', 480),
    bodyLimitBytes: intSetting(env, 'FAZHI_BODY_LIMIT_BYTES', 1_048_576, 1024),
    logLevel: env.LOG_LEVEL ?? 'info',
    secureCookies: env.FAZHI_SECURE_COOKIES === '1',
    jobsEnabled: env.FAZHI_JOBS !== '0',
  };
}
