import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { today } from '../../platform/calendar/index.js';
import type { Db } from '../../platform/db/engine.js';
import { notFound } from '../../platform/errors.js';
import { UuidParam, errorResponses, z } from '../../platform/http/zod.js';
import type { AppDeps } from '../../platform/manifest.js';
import { submitPublicComment } from './commands/comments.js';
import { DISPOSITION_LABELS, FORM_LABELS } from './commands/participation.js';
import { decisionsConfig } from './decisions.config.js';
import type { DecisionCommentReceiptDto, PublicCatalogDetailDto, PublicDecisionDto } from './decisions.contract.js';
import { CatalogDto } from './decisions.presenter.js';
import { catalogStats, listCatalogs } from './decisions.queries.js';
import { loadDecision } from './decisions.repo.js';
import { CatalogStatsDto, CatalogVersionDto, PublicCommentBody, YearQuery } from './decisions.schemas.js';
import { type DecisionStatus, STATUS_LABELS } from './decisions.workflow.js';
import { catalogDocx } from './export/catalog-docx.js';
import { nowOf } from '../../platform/clock.js';
import {
  maskedSubmitter,
  PERIOD_PHASE_LABELS,
  PERIOD_PHASES,
  periodPhase,
} from '../../procedures/public-comment/index.js';

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

const PublicItemDto: z.ZodType<PublicDecisionDto> = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  bodyName: z.string(),
  leadName: z.string(),
  executionName: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  plannedCompletionOn: z.string(),
  confidential: z.boolean(),
  stages: z.array(
    z.object({
      stage: z.string(),
      label: z.string(),
      summary: z.string(),
      completedAt: z.string(),
      leafHash: z.string().nullable(),
    }),
  ),
  participations: z.array(
    z.object({
      id: z.string(),
      form: z.string(),
      formLabel: z.string(),
      title: z.string(),
      status: z.string(),
      acceptingComments: z.boolean(),
      phase: z.enum(PERIOD_PHASES),
      phaseLabel: z.string(),
      opensOn: z.string().nullable(),
      closesOn: z.string().nullable(),
      shortenedReason: z.string().nullable(),
      heldOn: z.string().nullable(),
      participants: z.array(z.string()),
      selectionMethod: z.string().nullable(),
      outcome: z.string().nullable(),
      commentSetHash: z.string().nullable(),
    }),
  ),
  comments: z.array(
    z.object({
      receiptNo: z.string(),
      submitter: z.string(),
      body: z.string(),
      disposition: z.string().nullable(),
      dispositionReason: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  publishedText: z.string().nullable(),
  publishedLeafHash: z.string().nullable(),
});

const PublicCatalogDetail: z.ZodType<PublicCatalogDetailDto> = CatalogDto.extend({
  items: z.array(
    z.object({
      id: z.string(),
      seq: z.number(),
      title: z.string(),
      category: z.string(),
      leadUnit: z.string(),
      plannedCompletionOn: z.string(),
      status: z.string(),
      statusLabel: z.string(),
    }),
  ),
  versions: z.array(CatalogVersionDto),
  stats: CatalogStatsDto,
});

async function publicCatalog(db: Db, id: string, now: Date) {
  const [c] = (await listCatalogs(db, { actor: null })).filter((x) => x.id === id);
  if (!c) throw notFound('决策事项目录');
  const versions = await db
    .selectFrom('decision_catalog_versions')
    .selectAll()
    .where('catalog_id', '=', id)
    .orderBy('version', 'desc')
    .execute();
  const snap = json<{
    items: {
      id: string;
      seq: number;
      title: string;
      category: string;
      leadUnit: string;
      plannedCompletionOn: string;
    }[];
  }>(versions[0].snapshot);
  const statuses = new Map(
    (await db.selectFrom('decisions').select(['id', 'status']).where('catalog_id', '=', id).execute()).map((r) => [
      r.id,
      r.status,
    ]),
  );
  return {
    ...c,
    items: snap.items.map((i) => ({
      ...i,
      status: statuses.get(i.id) ?? 'proposed',
      statusLabel: STATUS_LABELS[(statuses.get(i.id) ?? 'proposed') as DecisionStatus],
    })),
    versions: versions.map((v) => ({
      version: v.version,
      reason: v.reason,
      publishedAt: new Date(v.published_at).toISOString(),
      contentHash: v.content_hash,
      leafHash: v.leaf_hash,
    })),
    stats: await catalogStats(db, null, id, today(now)),
  };
}

/**
 * Whether an item's procedure is on the portal: it stands in a published catalog and is not confidential (Art 32).
 * The calendar's public deadline route asks this before showing the comment period's due date and trace.
 */
export async function isPublicDecision(db: Db, id: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
  const d = await loadDecision(db, id);
  if (!d || !d.in_catalog || d.confidential) return false;
  const cat = await db
    .selectFrom('decision_catalogs')
    .select('status')
    .where('id', '=', d.catalog_id)
    .executeTakeFirst();
  return cat?.status === 'published';
}

async function publicItem(db: Db, id: string, now: Date): Promise<z.infer<typeof PublicItemDto>> {
  const d = await loadDecision(db, id);
  const cat = d
    ? await db.selectFrom('decision_catalogs').select('status').where('id', '=', d.catalog_id).executeTakeFirst()
    : null;
  if (!d || cat?.status !== 'published' || !d.in_catalog) throw notFound('决策事项');
  const stages = d.confidential
    ? []
    : await db
        .selectFrom('decision_stage_records')
        .selectAll()
        .where('decision_id', '=', d.id)
        .where('public_summary', 'is not', null)
        .orderBy('completed_at')
        .execute();
  const parts = d.confidential
    ? []
    : await db
        .selectFrom('decision_participations')
        .selectAll()
        .where('decision_id', '=', d.id)
        .orderBy('created_at')
        .execute();
  const comments = d.confidential
    ? []
    : await db
        .selectFrom('decision_comments')
        .selectAll()
        .where('decision_id', '=', d.id)
        .where('moderation', '=', 'published')
        .orderBy('created_at')
        .execute();
  const pub = stages.filter((s) => s.stage === 'publication').at(-1);
  const phaseOf = (p: (typeof parts)[number]) =>
    periodPhase({ open: p.status === 'open', opensOn: p.opens_on, closesOn: p.closes_on }, now);
  return {
    id: d.id,
    title: d.title,
    summary: d.summary,
    bodyName: d.bodyName,
    leadName: d.leadName,
    executionName: d.executionName,
    status: d.status,
    statusLabel: STATUS_LABELS[d.status as DecisionStatus],
    plannedCompletionOn: d.planned_completion_on,
    confidential: d.confidential,
    stages: stages.map((s) => ({
      stage: s.stage,
      label: STATUS_LABELS[s.stage as DecisionStatus] ?? s.stage,
      summary: s.public_summary!,
      completedAt: new Date(s.completed_at).toISOString(),
      leafHash: s.leaf_hash,
    })),
    participations: parts.map((p) => {
      const det = json<{ participants?: string[]; selectionMethod?: string }>(p.details);
      return {
        id: p.id,
        form: p.form,
        formLabel: FORM_LABELS[p.form],
        title: p.title,
        status: p.status,
        acceptingComments: p.form === 'comment_period' && phaseOf(p) === 'open',
        phase: phaseOf(p),
        phaseLabel: PERIOD_PHASE_LABELS[phaseOf(p)],
        opensOn: p.opens_on,
        closesOn: p.closes_on,
        shortenedReason: p.shortened_reason,
        heldOn: p.held_on,
        participants: p.form === 'hearing' ? (det.participants ?? []) : [],
        selectionMethod: det.selectionMethod ?? null,
        outcome: p.outcome,
        commentSetHash: p.comment_set_hash,
      };
    }),
    comments: comments.map((c) => ({
      receiptNo: c.receipt_no,
      submitter: maskedSubmitter(c.submitter_kind, c.submitter_name),
      body: c.body,
      disposition: c.disposition ? DISPOSITION_LABELS[c.disposition] : null,
      dispositionReason: c.disposition_reason,
      createdAt: new Date(c.created_at).toISOString(),
    })),
    // Art 32: a lawfully non-disclosable decision is not published with its text (nor anchored with it).
    publishedText: d.confidential ? null : d.published_text,
    publishedLeafHash: (pub?.outcome ? json<{ leafHash?: string }>(pub.outcome).leafHash : null) ?? null,
  };
}

/** The portal's decision column (no login): catalogs, item status pages, the comment form. */
export function decisionPublicRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['政务公开：重大行政决策'];
  const cfg = decisionsConfig();
  r.get('/api/public/decisions/catalogs', {
    schema: {
      tags,
      summary: '已公布的决策事项目录（按年度、决策机关）',
      querystring: YearQuery,
      response: { 200: z.object({ items: z.array(CatalogDto) }), ...errorResponses },
    },
    handler: async (req) => ({ items: await listCatalogs(db, { actor: null, ...req.query }) }),
  });
  r.get('/api/public/decisions/catalogs/:id', {
    schema: {
      tags,
      summary: '目录详情：事项、各版本及存证',
      params: UuidParam,
      response: { 200: PublicCatalogDetail, ...errorResponses },
    },
    handler: async (req) => publicCatalog(db, req.params.id, nowOf(req.ctx)),
  });
  r.get('/api/public/decisions/catalogs/:id/docx', {
    schema: { tags, summary: '目录公文（DOCX）', params: UuidParam },
    handler: async (req, reply) => {
      const { buffer, filename } = await catalogDocx(db, null, req.params.id);
      return reply
        .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .send(buffer);
    },
  });
  r.get('/api/public/decisions/items/:id', {
    schema: {
      tags,
      summary: '决策事项进展：已完成的程序、征求意见、公布文本',
      params: UuidParam,
      response: { 200: PublicItemDto, ...errorResponses },
    },
    handler: async (req) => publicItem(db, req.params.id, nowOf(req.ctx)),
  });
  r.post('/api/public/decisions/participations/:id/comments', {
    schema: {
      tags,
      summary: '提交意见（匿名、个人或单位；可附附件；返回回执号）',
      params: UuidParam,
      body: PublicCommentBody,
      response: {
        201: z.object({
          receiptNo: z.string(),
          submittedAt: z.string(),
          closesOn: z.string().nullable(),
        }) satisfies z.ZodType<DecisionCommentReceiptDto>,
        413: errorResponses[400],
        429: errorResponses[400],
        ...errorResponses,
      },
    },
    bodyLimit: (cfg.commentMaxFiles + 1) * Math.ceil((cfg.commentMaxFileBytes * 4) / 3) + 64 * 1024,
    config: { rateLimit: { max: cfg.commentRateMax, timeWindow: cfg.commentRateWindowMs } },
    handler: async (req, reply) => {
      const res = await submitPublicComment(db, req.ip, req.params.id, req.body, cfg, nowOf(req.ctx));
      return reply.status(201).send(res);
    },
  });
}
