import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { conflict } from '../../platform/errors.js';
import { errorResponses, z } from '../../platform/http/zod.js';
import type { AppDeps } from '../../platform/manifest.js';
import { checkSetupToken, initializeInstallation, needsSetup } from './commands/initialize.js';
import { SetupBody } from './identity.schemas.js';

/**
 * The first-run page's API: whether the installation is still empty, and its initialisation with the token the
 * server printed at start. Public (there is nobody to sign in as yet); refused with 409 once initialised.
 */
export function setupRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['首次安装'];

  r.get('/api/setup', {
    schema: {
      tags,
      summary: '是否需要首次安装（尚无任何单位）',
      response: { 200: z.object({ needsSetup: z.boolean() }), ...errorResponses },
    },
    handler: async () => ({ needsSetup: await needsSetup(db) }),
  });

  r.post('/api/setup', {
    schema: {
      tags,
      summary: '首次安装：建立本级政府和首个系统管理员（一次性密码仅显示一次）',
      body: SetupBody,
      response: {
        201: z.object({
          username: z.string(),
          displayName: z.string(),
          orgName: z.string(),
          initialPassword: z.string(),
        }),
        ...errorResponses,
      },
    },
    handler: async (req, reply) => {
      const { token, ...input } = req.body;
      // Order of refusals: an initialised system says so (409) before the token is even looked at.
      if (!(await needsSetup(db))) throw conflict('系统已经初始化，不能重复初始化。请使用管理员账号登录。');
      checkSetupToken(token);
      const res = await initializeInstallation(db, req.ctx, input, 'web');
      reply.status(201);
      return {
        username: res.user.username,
        displayName: res.user.displayName,
        orgName: res.org.name,
        initialPassword: res.initialPassword,
      };
    },
  });
}
