import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/plugin.js';
import { notFound } from '../../platform/errors.js';
import { UuidParam, errorResponses, z } from '../../platform/http/zod.js';
import type { AppDeps } from '../../platform/manifest.js';
import { DISPOSITION_LABELS, PERIOD_PHASE_LABELS, periodPhase } from '../../procedures/public-comment/index.js';
import { disposeComment, submitPublicComment } from './commands/comments.js';
import { normativeSettings } from './normative.config.js';
import { normativePolicy } from './normative.policy.js';
import { findDoc, searchDocsForStaff } from './normative.repo.js';
import { nowOf } from '../../platform/clock.js';
import {
  CommentDto,
  CommentParams,
  CommentReceiptDto,
  DisposeCommentBody,
  PublicCommentBody,
  PublicDraftDto,
  StaffSearchDto,
  StaffSearchQuery,
} from './normative.schemas.js';

/**
 * Public comment on drafts (portal, no login), the staff list of those comments, and staff full-text search
 * over drafts and documents.
 */
export function normativeCommentRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cfg = normativeSettings();

  const draftQuery = () =>
    db
      .selectFrom('normative_docs as d')
      .innerJoin('organizations as o', 'o.id', 'd.org_id')
      .select([
        'd.id',
        'd.title',
        'o.name as org_name',
        'd.body',
        'd.drafting_note',
        'd.comment_start',
        'd.comment_end',
        'd.status',
      ])
      .where('d.status', '=', 'commenting')
      .where('d.comment_start', 'is not', null)
      .where('d.comment_end', 'is not', null);
  const toDraft = (d: Awaited<ReturnType<ReturnType<typeof draftQuery>['executeTakeFirstOrThrow']>>, now: Date) => {
    const phase = periodPhase(
      { open: d.status === 'commenting', opensOn: d.comment_start, closesOn: d.comment_end },
      now,
    );
    return {
      id: d.id,
      title: d.title,
      orgName: d.org_name,
      body: d.body,
      draftingNote: d.drafting_note,
      commentStart: d.comment_start!,
      commentEnd: d.comment_end!,
      open: phase === 'open',
      phase,
      phaseLabel: PERIOD_PHASE_LABELS[phase],
    };
  };

  r.get('/api/public/normative-drafts', {
    schema: {
      tags: ['政务公开'],
      summary: '正在公开征求意见的规范性文件草案',
      response: { 200: z.object({ items: z.array(PublicDraftDto) }), ...errorResponses },
    },
    handler: async (req) => ({
      items: (await draftQuery().orderBy('d.comment_end').execute()).map((d) => toDraft(d, nowOf(req.ctx))),
    }),
  });

  r.get('/api/public/normative-drafts/:id', {
    schema: {
      tags: ['政务公开'],
      summary: '征求意见草案全文',
      params: UuidParam,
      response: { 200: PublicDraftDto, ...errorResponses },
    },
    handler: async (req) => {
      const d = await draftQuery().where('d.id', '=', req.params.id).executeTakeFirst();
      if (!d) throw notFound('征求意见的文件');
      return toDraft(d, nowOf(req.ctx));
    },
  });

  r.post('/api/public/normative-drafts/:id/comments', {
    schema: {
      tags: ['政务公开'],
      summary: '对草案提交意见（匿名、个人或单位；返回回执号）',
      params: UuidParam,
      body: PublicCommentBody,
      response: { 201: CommentReceiptDto, 429: errorResponses[400], ...errorResponses },
    },
    config: { rateLimit: { max: cfg.commentRateMax, timeWindow: cfg.commentRateWindowMs } },
    handler: async (req, reply) => {
      const res = await submitPublicComment(db, req.ip, req.params.id, req.body, nowOf(req.ctx));
      return reply.status(201).send(res);
    },
  });

  r.get('/api/normative-docs/:id/comments', {
    schema: {
      tags: ['行政规范性文件'],
      summary: '公众对草案提交的意见',
      params: UuidParam,
      response: { 200: z.object({ items: z.array(CommentDto) }), ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const d = await findDoc(db, req.params.id);
      if (!d || !normativePolicy.view(actor, d.org_path)) throw notFound('规范性文件');
      const rows = await db
        .selectFrom('normative_comments')
        .selectAll()
        .where('doc_id', '=', d.id)
        .orderBy('created_at')
        .execute();
      return {
        items: rows.map((c) => ({
          id: c.id,
          receiptNo: c.receipt_no,
          submitterKind: c.submitter_kind,
          submitterName: c.submitter_name,
          contact: c.contact,
          body: c.body,
          disposition: c.disposition,
          dispositionLabel: c.disposition ? DISPOSITION_LABELS[c.disposition] : null,
          dispositionReason: c.disposition_reason,
          createdAt: new Date(c.created_at).toISOString(),
        })),
      };
    },
  });

  r.post('/api/normative-docs/:id/comments/:commentId/disposition', {
    schema: {
      tags: ['行政规范性文件'],
      summary: '起草单位处理公众意见（采纳、部分采纳、不予采纳并说明理由）',
      params: CommentParams,
      body: DisposeCommentBody,
      response: { 200: z.object({ ok: z.literal(true) }), ...errorResponses },
    },
    handler: async (req) => {
      requireActor(req);
      await disposeComment(db, req.ctx, req.params.id, req.params.commentId, req.body);
      return { ok: true as const };
    },
  });

  r.get('/api/normative-docs/search', {
    schema: {
      tags: ['行政规范性文件'],
      summary: '全文检索本单位可见的草案与文件',
      querystring: StaffSearchQuery,
      response: { 200: StaffSearchDto, ...errorResponses },
    },
    handler: async (req) => searchDocsForStaff(db, requireActor(req), req.query),
  });
}
