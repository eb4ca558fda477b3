import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/plugin.js';
import { AppError, notFound } from '../../platform/errors.js';
import { UuidParam, errorResponses, z } from '../../platform/http/zod.js';
import type { AppDeps } from '../../platform/manifest.js';
import { decomposePlan } from './commands/decompose-plan.js';
import { escalateOverdueTasks } from './commands/escalate-overdue.js';
import { importPlan, previewPlan } from './commands/import-plan.js';
import { reportProgress } from './commands/report-progress.js';
import { resolveUnit } from './commands/resolve-unit.js';
import { setTaskDue } from './commands/set-task-due.js';
import { setPlanWeight } from './commands/set-weight.js';
import { uploadEvidence } from './commands/upload-evidence.js';
import { planPolicy } from './plan.policy.js';
import { listTasks, planDetail, planRollup, planSummary, taskDetail, visibleEvidenceFile } from './plan.repo.js';
import { nowOf } from '../../platform/clock.js';
import { today } from '../../platform/calendar/index.js';
import {
  DecomposeBody,
  EvidenceUploadBody,
  PlanDetailDto,
  PlanSummaryDto,
  PlanTextBody,
  PreviewDto,
  ProgressBody,
  ResolveUnitBody,
  TaskDetailDto,
  TaskDto,
  TaskListQuery,
  WeightBody,
  WeightDto,
} from './plan.schemas.js';

const forbid = (what: string) => new AppError('forbidden', `您没有${what}的权限：此操作由依法治区办（统筹协调）办理。`);

export function planRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['实施方案与任务分解'];

  r.post('/api/plan/preview', {
    schema: {
      tags,
      summary: '预览实施方案解析结果（不保存）',
      body: PlanTextBody,
      response: { 200: PreviewDto, ...errorResponses },
    },
    handler: async (req) => {
      if (!planPolicy.manage(requireActor(req))) throw forbid('导入实施方案');
      return (await previewPlan(db, req.body.text)).preview;
    },
  });

  r.post('/api/plan/plans', {
    schema: {
      tags,
      summary: '导入实施方案',
      body: PlanTextBody,
      response: { 201: z.object({ id: z.string(), unmatched: z.array(z.string()) }), ...errorResponses },
    },
    handler: async (req, reply) => {
      if (!planPolicy.manage(requireActor(req))) throw forbid('导入实施方案');
      reply.status(201);
      return importPlan(db, req.ctx, req.body);
    },
  });

  r.get('/api/plan/plans', {
    schema: {
      tags,
      summary: '实施方案列表',
      response: {
        200: z.object({ items: z.array(PlanSummaryDto), abilities: z.record(z.string(), z.boolean()) }),
        ...errorResponses,
      },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const ids = await db.selectFrom('plans').select('id').orderBy('created_at', 'desc').execute();
      return {
        items: await Promise.all(ids.map((p) => planSummary(db, p.id, today(nowOf(req.ctx))))),
        abilities: { manage: planPolicy.manage(actor) },
      };
    },
  });

  r.get('/api/plan/plans/:id', {
    schema: {
      tags,
      summary: '实施方案详情（章节、条目、责任单位、进度汇总）',
      params: UuidParam,
      response: { 200: PlanDetailDto, ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      return {
        ...(await planDetail(db, req.params.id, today(nowOf(req.ctx)))),
        abilities: { manage: planPolicy.manage(actor) },
      };
    },
  });

  r.patch('/api/plan/units/:id', {
    schema: {
      tags,
      summary: '确认责任单位名称（对应到单位，或说明不纳入分解）',
      params: UuidParam,
      body: ResolveUnitBody,
      response: { 200: z.object({ updated: z.number() }), ...errorResponses },
    },
    handler: async (req) => {
      if (!planPolicy.manage(requireActor(req))) throw forbid('确认责任单位');
      return resolveUnit(db, req.ctx, req.params.id, req.body);
    },
  });

  r.post('/api/plan/plans/:id/decompose', {
    schema: {
      tags,
      summary: '分解任务到责任单位',
      params: UuidParam,
      body: DecomposeBody,
      response: { 200: z.object({ created: z.number() }), ...errorResponses },
    },
    handler: async (req) => {
      if (!planPolicy.manage(requireActor(req))) throw forbid('分解任务');
      await planSummary(db, req.params.id, today(nowOf(req.ctx)));
      return decomposePlan(db, req.ctx, req.params.id, req.body.dueDate);
    },
  });

  r.put('/api/plan/plans/:id/weights', {
    schema: {
      tags,
      summary: '调整章节、条目或任务在进度汇总中的权重（依法治区办）',
      params: UuidParam,
      body: WeightBody,
      response: { 200: WeightDto, ...errorResponses },
    },
    handler: async (req) => {
      if (!planPolicy.manage(requireActor(req))) throw forbid('调整权重');
      const w = await setPlanWeight(db, req.ctx, req.params.id, req.body);
      const { r: roll } = await planRollup(db, req.params.id);
      return { ...w, progress: roll.plan };
    },
  });

  r.get('/api/plan/tasks', {
    schema: {
      tags,
      summary: '任务列表（按可见范围）',
      querystring: TaskListQuery,
      response: { 200: z.object({ items: z.array(TaskDto) }), ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      return {
        items: await listTasks(
          db,
          actor,
          {
            planId: req.query.planId,
            orgId: req.query.orgId,
            overdue: req.query.overdue === '1',
          },
          today(nowOf(req.ctx)),
        ),
      };
    },
  });

  r.get('/api/plan/tasks/:id', {
    schema: {
      tags,
      summary: '任务详情与进展记录',
      params: UuidParam,
      response: { 200: TaskDetailDto, ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const { orgPath, ...t } = await taskDetail(db, actor, req.params.id, today(nowOf(req.ctx)));
      if (!planPolicy.viewTask(actor, orgPath)) throw notFound('任务');
      return t;
    },
  });

  r.post('/api/plan/tasks/:id/progress', {
    schema: {
      tags,
      summary: '报送任务进展（附佐证材料）',
      params: UuidParam,
      body: ProgressBody,
      response: { 200: z.object({ progress: z.number(), status: z.enum(['open', 'done']) }), ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const t = await taskDetail(db, actor, req.params.id, today(nowOf(req.ctx)));
      if (!planPolicy.viewTask(actor, t.orgPath)) throw notFound('任务');
      if (!planPolicy.reportProgress(actor, t.orgPath))
        throw new AppError('forbidden', '只有责任单位的法治联络员、主要负责人或工作人员可以报送进展。');
      return reportProgress(db, req.ctx, req.params.id, req.body);
    },
  });

  r.put('/api/plan/tasks/:id/due-date', {
    schema: {
      tags,
      summary: '调整单项任务的完成期限（写明理由）',
      params: UuidParam,
      body: z.strictObject({
        dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD，例如 2025-12-31' }),
        reason: z.string({ error: '请写明调整理由' }).trim().min(4, { error: '调整理由至少 4 个字' }).max(1000),
      }),
      response: { 200: z.object({ dueDate: z.string() }), ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const t = await taskDetail(db, actor, req.params.id, today(nowOf(req.ctx)));
      if (!planPolicy.viewTask(actor, t.orgPath)) throw notFound('任务');
      if (!planPolicy.manage(actor)) throw forbid('调整任务完成期限');
      return setTaskDue(db, req.ctx, req.params.id, req.body);
    },
  });

  r.post('/api/plan/evidence', {
    schema: {
      tags,
      summary: '上传佐证材料附件（Base64）',
      body: EvidenceUploadBody,
      response: { 201: z.object({ sha256: z.string(), size: z.number() }), ...errorResponses },
    },
    handler: async (req, reply) => {
      requireActor(req);
      reply.status(201);
      return uploadEvidence(db, req.ctx, req.body);
    },
  });

  r.get('/api/plan/evidence/:sha256', {
    schema: {
      tags,
      summary: '下载佐证材料附件（仅限能查看引用该附件的任务的用户）',
      params: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: '附件编号格式不正确' }) }),
      response: { 200: z.any().describe('附件内容（二进制）'), ...errorResponses },
    },
    handler: async (req, reply) => {
      const f = await visibleEvidenceFile(db, requireActor(req), req.params.sha256);
      reply
        .header('content-type', f.mime)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`);
      return reply.send(f.content);
    },
  });

  r.post('/api/plan/escalations/run', {
    schema: {
      tags,
      summary: '立即检查超期任务并上报依法治区办',
      response: { 200: z.object({ escalated: z.number(), notifications: z.number() }), ...errorResponses },
    },
    handler: async (req) => {
      if (!planPolicy.manage(requireActor(req))) throw forbid('检查超期任务');
      return escalateOverdueTasks(db, nowOf(req.ctx));
    },
  });
}
