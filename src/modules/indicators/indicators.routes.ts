import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../../platform/access/actor.js';
import { canSeeOrg, hasAnyRole } from '../../platform/access/scope.js';
import { requireActor } from '../../platform/auth/plugin.js';
import { today } from '../../platform/calendar/index.js';
import type { Db } from '../../platform/db/engine.js';
import { AppError, notFound } from '../../platform/errors.js';
import { RecordRefDto } from '../../platform/http/http.schemas.js';
import { UuidParam, errorResponses, z } from '../../platform/http/zod.js';
import type { AppDeps } from '../../platform/manifest.js';
import type * as C from './indicators.contract.js';
import { computeFigure, figureQuery, indicatorRegistry } from './indicators.registry.js';
import { evaluateTree, loadDefaultTree, recordEntry } from './indicators.service.js';
import { createIndicator, removeIndicator, updateIndicator } from './indicators.tree.js';
import { nowOf } from '../../platform/clock.js';

const year = z.coerce.number({ error: '年度应为数字' }).int().min(2000).max(2100);
/** One figure re-computed now: what a report's “计算依据” link opens. */
export const FigureQueryDto: z.ZodType<C.FigureQueryDto> = z.object({
  code: z.string(),
  label: z.string(),
  unit: z.string(),
  year: z.number(),
  orgId: z.string(),
  orgName: z.string(),
  value: z.number().nullable(),
  status: z.enum(['computed', 'absent', 'error']),
  basis: z.string(),
  records: z.array(RecordRefDto),
  recordCount: z.number(),
  computedAt: z.string(),
  query: z.string(),
});
export const IndicatorValueDto: z.ZodType<C.IndicatorValueDto> = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  level: z.number(),
  no: z.string(),
  title: z.string(),
  kind: z.enum(['group', 'computed', 'manual']),
  sourceCode: z.string().nullable(),
  unit: z.string().nullable(),
  target: z.number().nullable(),
  targetOp: z.string().nullable(),
  verified: z.boolean(),
  weight: z.number(),
  value: z.number().nullable(),
  provenance: z.enum(['computed', 'manual', 'absent', 'missing', 'none']),
  provenanceLabel: z.string(),
  basis: z.string(),
  evidence: z.string().nullable(),
  records: z.array(RecordRefDto),
  recordCount: z.number(),
  meetsTarget: z.boolean().nullable(),
});

const NodeFields = z.strictObject({
  no: z
    .string({ error: '请填写编号' })
    .trim()
    .min(1, { error: '请填写编号，例如 1.2.3' })
    .max(20, { error: '编号最长 20 个字符' }),
  title: z.string({ error: '请填写指标名称' }).trim().min(2, { error: '指标名称至少 2 个字' }).max(200),
  kind: z.enum(['group', 'computed', 'manual'], { error: '类型应为 指标分组、系统计算 或 人工填报' }),
  sourceCode: z.string().trim().min(1).max(80).nullable().default(null),
  unit: z.string().trim().max(20).nullable().default(null),
  target: z.number({ error: '目标值应为数字' }).finite().nullable().default(null),
  targetOp: z.enum(['>=', '<=', '=']).nullable().default(null),
  weight: z
    .number({ error: '权重应为数字' })
    .gt(0, { error: '权重应大于 0' })
    .max(100, { error: '权重不超过 100' })
    .default(1),
});
const treeForbidden = () => new AppError('forbidden', '只有依法治区办或系统管理员可以维护指标体系。');

const manageTree = (a: Actor) => hasAnyRole(a, ['coordinator', 'system_admin']);

/** The unit a request is about: an org the actor can see, or the whole government for district-wide roles. */
export async function resolveScope(
  db: Db,
  actor: Actor,
  orgId: string | undefined,
): Promise<{ orgId: string | null; orgName: string }> {
  const root = await db
    .selectFrom('organizations')
    .select(['id', 'path', 'name'])
    .where('parent_id', 'is', null)
    .executeTakeFirstOrThrow();
  const seesAll = actor.grants.some((g) => g.includeSubtree && g.orgPath === root.path);
  if (!orgId || orgId === root.id) {
    if (seesAll) return { orgId: null, orgName: root.name };
    orgId = actor.orgId;
  }
  const org = await db
    .selectFrom('organizations')
    .select(['id', 'path', 'name'])
    .where('id', '=', orgId)
    .executeTakeFirst();
  if (!org || !canSeeOrg(actor, org.path)) throw notFound('单位');
  return { orgId: org.id, orgName: org.name };
}

export function indicatorRoutes(app: FastifyInstance, { db, modules }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['指标体系'];

  r.get('/api/indicators', {
    schema: {
      tags,
      summary: '指标体系及某年度、某单位的数值（系统计算 / 人工填报 分别标注）',
      querystring: z.strictObject({ year, orgId: z.uuid().optional() }),
      response: {
        200: z.object({
          year: z.number(),
          orgId: z.string().nullable(),
          orgName: z.string(),
          items: z.array(IndicatorValueDto),
          abilities: z.record(z.string(), z.boolean()),
        }) satisfies z.ZodType<C.IndicatorTreeDto>,
        ...errorResponses,
      },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const scope = await resolveScope(db, actor, req.query.orgId);
      const items = await evaluateTree(
        db,
        { year: req.query.year, orgId: scope.orgId, today: today(nowOf(req.ctx)) },
        modules,
      );
      return {
        year: req.query.year,
        ...scope,
        items,
        abilities: {
          manageTree: manageTree(actor),
          enter: hasAnyRole(actor, ['coordinator', 'liaison', 'principal_head']),
        },
      };
    },
  });

  r.get('/api/indicators/sources', {
    schema: {
      tags,
      summary: '可供引用的计算指标（来自已启用的模块）',
      response: {
        200: z.object({
          items: z.array(
            z.object({
              code: z.string(),
              label: z.string(),
              unit: z.string(),
              module: z.string(),
            }) satisfies z.ZodType<C.IndicatorSourceDto>,
          ),
        }),
        ...errorResponses,
      },
    },
    handler: async (req) => {
      requireActor(req);
      return {
        items: [...indicatorRegistry(modules).values()].map((d) => ({
          code: d.code,
          label: d.label,
          unit: d.unit,
          module: d.module,
        })),
      };
    },
  });

  r.get('/api/indicators/figures/:code', {
    schema: {
      tags,
      summary: '重新计算一项系统数据及其所依据的记录（年度报告“计算依据”链接）',
      params: z.strictObject({
        code: z
          .string()
          .regex(/^[a-z][a-z_]*\.[a-z][a-z_]*$/, { error: '数据代码应形如 plan.tasks_total' })
          .max(80),
      }),
      querystring: z.strictObject({ year, orgId: z.uuid({ error: '请指定单位（orgId）' }) }),
      response: { 200: FigureQueryDto, ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      // The unit is explicit and must be visible: no silent fallback to the caller's own unit.
      const org = await db
        .selectFrom('organizations')
        .select(['id', 'name', 'path', 'parent_id'])
        .where('id', '=', req.query.orgId)
        .executeTakeFirst();
      if (!org || !canSeeOrg(actor, org.path)) throw notFound('单位');
      const reg = indicatorRegistry(modules);
      const { code } = req.params;
      if (!reg.has(code)) throw new AppError('not_found', `没有代码为 ${code} 的系统数据，或其数据来源模块未启用`);
      const f = await computeFigure(
        reg,
        db,
        code,
        { year: req.query.year, orgId: org.parent_id === null ? null : org.id, today: today(nowOf(req.ctx)) },
        200,
      );
      return {
        ...f,
        year: req.query.year,
        orgId: org.id,
        orgName: org.name,
        computedAt: nowOf(req.ctx).toISOString(),
        query: figureQuery(code, req.query.year, org.id),
      };
    },
  });

  r.post('/api/indicators/defaults', {
    schema: {
      tags,
      summary: '载入默认指标体系（示范指标体系框架）',
      response: { 200: z.object({ created: z.number() }), ...errorResponses },
    },
    handler: async (req) => {
      if (!manageTree(requireActor(req)))
        throw new AppError('forbidden', '只有依法治区办或系统管理员可以维护指标体系。');
      return loadDefaultTree(db, req.ctx);
    },
  });

  r.post('/api/indicators/nodes', {
    schema: {
      tags,
      summary: '新增指标（一级/二级/三级）',
      body: NodeFields.extend({ parentId: z.uuid({ error: '上级指标无效' }).nullable().default(null) }),
      response: { 201: z.object({ id: z.string() }), ...errorResponses },
    },
    handler: async (req, reply) => {
      if (!manageTree(requireActor(req))) throw treeForbidden();
      reply.status(201);
      return createIndicator(db, req.ctx, req.body, modules);
    },
  });

  r.put('/api/indicators/:id', {
    schema: {
      tags,
      summary: '修改指标（名称、编号、权重、类型、数据来源、目标）',
      params: UuidParam,
      body: NodeFields,
      response: { 200: z.object({ ok: z.literal(true) }), ...errorResponses },
    },
    handler: async (req) => {
      if (!manageTree(requireActor(req))) throw treeForbidden();
      await updateIndicator(db, req.ctx, req.params.id, req.body, modules);
      return { ok: true as const };
    },
  });

  r.delete('/api/indicators/:id', {
    schema: {
      tags,
      summary: '删除指标（有下级或已有填报数据的不能删除）',
      params: UuidParam,
      response: { 200: z.object({ ok: z.literal(true) }), ...errorResponses },
    },
    handler: async (req) => {
      if (!manageTree(requireActor(req))) throw treeForbidden();
      await removeIndicator(db, req.ctx, req.params.id);
      return { ok: true as const };
    },
  });

  r.put('/api/indicators/:id/entries', {
    schema: {
      tags,
      summary: '填报人工指标（须附佐证说明）',
      params: UuidParam,
      body: z.strictObject({
        year: z.number().int().min(2000).max(2100),
        orgId: z.uuid(),
        value: z.number({ error: '请填写数值' }).finite(),
        evidence: z
          .string({ error: '请填写佐证说明' })
          .trim()
          .min(4, { error: '佐证说明至少 4 个字，写明数据来源' })
          .max(4000),
        links: z
          .array(z.strictObject({ title: z.string().trim().min(1).max(120), url: z.string().trim().min(1).max(500) }))
          .max(20)
          .default([]),
      }),
      response: { 200: z.object({ ok: z.literal(true) }), ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const org = await db
        .selectFrom('organizations')
        .select('path')
        .where('id', '=', req.body.orgId)
        .executeTakeFirst();
      if (!org || !canSeeOrg(actor, org.path)) throw notFound('单位');
      if (!hasAnyRole(actor, ['coordinator', 'liaison', 'principal_head'], org.path))
        throw new AppError('forbidden', '只有本单位法治联络员、主要负责人或依法治区办可以填报指标。');
      await recordEntry(db, req.ctx, req.params.id, req.body);
      return { ok: true as const };
    },
  });
}
