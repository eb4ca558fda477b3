import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../access/actor.js';
import { visibleOrgIds } from '../access/scope.js';
import { requireActor } from '../auth/plugin.js';
import { nowOf } from '../clock.js';
import type { Db, Executor } from '../db/engine.js';
import { AppError, notFound } from '../errors.js';
import { errorResponses, UuidParam, z } from '../http/zod.js';
import { canAdministerCalendar, canDeadline, type DeadlineAction } from './calendar.policy.js';
import { DateText, DeadlineDto, OverdueGroupDto } from './calendar.schemas.js';
import { sweepWithLease } from './sweep-lease.js';
import { toDeadlineDto } from './deadlines.presenter.js';
import { extendDeadline, pauseDeadline, resumeDeadline } from './deadline-changes.js';
import { closeDeadline, type DeadlineRow } from './deadlines.js';
import { today } from './localdate.js';

async function loadVisible(db: Executor, actor: Actor, id: string): Promise<{ row: DeadlineRow; orgPath: string }> {
  const row = await db
    .selectFrom('deadlines')
    .innerJoin('organizations', 'organizations.id', 'deadlines.org_id')
    .selectAll('deadlines')
    .select('organizations.path as org_path')
    .where('deadlines.id', '=', id)
    .where('deadlines.org_id', 'in', visibleOrgIds(db, actor))
    .executeTakeFirst();
  if (!row) throw notFound('期限');
  const { org_path, ...rest } = row;
  return { row: rest as DeadlineRow, orgPath: org_path };
}

const ACTION_ZH: Record<DeadlineAction, string> = { pause: '暂停', resume: '恢复', extend: '延长', close: '办结' };

export function deadlineRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['法定期限'];

  r.get('/api/deadlines', {
    schema: {
      tags,
      summary: '某事项的法定期限',
      querystring: z.strictObject({ entityKind: z.string().min(1).max(60), entityId: z.string().min(1).max(100) }),
      response: { 200: z.object({ items: z.array(DeadlineDto) }), ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const rows = await db
        .selectFrom('deadlines')
        .innerJoin('organizations', 'organizations.id', 'deadlines.org_id')
        .selectAll('deadlines')
        .select('organizations.path as org_path')
        .where('deadlines.entity_kind', '=', req.query.entityKind)
        .where('deadlines.entity_id', '=', req.query.entityId)
        .where('deadlines.org_id', 'in', visibleOrgIds(db, actor))
        .orderBy('deadlines.trigger_date')
        .execute();
      return { items: rows.map(({ org_path, ...row }) => toDeadlineDto(row as DeadlineRow, actor, org_path)) };
    },
  });

  r.get('/api/deadlines/overdue', {
    schema: {
      tags,
      summary: '按单位列出超期和即将到期的期限（统筹协调用）',
      response: { 200: z.object({ today: z.string(), groups: z.array(OverdueGroupDto) }), ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const day = today(nowOf(req.ctx));
      const rows = await db
        .selectFrom('deadlines')
        .innerJoin('organizations', 'organizations.id', 'deadlines.org_id')
        .selectAll('deadlines')
        .select(['organizations.path as org_path', 'organizations.name as org_name'])
        .where('deadlines.status', '=', 'open')
        .where((eb) => eb.or([eb('deadlines.due_date', '<', day), eb('deadlines.alert', '!=', 'none')]))
        .where('deadlines.org_id', 'in', visibleOrgIds(db, actor))
        .orderBy('organizations.path')
        .orderBy('deadlines.due_date')
        .limit(2000)
        .execute();
      const groups = new Map<string, z.infer<typeof OverdueGroupDto>>();
      for (const { org_path, org_name, ...row } of rows) {
        const g = groups.get(row.org_id) ?? { orgId: row.org_id, orgName: org_name, overdue: 0, dueSoon: 0, items: [] };
        const overdue = row.due_date !== null && row.due_date < day;
        if (overdue) g.overdue++;
        else g.dueSoon++;
        g.items.push(
          toDeadlineDto({ ...(row as DeadlineRow), alert: overdue ? 'overdue' : row.alert }, actor, org_path),
        );
        groups.set(row.org_id, g);
      }
      return { today: day, groups: [...groups.values()].sort((a, b) => b.overdue - a.overdue) };
    },
  });

  const act = <B extends z.ZodTypeAny>(
    action: DeadlineAction,
    body: B,
    run: (
      trx: Executor,
      req: { ctx: import('../access/actor.js').RequestCtx },
      id: string,
      b: z.infer<B>,
    ) => Promise<DeadlineRow>,
  ) =>
    r.post(`/api/deadlines/:id/${action}`, {
      schema: {
        tags,
        summary: `${ACTION_ZH[action]}期限`,
        params: UuidParam,
        body,
        response: { 200: DeadlineDto, ...errorResponses },
      },
      handler: async (req) => {
        const actor = requireActor(req);
        const body = req.body as z.infer<B>;
        const params = req.params as { id: string };
        return db.transaction().execute(async (trx) => {
          const { row, orgPath } = await loadVisible(trx, actor, params.id);
          if (!canDeadline(actor, action, { orgPath, ruleId: row.rule_id, status: row.status })) {
            throw new AppError('forbidden', `您没有${ACTION_ZH[action]}该期限的权限，或该期限当前状态不允许此操作。`);
          }
          const updated = await run(trx, req, row.id, body);
          return toDeadlineDto(updated, actor, orgPath);
        });
      },
    });

  act(
    'pause',
    z.strictObject({
      from: DateText('暂停开始日期'),
      reason: z.string().trim().min(1, { error: '请填写暂停事由' }).max(200),
    }),
    (trx, req, id, b) => pauseDeadline(trx, req.ctx, id, b),
  );
  act('resume', z.strictObject({ on: DateText('恢复日期') }), (trx, req, id, b) => resumeDeadline(trx, req.ctx, id, b));
  act(
    'extend',
    z.strictObject({
      days: z
        .number({ error: '请填写延长天数' })
        .int({ error: '延长天数应为整数' })
        .min(1, { error: '延长天数至少为1' })
        .max(3650),
      approverName: z.string({ error: '请填写批准人' }).trim().min(1, { error: '请填写批准人' }).max(64),
      reason: z.string({ error: '请填写延长理由' }).trim().min(1, { error: '请填写延长理由' }).max(500),
    }),
    (trx, req, id, b) => extendDeadline(trx, req.ctx, id, b),
  );
  act('close', z.strictObject({ on: DateText('办结日期').optional() }), (trx, req, id, b) =>
    closeDeadline(trx, req.ctx, id, b),
  );

  r.post('/api/calendar/sweep', {
    schema: {
      tags,
      summary: '立即执行期限巡检（到期预警与超期标记）',
      response: {
        200: z.object({ today: z.string(), dueSoon: z.number(), overdue: z.number(), notifications: z.number() }),
        ...errorResponses,
      },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      if (!canAdministerCalendar(actor)) throw new AppError('forbidden', '只有系统管理员可以手动执行期限巡检。');
      return sweepWithLease(db, nowOf(req.ctx));
    },
  });
}
