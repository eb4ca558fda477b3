import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { hasRole } from '../access/scope.js';
import { requireActor } from '../auth/plugin.js';
import { nowOf } from '../clock.js';
import type { Db } from '../db/engine.js';
import { AppError } from '../errors.js';
import { errorResponses, z } from '../http/zod.js';
import type { AuditEventDto } from './audit.contract.js';
import { AUDIT_LABELS } from './catalog.js';

const AuditQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  action: z.string().max(80).optional(),
  entityKind: z.string().max(60).optional(),
  entityId: z.string().max(80).optional(),
  actor: z.string().max(60).optional(),
  from: z.iso.date({ error: '起始日期格式应为 YYYY-MM-DD' }).optional(),
  to: z.iso.date({ error: '截止日期格式应为 YYYY-MM-DD' }).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const AuditDto: z.ZodType<AuditEventDto> = z.object({
  id: z.string(),
  seq: z.string(),
  at: z.string(),
  actorName: z.string().nullable(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  action: z.string(),
  actionLabel: z.string(),
  entityKind: z.string(),
  entityId: z.string().nullable(),
  data: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});

function query(db: Db, q: z.infer<typeof AuditQuery>) {
  let b = db.selectFrom('audit_events').leftJoin('organizations', 'organizations.id', 'audit_events.org_id');
  if (q.action) b = b.where('audit_events.action', '=', q.action);
  if (q.entityKind) b = b.where('audit_events.entity_kind', '=', q.entityKind);
  if (q.entityId) b = b.where('audit_events.entity_id', '=', q.entityId);
  if (q.actor) b = b.where('audit_events.actor_name', 'ilike', `%${q.actor}%`);
  // Day bounds in Beijing time: an event at 00:30 on the 5th belongs to the 5th.
  if (q.from) b = b.where('audit_events.at', '>=', new Date(`${q.from}T00:00:00+08:00`));
  if (q.to) b = b.where('audit_events.at', '<', new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86400_000));
  if (q.q) {
    const like = `%${q.q}%`;
    b = b.where((eb) =>
      eb.or([
        eb('audit_events.action', 'ilike', like),
        eb('audit_events.actor_name', 'ilike', like),
        eb('organizations.name', 'ilike', like),
        eb(eb.cast('audit_events.data', 'text'), 'ilike', like),
      ]),
    );
  }
  return b;
}

export function auditRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['审计日志'];
  const guard = (req: Parameters<typeof requireActor>[0]) => {
    const actor = requireActor(req);
    if (!hasRole(actor, 'system_admin')) throw new AppError('forbidden', '只有系统管理员可以查看审计日志。');
    return actor;
  };

  r.get('/api/audit', {
    schema: {
      tags,
      summary: '检索审计事件',
      querystring: AuditQuery,
      response: {
        200: z.object({ items: z.array(AuditDto), total: z.number(), labels: z.record(z.string(), z.string()) }),
        ...errorResponses,
      },
    },
    handler: async (req) => {
      guard(req);
      const q = req.query;
      const total = await query(db, q)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      const rows = await query(db, q)
        .select([
          'audit_events.id',
          'audit_events.seq',
          'audit_events.at',
          'audit_events.actor_name',
          'audit_events.org_id',
          'organizations.name as org_name',
          'audit_events.action',
          'audit_events.entity_kind',
          'audit_events.entity_id',
          'audit_events.data',
          'audit_events.request_id',
          'audit_events.ip',
        ])
        .orderBy('audit_events.seq', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute();
      return {
        total: Number(total.n),
        labels: AUDIT_LABELS,
        items: rows.map((e) => ({
          id: e.id,
          seq: String(e.seq),
          at: new Date(e.at).toISOString(),
          actorName: e.actor_name,
          orgId: e.org_id,
          orgName: e.org_name,
          action: e.action,
          actionLabel: AUDIT_LABELS[e.action] ?? e.action,
          entityKind: e.entity_kind,
          entityId: e.entity_id,
          data: e.data,
          requestId: e.request_id,
          ip: e.ip,
        })),
      };
    },
  });

  r.get('/api/audit/export', {
    schema: {
      tags,
      summary: '导出审计事件（CSV 或 Excel）',
      querystring: AuditQuery.omit({ page: true, pageSize: true }).extend({
        format: z.enum(['csv', 'xlsx']).default('csv'),
      }),
    },
    handler: async (req, reply) => {
      guard(req);
      const rows = await query(db, { ...req.query, page: 1, pageSize: 50 })
        .select([
          'audit_events.seq',
          'audit_events.at',
          'audit_events.actor_name',
          'organizations.name as org_name',
          'audit_events.action',
          'audit_events.entity_kind',
          'audit_events.entity_id',
          'audit_events.data',
          'audit_events.request_id',
          'audit_events.ip',
        ])
        .orderBy('audit_events.seq', 'asc')
        .limit(100_000)
        .execute();
      const header = [
        '序号',
        '时间（北京时间）',
        '操作人',
        '单位',
        '操作',
        '动作代码',
        '对象类型',
        '对象编号',
        '内容',
        '请求编号',
        'IP',
      ];
      const fmt = (d: Date) => new Date(d).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
      const lines = rows.map((e) => [
        String(e.seq),
        fmt(e.at),
        e.actor_name ?? '系统',
        e.org_name ?? '',
        AUDIT_LABELS[e.action] ?? e.action,
        e.action,
        e.entity_kind,
        e.entity_id ?? '',
        JSON.stringify(e.data),
        e.request_id ?? '',
        e.ip ?? '',
      ]);
      const stamp = nowOf(req.ctx).toISOString().slice(0, 10);
      if (req.query.format === 'xlsx') {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('审计日志');
        ws.addRow(header);
        for (const l of lines) ws.addRow(l);
        ws.getRow(1).font = { bold: true };
        const buf = Buffer.from(await wb.xlsx.writeBuffer());
        reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="audit-${stamp}.xlsx"`);
        return reply.send(buf);
      }
      // CSV with BOM so Excel opens the Chinese text correctly; cells starting with =+-@ are neutralised.
      const cell = (s: string) => {
        const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
        return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
      };
      const csv = `\uFEFF${[header, ...lines].map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`;
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${stamp}.csv"`);
      return reply.send(csv);
    },
  });
}
