import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { type ZodTypeProvider, jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { MODULES } from './modules/index.js';
import type { AppDeps, ModuleManifest } from './platform/manifest.js';
import { auditRoutes } from './platform/audit/audit.routes.js';
import { authRoutes } from './platform/auth/auth.routes.js';
import { installAuth } from './platform/auth/plugin.js';
import type { Config } from './platform/config.js';
import type { Db } from './platform/db/engine.js';
import { migrationState, ping } from './platform/db/migrate.js';
import { installErrorHandler } from './platform/http/errors.js';
import { z } from './platform/http/zod.js';
import { notificationRoutes } from './platform/notifications.routes.js';
import { VERSION } from './platform/version.js';
import { type Clock, systemClock } from './platform/clock.js';
import { registerPublicDeadlineKind } from './platform/calendar/index.js';
import { registerRecordSource } from './platform/ledger/sources.js';

export const WEB_DIST = path.resolve(import.meta.dirname, '../dist/web');

export interface BuildOptions {
  db: Db;
  engine: 'pglite' | 'postgres';
  config: Config;
  logger?: boolean | Record<string, unknown>;
  modules?: ModuleManifest[];
  /** The clock commands read (tests fix it); the process clock by default. */
  clock?: Clock;
}

/** Builds the Fastify instance: the only place platform services and modules are wired together. */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { db, config } = opts;
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: {
              paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]', '*.password', '*.newPassword', '*.currentPassword', '*.token'],
              censor: '[已隐藏]',
            },
            ...(typeof opts.logger === 'object' ? opts.logger : {}),
          },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: process.env.FAZHI_TRUST_PROXY === '1',
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    ajv: undefined,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // Ant Design injects component styles at run time
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Fazhi 数字法治政府平台 API', version: VERSION, description: '工作台接口需要登录（Cookie 会话 + x-csrf-token，或 Bearer 接口令牌）；/api/public 为政务公开接口，无需登录。' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'fazhi_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  const clock = opts.clock ?? systemClock;
  const modules = opts.modules ?? MODULES;
  installAuth(app, db, config.sessionTtlMinutes, clock);

  const deps: AppDeps = { db, config, log: app.log as unknown as Logger, engine: opts.engine, clock, modules };
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/health', {
    schema: {
      tags: ['系统'],
      summary: '健康检查：引擎、版本、迁移状态',
      response: {
        200: z.object({
          status: z.enum(['ok', 'degraded']),
          engine: z.enum(['pglite', 'postgres']),
          version: z.string(),
          database: z.enum(['up', 'down']),
          migrations: z.object({ applied: z.number(), pending: z.number(), latest: z.string().nullable() }).nullable(),
        }),
        503: z.object({ status: z.literal('down'), engine: z.string(), version: z.string(), database: z.literal('down'), message: z.string() }),
      },
    },
    handler: async (_req, reply) => {
      try {
        await ping(db);
        const m = await migrationState(db);
        return { status: m.pending ? ('degraded' as const) : ('ok' as const), engine: opts.engine, version: VERSION, database: 'up' as const, migrations: m };
      } catch {
        return reply.status(503).send({ status: 'down' as const, engine: opts.engine, version: VERSION, database: 'down' as const, message: '数据库不可用' });
      }
    },
  });
  authRoutes(app, db, { ttlMinutes: config.sessionTtlMinutes, secureCookies: config.secureCookies });
  auditRoutes(app, db);
  notificationRoutes(app, db);
  r.get('/api/modules', {
    schema: { tags: ['系统'], summary: '已启用的模块', response: { 200: z.object({ items: z.array(z.object({ name: z.string(), label: z.string() })) }) } },
    handler: async () => ({ items: modules.map((m) => ({ name: m.name, label: m.label })) }),
  });
  for (const m of modules) {
    await initModule(m, deps);
    await m.routes?.(app, deps);
    await m.publicRoutes?.(app, deps);
  }

  // The web app (workbench at /admin, portal at /), built by `npm run build` into dist/web.
  if (fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false, index: false });
    const indexHtml = fs.readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8');
    app.get('/*', async (req, reply) => {
      if (req.url.startsWith('/api/')) return reply.callNotFound();
      const file = req.url.split('?')[0];
      if (file !== '/' && fs.existsSync(path.join(WEB_DIST, file)) && !file.includes('..')) return reply.sendFile(file.slice(1));
      return reply.type('text/html; charset=utf-8').send(indexHtml);
    });
  }
  return app;
}

/**
 * What a manifest declares is registered here, once per process start: the record sources the tamper sweep
 * re-derives anchored records from, the public deadline kinds, then the module's own `init`.
 */
export async function initModule(m: ModuleManifest, deps: AppDeps): Promise<void> {
  for (const k of m.recordKinds ?? []) registerRecordSource(k.kind, k.source);
  for (const k of m.publicDeadlineKinds ?? []) registerPublicDeadlineKind(k.kind, k.opts);
  await m.init?.(deps);
}

/** Jobs contributed by every module (the server starts them; tests run them directly). */
export function moduleJobs(deps: AppDeps, modules: readonly ModuleManifest[] = MODULES) {
  return modules.flatMap((m) => m.jobs?.(deps) ?? []);
}
