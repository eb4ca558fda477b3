import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { MODULES } from '../../src/modules/index.js';
import type { AppDeps } from '../../src/platform/manifest.js';
import { type LocalDate, today } from '../../src/platform/calendar/index.js';
import { type Clock, fixedClock } from '../../src/platform/clock.js';
import { loadConfig } from '../../src/platform/config.js';
import type { DbHandle } from '../../src/platform/db/engine.js';
import { DEMO_PASSWORD } from '../../src/platform/seed/demo-data.js';
import { seedPlatformDemo } from '../../src/platform/seed/demo.js';
import { createTestDb } from './db.js';
import pino from 'pino';

/**
 * The instant every test app runs at unless it is given a clock: Monday 7 December 2026, 10:00 in Beijing, a
 * working day (no holiday or adjusted day in the 2026 notice) after the last dated act of the module demos
 * (2026-11-30), so the demo history lies in the past. No result may depend on the day the suite runs.
 */
export const TEST_NOW = '2026-12-07T02:00:00Z';
/** The Beijing day of TEST_NOW (2026-12-07), for expectations computed before the app exists. */
export const TEST_TODAY: LocalDate = today(new Date(TEST_NOW));

export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
  orgId: string;
}

export interface TestApp {
  app: FastifyInstance;
  h: DbHandle;
  db: DbHandle['db'];
  deps: AppDeps;
  /** The app's clock (also `deps.clock`): fixed at TEST_NOW unless the test passed its own. */
  clock: Clock;
  /** Logs in a demo user (see src/platform/seed/demo-data.ts) and returns its cookie and CSRF token. */
  loginAs(username: string): Promise<Session>;
  /** Injects a request as `s` (cookie + CSRF header), or anonymously when s is null. */
  call(s: Session | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  orgId(code: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A built app on a fresh database with the demo district's units and users (but no module demo data
 * unless `moduleDemo` is set). Module `init` hooks run as at start-up. The clock is `fixedClock(TEST_NOW)` unless
 * `clock` is given (browser tests pass `systemClock`, see there).
 */
export async function createTestApp(
  opts: {
    moduleDemo?: boolean;
    /** A new installation: no organisation and no user (the first-run page and `fazhi init`). */
    empty?: boolean;
    env?: Record<string, string>;
    logger?: Record<string, unknown>;
    clock?: Clock;
  } = {},
): Promise<TestApp> {
  const h = await createTestDb();
  // Each test app signs its ledger with its own key in a temporary directory.
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-keys-'));
  const config = {
    ...loadConfig({ ...process.env, FAZHI_KEY_DIR: keyDir, ...opts.env }),
    jobsEnabled: false,
    logLevel: 'silent',
  };
  if (!opts.empty) await seedPlatformDemo(h.db);
  const clock = opts.clock ?? fixedClock(TEST_NOW);
  const deps: AppDeps = { db: h.db, config, log: pino({ level: 'silent' }), engine: h.engine, clock, modules: MODULES };
  if (opts.moduleDemo) for (const m of MODULES) await m.seedDemo?.(deps);
  const app = await buildApp({ db: h.db, engine: h.engine, config, logger: opts.logger ?? false, clock });
  await app.ready();
  const call = (s: Session | null, o: InjectOptions) =>
    app.inject({
      ...o,
      headers: {
        ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}),
        ...(o.headers ?? {}),
      },
    });
  return {
    app,
    h,
    db: h.db,
    deps,
    clock,
    call,
    async loginAs(username: string) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: DEMO_PASSWORD },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const set = res.cookies.find((c) => c.name === 'fazhi_session');
      const body = res.json();
      return { cookie: `fazhi_session=${set!.value}`, csrf: body.csrfToken, userId: body.userId, orgId: body.orgId };
    },
    async orgId(code: string) {
      const o = await h.db.selectFrom('organizations').select('id').where('code', '=', code).executeTakeFirstOrThrow();
      return o.id;
    },
    async close() {
      await app.close();
      await h.close();
      fs.rmSync(keyDir, { recursive: true, force: true });
    },
  };
}

/** Audit rows for an entity, newest last — tests assert that every mutation wrote its event. */
export async function auditFor(db: DbHandle['db'], entityKind: string, entityId?: string) {
  let q = db.selectFrom('audit_events').selectAll().where('entity_kind', '=', entityKind);
  if (entityId) q = q.where('entity_id', '=', entityId);
  return q.orderBy('seq').execute();
}
