import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { recordAudit } from './audit/index.js';
import { requireActor } from './auth/plugin.js';
import { nowOf } from './clock.js';
import type { Db } from './db/engine.js';
import { errorResponses, z } from './http/zod.js';
import type { NotificationDto as NotificationRecord } from './notifications.contract.js';

const NotificationDto: z.ZodType<NotificationRecord> = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});

/** The workbench notification centre: badge count, list, mark read. Notifications are created by jobs and modules. */
export function notificationRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['通知'];

  r.get('/api/notifications', {
    schema: {
      tags,
      summary: '我的通知',
      querystring: z.strictObject({ unreadOnly: z.enum(['true', 'false']).optional() }),
      response: { 200: z.object({ items: z.array(NotificationDto), unread: z.number() }), ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      let q = db.selectFrom('notifications').selectAll().where('user_id', '=', actor.userId);
      if (req.query.unreadOnly === 'true') q = q.where('read_at', 'is', null);
      const rows = await q.orderBy('created_at', 'desc').limit(200).execute();
      const unread = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('user_id', '=', actor.userId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return {
        unread: Number(unread.n),
        items: rows.map((n) => ({
          id: n.id,
          kind: n.kind,
          title: n.title,
          body: n.body,
          link: n.link,
          createdAt: new Date(n.created_at).toISOString(),
          read: !!n.read_at,
        })),
      };
    },
  });

  r.post('/api/notifications/read', {
    schema: {
      tags,
      summary: '标记通知已读（不传 ids 则全部已读）',
      body: z.strictObject({
        ids: z
          .array(z.uuid({ error: '通知编号格式不正确' }))
          .max(500)
          .optional(),
      }),
      response: { 200: z.object({ updated: z.number() }), ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      return db.transaction().execute(async (trx) => {
        let q = trx
          .updateTable('notifications')
          .set({ read_at: nowOf(req.ctx) })
          .where('user_id', '=', actor.userId)
          .where('read_at', 'is', null);
        if (req.body.ids)
          q = q.where('id', 'in', req.body.ids.length ? req.body.ids : ['00000000-0000-0000-0000-000000000000']);
        const res = await q.executeTakeFirst();
        const updated = Number(res.numUpdatedRows);
        if (updated > 0)
          await recordAudit(trx, req.ctx, {
            action: 'notification.read',
            entityKind: 'notification',
            entityId: null,
            data: { count: updated },
          });
        return { updated };
      });
    },
  });
}
