import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { visibleOrgIds } from '../../platform/access/scope.js';
import { requireActor } from '../../platform/auth/plugin.js';
import { today } from '../../platform/calendar/index.js';
import { nowOf } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import { Abilities, UuidParam, errorResponses, z } from '../../platform/http/zod.js';
import type { AppDeps } from '../../platform/manifest.js';
import { campaignProgress, closeCampaign, decideItem, startCampaign } from './commands/cleanup.js';
import { createDoc, reviseDoc, upsertIssuingBody } from './commands/drafting.js';
import { reviewFiling, submitFiling } from './commands/filing.js';
import { correctDoc } from './commands/correct.js';
import { completeTask, repealDoc } from './commands/lifecycle.js';
import {
  finishComment,
  recordDeliberation,
  recordFairReview,
  recordLegalityOpinion,
  startComment,
  submitFairReview,
  submitLegalityReview,
} from './commands/procedure.js';
import { publishDoc, registerDoc } from './commands/publish.js';
import type { CleanupCampaignDto, IssuingBodyDto } from './normative-docs.contract.js';
import { diffLines } from './normative.diff.js';
import { normativePolicy } from './normative.policy.js';
import { presentDetail } from './normative.presenter.js';
import { findDoc, listDocs, listFilings } from './normative.repo.js';
import * as S from './normative.schemas.js';

const Ok = z.object({ ok: z.literal(true) });
const ok = { ok: true as const };

export function normativeRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['行政规范性文件'];

  const visibleDoc = async (actor: ReturnType<typeof requireActor>, id: string) => {
    const d = await findDoc(db, id);
    if (!d || !normativePolicy.view(actor, d.org_path)) throw notFound('规范性文件');
    return d;
  };
  const detail = async (req: { params: { id: string } } & Parameters<typeof requireActor>[0]) => {
    const actor = requireActor(req);
    return presentDetail(db, await visibleDoc(actor, req.params.id), actor, nowOf(req.ctx));
  };

  r.get('/api/normative-docs/issuing-bodies', {
    schema: {
      tags,
      summary: '制定主体清单',
      response: {
        200: z.object({
          items: z.array(
            z.object({
              orgId: z.string(),
              orgName: z.string(),
              numberPrefix: z.string(),
              basis: z.string(),
              active: z.boolean(),
            }) satisfies z.ZodType<IssuingBodyDto>,
          ),
          abilities: Abilities,
        }),
        ...errorResponses,
      },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const rows = await db
        .selectFrom('normative_issuing_bodies as b')
        .innerJoin('organizations as o', 'o.id', 'b.org_id')
        .select(['b.org_id', 'o.name', 'b.number_prefix', 'b.basis', 'b.active'])
        .orderBy('o.path')
        .execute();
      return {
        items: rows.map((x) => ({
          orgId: x.org_id,
          orgName: x.name,
          numberPrefix: x.number_prefix,
          basis: x.basis,
          active: x.active,
        })),
        abilities: { manage: normativePolicy.manageIssuingBodies(actor) },
      };
    },
  });

  r.put('/api/normative-docs/issuing-bodies', {
    schema: { tags, summary: '列入或调整制定主体', body: S.IssuingBodyBody, response: { 200: Ok, ...errorResponses } },
    handler: async (req) => {
      const actor = requireActor(req);
      if (!normativePolicy.manageIssuingBodies(actor))
        throw new AppError('forbidden', '只有系统管理员或司法局可以调整制定主体清单。');
      await upsertIssuingBody(db, req.ctx, req.body);
      return ok;
    },
  });

  r.get('/api/normative-docs', {
    schema: {
      tags,
      summary: '规范性文件列表（按可见范围）',
      querystring: S.DocListQuery,
      response: { 200: S.DocListDto, ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const q = req.query;
      return listDocs(
        db,
        actor,
        { ...q, needsReview: q.needsReview === undefined ? undefined : q.needsReview === 'true' },
        today(nowOf(req.ctx)),
      );
    },
  });

  r.post('/api/normative-docs', {
    schema: {
      tags,
      summary: '起草规范性文件（须为制定主体清单内的单位）',
      body: S.CreateDocBody,
      response: { 201: S.DocDetailDto, ...errorResponses },
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const id = await createDoc(db, req.ctx, req.body);
      reply.status(201);
      return presentDetail(db, (await findDoc(db, id))!, actor, nowOf(req.ctx));
    },
  });

  r.get('/api/normative-docs/:id', {
    schema: {
      tags,
      summary: '规范性文件详情',
      params: UuidParam,
      response: { 200: S.DocDetailDto, ...errorResponses },
    },
    handler: async (req) => detail(req),
  });

  r.patch('/api/normative-docs/:id', {
    schema: {
      tags,
      summary: '修改草案（保存为新版本）',
      params: UuidParam,
      body: S.ReviseDocBody,
      response: { 200: S.DocDetailDto, ...errorResponses },
    },
    handler: async (req) => {
      await reviseDoc(db, req.ctx, req.params.id, req.body);
      return detail(req);
    },
  });

  r.get('/api/normative-docs/:id/diff', {
    schema: {
      tags,
      summary: '两个版本之间的差异',
      params: UuidParam,
      querystring: z.strictObject({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }),
      response: { 200: S.DiffDto, ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      await visibleDoc(actor, req.params.id);
      const vs = await db
        .selectFrom('normative_doc_versions')
        .select(['version', 'title', 'body'])
        .where('doc_id', '=', req.params.id)
        .where('version', 'in', [req.query.from, req.query.to])
        .execute();
      const a = vs.find((v) => v.version === req.query.from);
      const b = vs.find((v) => v.version === req.query.to);
      if (!a || !b) throw notFound('版本');
      return {
        from: a.version,
        to: b.version,
        titleChanged: a.title === b.title ? null : { from: a.title, to: b.title },
        lines: diffLines(a.body, b.body),
      };
    },
  });

  const action = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B | null,
    run: (req: { ctx: Parameters<typeof startComment>[1]; params: { id: string }; body: z.infer<B> }) => Promise<void>,
  ) => {
    r.post(`/api/normative-docs/:id/${path}`, {
      schema: {
        tags,
        summary,
        params: UuidParam,
        ...(body ? { body } : {}),
        response: { 200: S.DocDetailDto, ...errorResponses },
      },
      handler: async (req) => {
        requireActor(req);
        await run(req as never);
        return detail(req);
      },
    });
  };
  action('comment/start', '公开征求意见', S.StartCommentBody, (q) => startComment(db, q.ctx, q.params.id, q.body));
  action('comment/finish', '结束征求意见并说明采纳情况', S.FinishCommentBody, (q) =>
    finishComment(db, q.ctx, q.params.id, q.body),
  );
  action('fair-review/submit', '提交公平竞争审查', null, (q) => submitFairReview(db, q.ctx, q.params.id));
  action('fair-review/record', '记录公平竞争审查结论', S.FairReviewBody, (q) =>
    recordFairReview(db, q.ctx, q.params.id, q.body),
  );
  action('legality-review/submit', '提交合法性审核', null, (q) => submitLegalityReview(db, q.ctx, q.params.id));
  action('legality-review/record', '出具合法性审核意见', S.LegalityOpinionBody, (q) =>
    recordLegalityOpinion(db, q.ctx, q.params.id, q.body),
  );
  action('deliberation', '记录集体审议结果', S.DeliberationBody, (q) =>
    recordDeliberation(db, q.ctx, q.params.id, q.body),
  );
  action('register', '统一登记编号', null, (q) => registerDoc(db, q.ctx, q.params.id));
  action('publish', '公布施行（同时公布解读）', S.PublishBody, (q) => publishDoc(db, q.ctx, q.params.id, q.body));
  action('repeal', '废止', S.RepealBody, (q) => repealDoc(db, q.ctx, q.params.id, q.body.reason));
  action('correction', '更正公布文本（重新上链）', S.CorrectionBody, (q) => correctDoc(db, q.ctx, q.params.id, q.body));
  action('filing/submit', '报送备案', S.FilingSubmitBody, (q) => submitFiling(db, q.ctx, q.params.id, q.body));
  action('filing/review', '备案审查', S.FilingReviewBody, (q) => reviewFiling(db, q.ctx, q.params.id, q.body));

  r.post('/api/normative-docs/tasks/:id/done', {
    schema: {
      tags,
      summary: '完成评估任务（上位法修改、到期评估）',
      params: UuidParam,
      body: S.TaskDoneBody,
      response: { 200: Ok, ...errorResponses },
    },
    handler: async (req) => {
      requireActor(req);
      await completeTask(db, req.ctx, req.params.id, req.body.outcome);
      return ok;
    },
  });

  r.get('/api/normative-filings', {
    schema: {
      tags,
      summary: '备案审查台账（含逾期未报）',
      querystring: z.strictObject({
        status: z
          .enum(['pending', 'submitted', 'accepted', 'returned', 'correction_required', 'revocation_proposed'])
          .optional(),
        overdue: z.enum(['true', 'false']).optional(),
      }),
      response: { 200: z.object({ items: z.array(S.FilingDto) }), ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      return {
        items: await listFilings(
          db,
          actor,
          { status: req.query.status, overdue: req.query.overdue === 'true' },
          nowOf(req.ctx),
        ),
      };
    },
  });

  const CampaignDto: z.ZodType<CleanupCampaignDto> = z.object({
    id: z.string(),
    title: z.string(),
    startedOn: z.string(),
    dueOn: z.string(),
    status: z.string(),
    progress: z.object({
      total: z.number(),
      decided: z.number(),
      counts: z.object({ keep: z.number(), amend: z.number(), repeal: z.number(), lapse: z.number() }),
      units: z.array(
        z.object({
          orgId: z.string(),
          orgName: z.string(),
          total: z.number(),
          decided: z.number(),
          keep: z.number(),
          amend: z.number(),
          repeal: z.number(),
          lapse: z.number(),
        }),
      ),
    }),
    items: z.array(
      z.object({
        docId: z.string(),
        title: z.string(),
        registrationNo: z.string().nullable(),
        orgName: z.string(),
        outcome: z.string().nullable(),
        reason: z.string().nullable(),
      }),
    ),
  });

  r.get('/api/normative-cleanups', {
    schema: {
      tags,
      summary: '规范性文件清理（含各单位进度）',
      response: { 200: z.object({ items: z.array(CampaignDto), abilities: Abilities }), ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const orgIds = (await visibleOrgIds(db, actor).execute()).map((o) => o.id);
      const cs = await db
        .selectFrom('normative_cleanup_campaigns')
        .selectAll()
        .orderBy('started_on', 'desc')
        .limit(20)
        .execute();
      const items = [];
      for (const c of cs) {
        const its = await db
          .selectFrom('normative_cleanup_items as i')
          .innerJoin('normative_docs as d', 'd.id', 'i.doc_id')
          .innerJoin('organizations as o', 'o.id', 'i.org_id')
          .select(['i.doc_id', 'd.title', 'd.registration_no', 'o.name', 'i.outcome', 'i.reason'])
          .where('i.campaign_id', '=', c.id)
          .where('i.org_id', 'in', orgIds.length ? orgIds : ['00000000-0000-0000-0000-000000000000'])
          .orderBy('o.path')
          .orderBy('d.registration_no')
          .execute();
        items.push({
          id: c.id,
          title: c.title,
          startedOn: c.started_on,
          dueOn: c.due_on,
          status: c.status,
          progress: await campaignProgress(db, c.id, orgIds),
          items: its.map((i) => ({
            docId: i.doc_id,
            title: i.title,
            registrationNo: i.registration_no,
            orgName: i.name,
            outcome: i.outcome,
            reason: i.reason,
          })),
        });
      }
      return { items, abilities: { run: normativePolicy.runCleanup(actor) } };
    },
  });

  r.post('/api/normative-cleanups', {
    schema: {
      tags,
      summary: '启动清理（全部现行有效文件）',
      body: S.CampaignBody,
      response: { 201: z.object({ id: z.string() }), ...errorResponses },
    },
    handler: async (req, reply) => {
      requireActor(req);
      const id = await startCampaign(db, req.ctx, req.body);
      reply.status(201);
      return { id };
    },
  });

  r.post('/api/normative-cleanups/:id/decisions', {
    schema: {
      tags,
      summary: '确定一件文件的清理结果',
      params: UuidParam,
      body: S.CleanupDecisionBody,
      response: { 200: Ok, ...errorResponses },
    },
    handler: async (req) => {
      requireActor(req);
      await decideItem(db, req.ctx, req.params.id, req.body);
      return ok;
    },
  });

  r.post('/api/normative-cleanups/:id/close', {
    schema: {
      tags,
      summary: '完成清理（全部文件已有结果）',
      params: UuidParam,
      response: { 200: Ok, ...errorResponses },
    },
    handler: async (req) => {
      requireActor(req);
      await closeCampaign(db, req.ctx, req.params.id);
      return ok;
    },
  });
}
