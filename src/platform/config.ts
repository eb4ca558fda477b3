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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.FAZHI_DATA_DIR ?? './data');
  return {
    databaseUrl: env.DATABASE_URL || null,
    dataDir,
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    keyDir: path.resolve(env.FAZHI_KEY_DIR ?? path.join(dataDir, 'keys')),
    sessionTtlMinutes: Number(env.FAZHI_SESSION_TTL_MINUTES ?? 480),
    bodyLimitBytes: Number(env.FAZHI_BODY_LIMIT_BYTES ?? 1_048_576),
    logLevel: env.LOG_LEVEL ?? 'info',
    secureCookies: env.FAZHI_SECURE_COOKIES === '1',
    jobsEnabled: env.FAZHI_JOBS !== '0',
  };
}
