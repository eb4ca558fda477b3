import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/plugin.js';
import { errorResponses, z } from '../../platform/http/zod.js';
import type { AppDeps } from '../../platform/manifest.js';
import { enterHistoricalDoc } from './commands/historical.js';
import { HistoricalDocBody } from './normative.schemas.js';

/** Historical entry (补录) of documents published before the unit used the platform (commands/historical.ts). */
export function normativeHistoricalRoutes(app: FastifyInstance, { db }: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().post('/api/normative-docs/historical', {
    schema: {
      tags: ['行政规范性文件'],
      summary: '补录已公布的规范性文件（原文号、原日期，标注为补录）',
      body: HistoricalDocBody,
      response: { 201: z.object({ id: z.string() }), ...errorResponses },
    },
    handler: async (req, reply) => {
      requireActor(req);
      reply.status(201);
      return { id: await enterHistoricalDoc(db, req.ctx, req.body) };
    },
  });
}
