import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/plugin.js';
import { UuidParam, errorResponses, z } from '../../platform/http/zod.js';
import type { AppDeps } from '../../platform/manifest.js';
import * as cmd from './commands/inspection.js';
import { date, Ok, text } from './inspection.schemas.js';

/**
 * Follow-up orders (督办单): issued by the inspection office to one inspected unit, answered by the unit, accepted
 * or sent back for re-handling by the office. Visibility, party and order are the command frame's
 * (commands/inspection/order-frame.ts, frames.ts).
 */
export function inspectionOrderRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['政府督查'];

  r.post('/api/plan/inspections/:id/orders', {
    schema: {
      tags,
      summary: '下发督办单',
      params: UuidParam,
      body: z.strictObject({ orgId: z.uuid(), content: text('督办事项'), dueDate: date }),
      response: { 201: z.object({ id: z.string() }), ...errorResponses },
    },
    handler: async (req, reply) => {
      requireActor(req);
      reply.status(201);
      return cmd.issueOrder(db, req.ctx, req.params.id, req.body);
    },
  });

  r.post('/api/plan/inspection-orders/:id/answer', {
    schema: {
      tags,
      summary: '答复督办单（被督查单位；重新办理后再次答复）',
      params: UuidParam,
      body: z.strictObject({ answer: text('办理情况'), on: date }),
      response: { 200: Ok, ...errorResponses },
    },
    handler: async (req) => {
      requireActor(req);
      await cmd.answerOrder(db, req.ctx, req.params.id, req.body);
      return { ok: true as const };
    },
  });

  r.post('/api/plan/inspection-orders/:id/feedback', {
    schema: {
      tags,
      summary: '督查机构对督办单答复的意见：确认办结，或要求重新办理并说明理由',
      params: UuidParam,
      body: z.strictObject({
        accept: z.boolean({ error: '请选择：确认办结或要求重新办理' }),
        feedback: z.string().trim().max(4000, { error: '意见不能超过 4000 个字' }).optional(),
      }),
      response: { 200: Ok, ...errorResponses },
    },
    handler: async (req) => {
      requireActor(req);
      await cmd.orderFeedback(db, req.ctx, req.params.id, req.body);
      return { ok: true as const };
    },
  });
}
