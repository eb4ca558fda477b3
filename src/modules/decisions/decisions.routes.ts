import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor, RequestCtx } from '../../platform/access/actor.js';
import { requireActor } from '../../platform/auth/plugin.js';
import { today } from '../../platform/calendar/index.js';
import type { Db } from '../../platform/db/engine.js';
import { AppError, notFound } from '../../platform/errors.js';
import { UuidParam, errorResponses, z } from '../../platform/http/zod.js';
import type { AppDeps } from '../../platform/manifest.js';
import { assessItem } from './commands/assess.js';
import { approveCatalog, createCatalog, publishCatalog } from './commands/catalog.js';
import { recordCollectiveDecision } from './commands/collective-decision.js';
import { disposeComment, moderateComment } from './commands/comments.js';
import {
  adjustDecision,
  completeExecution,
  reportProgress,
  resumeDecision,
  suspendDecision,
  withdrawDecision,
} from './commands/execution.js';
import { recordLegalityOpinion, submitLegalityReview } from './commands/legality-review.js';
import { closeParticipation, completeParticipation, openParticipation } from './commands/participation.js';
import { completePostEvaluation, startPostEvaluation } from './commands/post-evaluation.js';
import {
  completeDrafting,
  completeExpertReview,
  completeRiskAssessment,
  initiate,
  reportToParty,
} from './commands/procedure.js';
import { proposeItem } from './commands/propose-item.js';
import { publishDecision } from './commands/publication.js';
import { adjustPlannedDate } from './commands/adjust-plan.js';
import { archiveDecision } from './commands/archive.js';
import type * as C from './decisions.contract.js';
import { decisionsPolicy } from './decisions.policy.js';
import {
  CatalogDto,
  DecisionDetailDto,
  DecisionSummaryDto,
  presentDecision,
  summaryOf,
} from './decisions.presenter.js';
import { loadDecision, visibleDecisionIds } from './decisions.repo.js';
import * as S from './decisions.schemas.js';
import { catalogStats, listCatalogs, monthlySupervision } from './decisions.queries.js';
import { exportArchiveZip } from './export/archive-zip.js';
import { catalogDocx } from './export/catalog-docx.js';
import { nowOf } from '../../platform/clock.js';

type Cmd = (db: Db, ctx: RequestCtx, id: string, body: never) => Promise<unknown>;

/** Procedure actions: URL segment → body schema and command (each one transaction, see commands/). */
const STEPS: { path: string; summary: string; body: z.ZodType; run: Cmd }[] = [
  { path: 'initiate', summary: '启动决策程序', body: S.InitiateBody, run: initiate as Cmd },
  { path: 'drafting', summary: '完成决策草案', body: S.DraftingBody, run: completeDrafting as Cmd },
  {
    path: 'participation/complete',
    summary: '完成公众参与并生成意见采纳情况说明',
    body: z.strictObject({}),
    run: ((db, ctx, id) => completeParticipation(db, ctx, id)) as Cmd,
  },
  { path: 'expert-review', summary: '完成专家论证', body: S.ExpertReviewBody, run: completeExpertReview as Cmd },
  { path: 'risk-assessment', summary: '完成风险评估', body: S.RiskAssessmentBody, run: completeRiskAssessment as Cmd },
  { path: 'legality-review', summary: '送请合法性审查', body: S.SubmitLegalityBody, run: submitLegalityReview as Cmd },
  {
    path: 'legality-review/unit-opinion',
    summary: '承办单位法制机构初审意见',
    body: S.LegalityOpinionBody,
    run: ((db, ctx, id, b) => recordLegalityOpinion(db, ctx, id, 'unit', b)) as Cmd,
  },
  {
    path: 'legality-review/justice-opinion',
    summary: '司法局合法性审查意见',
    body: S.LegalityOpinionBody,
    run: ((db, ctx, id, b) => recordLegalityOpinion(db, ctx, id, 'justice', b)) as Cmd,
  },
  {
    path: 'collective-decision',
    summary: '记录集体讨论决定',
    body: S.CollectiveDecisionBody,
    run: recordCollectiveDecision as Cmd,
  },
  { path: 'party-report', summary: '记录向党委请示报告', body: S.PartyReportBody, run: reportToParty as Cmd },
  { path: 'publish', summary: '公布决策', body: S.PublishBody, run: publishDecision as Cmd },
  { path: 'progress', summary: '报告执行情况', body: S.ProgressBody, run: reportProgress as Cmd },
  {
    path: 'post-evaluation',
    summary: '启动决策后评估',
    body: S.PostEvaluationStartBody,
    run: startPostEvaluation as Cmd,
  },
  {
    path: 'post-evaluation/complete',
    summary: '完成决策后评估',
    body: S.PostEvaluationCompleteBody,
    run: completePostEvaluation as Cmd,
  },
  { path: 'complete', summary: '确认执行完毕', body: S.CompleteExecutionBody, run: completeExecution as Cmd },
  { path: 'archive', summary: '归档', body: S.ArchiveBody, run: archiveDecision as Cmd },
  { path: 'suspend', summary: '暂停执行', body: S.ReasonBody, run: suspendDecision as Cmd },
  { path: 'resume', summary: '恢复执行', body: S.ReasonBody, run: resumeDecision as Cmd },
  { path: 'adjust', summary: '调整决策（重新履行相关法定程序）', body: S.AdjustBody, run: adjustDecision as Cmd },
  { path: 'withdraw', summary: '撤回决策事项', body: S.ReasonBody, run: withdrawDecision as Cmd },
];

async function detail(db: Db, actor: Actor, id: string, now: Date) {
  const d = await loadDecision(db, id);
  if (!d || !decisionsPolicy.view(actor, d.orgs)) throw notFound('决策事项');
  return presentDecision(db, d, actor, today(now));
}

export function decisionRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['重大行政决策'];
  const Ok = z.object({ ok: z.literal(true) });

  r.get('/api/decisions/catalogs', {
    schema: {
      tags,
      summary: '决策事项目录（按可见范围）',
      querystring: S.YearQuery,
      response: { 200: z.object({ items: z.array(CatalogDto) }), ...errorResponses },
    },
    handler: async (req) => ({ items: await listCatalogs(db, { actor: requireActor(req), ...req.query }) }),
  });
  r.post('/api/decisions/catalogs', {
    schema: {
      tags,
      summary: '新建年度目录',
      body: S.CreateCatalogBody,
      response: { 201: z.object({ id: z.string() }), ...errorResponses },
    },
    handler: async (req, reply) => {
      requireActor(req);
      const c = await createCatalog(db, req.ctx, req.body);
      return reply.status(201).send({ id: c.id });
    },
  });
  r.post('/api/decisions/catalogs/:id/approve', {
    schema: {
      tags,
      summary: '记录同级党委同意',
      params: UuidParam,
      body: S.ApproveCatalogBody,
      response: { 200: Ok, ...errorResponses },
    },
    handler: async (req) => {
      requireActor(req);
      await approveCatalog(db, req.ctx, req.params.id, req.body);
      return { ok: true as const };
    },
  });
  r.post('/api/decisions/catalogs/:id/publish', {
    schema: {
      tags,
      summary: '公布目录（已公布的为调整，须写明理由）',
      params: UuidParam,
      body: S.PublishCatalogBody,
      response: {
        200: z.object({
          version: z.number(),
          leafHash: z.string(),
          items: z.number(),
        }) satisfies z.ZodType<C.CatalogPublishResultDto>,
        ...errorResponses,
      },
    },
    handler: async (req) => {
      requireActor(req);
      return publishCatalog(db, req.ctx, req.params.id, req.body);
    },
  });
  r.post('/api/decisions/catalogs/:id/items', {
    schema: {
      tags,
      summary: '提出决策事项',
      params: UuidParam,
      body: S.ProposeItemBody,
      response: { 201: z.object({ id: z.string() }), ...errorResponses },
    },
    handler: async (req, reply) => {
      requireActor(req);
      const row = await proposeItem(db, req.ctx, req.params.id, req.body);
      return reply.status(201).send({ id: row.id });
    },
  });
  r.get('/api/decisions/catalogs/:id/stats', {
    schema: {
      tags,
      summary: '目录统计：事项数、同比、按期完成率',
      params: UuidParam,
      response: {
        200: S.CatalogStatsDto,
        ...errorResponses,
      },
    },
    handler: async (req) => catalogStats(db, requireActor(req), req.params.id, today(nowOf(req.ctx))),
  });
  r.get('/api/decisions/catalogs/:id/docx', {
    schema: { tags, summary: '目录公文（DOCX）', params: UuidParam },
    handler: async (req, reply) => {
      const { buffer, filename } = await catalogDocx(db, requireActor(req), req.params.id);
      return reply
        .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .send(buffer);
    },
  });

  r.get('/api/decisions/items', {
    schema: {
      tags,
      summary: '决策事项列表（按可见范围）',
      querystring: S.ListItemsQuery,
      response: { 200: z.object({ items: z.array(DecisionSummaryDto) }), ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      let q = db
        .selectFrom('decisions')
        .select('id')
        .where('id', 'in', visibleDecisionIds(db, actor))
        .orderBy('catalog_id')
        .orderBy('seq');
      if (req.query.catalogId) q = q.where('catalog_id', '=', req.query.catalogId);
      if (req.query.status) q = q.where('status', '=', req.query.status);
      if (req.query.q) q = q.where('title', 'like', `%${req.query.q.replace(/[%_\\]/g, '\\$&')}%`);
      const ids = await q.limit(500).execute();
      const t = today(nowOf(req.ctx));
      const items = [];
      for (const { id } of ids) items.push(summaryOf((await loadDecision(db, id))!, t));
      return { items };
    },
  });
  r.get('/api/decisions/items/:id', {
    schema: {
      tags,
      summary: '决策事项详情（全过程记录）',
      params: UuidParam,
      response: { 200: DecisionDetailDto, ...errorResponses },
    },
    handler: async (req) => detail(db, requireActor(req), req.params.id, nowOf(req.ctx)),
  });
  r.post('/api/decisions/items/:id/assessment', {
    schema: {
      tags,
      summary: '重大性认定（第三条）',
      params: UuidParam,
      body: S.AssessBody,
      response: {
        200: z.object({ isMajor: z.boolean(), explanation: z.string() }) satisfies z.ZodType<C.AssessmentResultDto>,
        ...errorResponses,
      },
    },
    handler: async (req) => {
      requireActor(req);
      const a = await assessItem(db, req.ctx, req.params.id, req.body);
      return { isMajor: a.isMajor, explanation: a.explanation };
    },
  });
  r.post('/api/decisions/items/:id/plan', {
    schema: {
      tags,
      summary: '调整事项计划完成时间（目录已公布的，属于目录调整）',
      params: UuidParam,
      body: S.AdjustPlanBody,
      response: { 200: DecisionDetailDto, ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      await adjustPlannedDate(db, req.ctx, req.params.id, req.body);
      return detail(db, actor, req.params.id, nowOf(req.ctx));
    },
  });
  for (const s of STEPS) {
    r.post(`/api/decisions/items/:id/${s.path}`, {
      schema: {
        tags,
        summary: s.summary,
        params: UuidParam,
        body: s.body,
        response: { 200: DecisionDetailDto, ...errorResponses },
      },
      handler: async (req) => {
        const actor = requireActor(req);
        await s.run(db, req.ctx, req.params.id, req.body as never);
        return detail(db, actor, req.params.id, nowOf(req.ctx));
      },
    });
  }
  r.post('/api/decisions/items/:id/participations', {
    schema: {
      tags,
      summary: '组织公众参与（征求意见、听证、座谈等）',
      params: UuidParam,
      body: S.OpenParticipationBody,
      response: { 201: z.object({ id: z.string() }), ...errorResponses },
    },
    handler: async (req, reply) => {
      requireActor(req);
      const p = await openParticipation(db, req.ctx, req.params.id, req.body);
      return reply.status(201).send({ id: p.id });
    },
  });
  r.post('/api/decisions/participations/:id/close', {
    schema: {
      tags,
      summary: '结束公众参与并记录结果',
      params: UuidParam,
      body: S.CloseParticipationBody,
      response: {
        200: z.object({ commentSetHash: z.string().nullable(), comments: z.number().nullable() }),
        ...errorResponses,
      },
    },
    handler: async (req) => {
      requireActor(req);
      return closeParticipation(db, req.ctx, req.params.id, req.body);
    },
  });
  r.post('/api/decisions/comments/:id/moderate', {
    schema: {
      tags,
      summary: '意见审核',
      params: UuidParam,
      body: S.ModerateBody,
      response: { 200: Ok, ...errorResponses },
    },
    handler: async (req) => {
      requireActor(req);
      await moderateComment(db, req.ctx, req.params.id, req.body);
      return { ok: true as const };
    },
  });
  r.post('/api/decisions/comments/:id/dispose', {
    schema: {
      tags,
      summary: '意见采纳处理',
      params: UuidParam,
      body: S.DisposeBody,
      response: { 200: Ok, ...errorResponses },
    },
    handler: async (req) => {
      requireActor(req);
      await disposeComment(db, req.ctx, req.params.id, req.body);
      return { ok: true as const };
    },
  });
  r.get('/api/decisions/items/:id/archive.zip', {
    schema: { tags, summary: '导出决策全过程档案（ZIP，含 SHA-256 清单与上链证明）', params: UuidParam },
    handler: async (req, reply) => {
      const { buffer, filename } = await exportArchiveZip(db, requireActor(req), req.params.id, nowOf(req.ctx));
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .send(buffer);
    },
  });
  r.get('/api/decisions/monthly-supervision', {
    schema: {
      tags,
      summary: '月月督：各事项所处阶段、超期事项与责任单位',
      querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2199).optional() }),
      response: {
        200: z.object({
          asOf: z.string(),
          items: z.array(
            DecisionSummaryDto.extend({
              stageDeadline: z.string().nullable(),
              stageOverdue: z.boolean(),
              /** Due date of the open catalog plan-date deadline (null: none registered or closed). */
              planDeadline: z.string().nullable(),
            }),
          ),
          byUnit: z.array(z.object({ leadName: z.string(), total: z.number(), overdue: z.number() })),
        }) satisfies z.ZodType<C.MonthlySupervisionDto>,
        ...errorResponses,
      },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      if (!decisionsPolicy.viewMonthlySupervision(actor))
        throw new AppError('forbidden', '月月督视图供依法治区办、司法局和区领导使用。');
      return monthlySupervision(db, actor, today(nowOf(req.ctx)), req.query.year);
    },
  });
}
