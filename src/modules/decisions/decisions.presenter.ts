import type { Actor } from '../../platform/access/actor.js';
import type { Executor } from '../../platform/db/engine.js';
import { z } from '../../platform/http/zod.js';
import { pendingReview } from './decisions.facts.js';
import { decisionAbilities } from './decisions.policy.js';
import type { LoadedDecision } from './decisions.repo.js';
import type * as C from './decisions.contract.js';
import { MAJOR_KINDS } from './decisions.schemas.js';
import { type DecisionStatus, STATUS_LABELS, requiredStages } from './decisions.workflow.js';
import { flagsOf } from './decisions.repo.js';

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export const CatalogDto = z.object({
  id: z.string(),
  bodyOrgId: z.string(),
  bodyName: z.string(),
  year: z.number(),
  title: z.string(),
  status: z.enum(['draft', 'approved', 'published']),
  version: z.number(),
  partyConsentRef: z.string().nullable(),
  partyConsentOn: z.string().nullable(),
  publishedAt: z.string().nullable(),
  items: z.number(),
}) satisfies z.ZodType<C.CatalogDto>;

export const DecisionSummaryDto = z.object({
  id: z.string(),
  catalogId: z.string(),
  seq: z.number(),
  title: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  leadOrgId: z.string(),
  leadName: z.string(),
  bodyName: z.string(),
  plannedCompletionOn: z.string(),
  overdue: z.boolean(),
}) satisfies z.ZodType<C.DecisionSummaryDto>;

const StageDto: z.ZodType<C.StageRecordDto> = z.object({
  id: z.string(),
  stage: z.string(),
  round: z.number(),
  outcome: z.unknown(),
  publicSummary: z.string().nullable(),
  completedAt: z.string(),
  completedByName: z.string().nullable(),
  leafHash: z.string().nullable(),
});
const ReviewDto: z.ZodType<C.LegalityReviewDto> = z.object({
  id: z.string(),
  round: z.number(),
  level: z.string(),
  submittedOn: z.string(),
  replyBy: z.string(),
  conclusion: z.string().nullable(),
  opinion: z.string().nullable(),
  reviewerName: z.string().nullable(),
  reviewedOn: z.string().nullable(),
  /** True once the draft was revised after this opinion (it no longer counts towards the two-level gate). */
  superseded: z.boolean(),
});
const ParticipationDto: z.ZodType<C.ParticipationDto> = z.object({
  id: z.string(),
  round: z.number(),
  form: z.string(),
  status: z.string(),
  title: z.string(),
  opensOn: z.string().nullable(),
  closesOn: z.string().nullable(),
  shortenedReason: z.string().nullable(),
  heldOn: z.string().nullable(),
  details: z.unknown(),
  outcome: z.string().nullable(),
  commentSetHash: z.string().nullable(),
  commentCount: z.number().nullable(),
});
const CommentDto: z.ZodType<C.DecisionCommentDto> = z.object({
  id: z.string(),
  participationId: z.string(),
  receiptNo: z.string(),
  submitterKind: z.string(),
  submitterName: z.string().nullable(),
  body: z.string(),
  attachments: z.array(
    z.object({ fileId: z.string(), name: z.string(), mime: z.string(), size: z.number(), sha256: z.string() }),
  ),
  moderation: z.string(),
  moderationReason: z.string().nullable(),
  disposition: z.string().nullable(),
  dispositionReason: z.string().nullable(),
  createdAt: z.string(),
});

export const DecisionDetailDto: z.ZodType<C.DecisionDetailDto> = DecisionSummaryDto.extend({
  summary: z.string(),
  bodyOrgId: z.string(),
  executionOrgId: z.string().nullable(),
  executionName: z.string().nullable(),
  isTechnical: z.boolean(),
  affectsStability: z.boolean(),
  confidential: z.boolean(),
  assessment: z.unknown(),
  draft: z.unknown(),
  round: z.number(),
  /** Status of the item's catalog: once `published`, changing the planned date is a catalog adjustment (reason). */
  catalogStatus: z.enum(['draft', 'approved', 'published']),
  requiredStages: z.array(z.object({ stage: z.string(), label: z.string() })),
  publishedText: z.string().nullable(),
  stages: z.array(StageDto),
  reviews: z.array(ReviewDto),
  participations: z.array(ParticipationDto),
  comments: z.array(CommentDto),
  tasks: z.array(z.object({ id: z.string(), name: z.string(), weight: z.number(), progress: z.number() })),
  reports: z.array(
    z.object({
      period: z.string(),
      note: z.string(),
      overallPct: z.number(),
      problems: z.string().nullable(),
      reportedByName: z.string().nullable(),
    }),
  ),
  abilities: z.record(z.string(), z.boolean()),
});

export function summaryOf(d: LoadedDecision, todayIso: string): z.infer<typeof DecisionSummaryDto> {
  const done = ['completed', 'archived', 'withdrawn'].includes(d.status);
  return {
    id: d.id,
    catalogId: d.catalog_id,
    seq: d.seq,
    title: d.title,
    category: d.category,
    categoryLabel: MAJOR_KINDS[d.category as keyof typeof MAJOR_KINDS] ?? d.category,
    status: d.status,
    statusLabel: STATUS_LABELS[d.status as DecisionStatus] ?? d.status,
    leadOrgId: d.lead_org_id,
    leadName: d.leadName,
    bodyName: d.bodyName,
    plannedCompletionOn: d.planned_completion_on,
    overdue: !done && d.planned_completion_on < todayIso,
  };
}

/** The staff view of a decision: every record of the procedure, with the abilities of the actor. */
export async function presentDecision(
  ex: Executor,
  d: LoadedDecision,
  actor: Actor,
  todayIso: string,
): Promise<z.infer<typeof DecisionDetailDto>> {
  // Sequential on purpose: inside a transaction (PGlite's single connection) parallel queries gain nothing.
  const stages = await ex
    .selectFrom('decision_stage_records')
    .selectAll()
    .where('decision_id', '=', d.id)
    .orderBy('completed_at')
    .execute();
  const reviews = await ex
    .selectFrom('decision_legality_reviews')
    .selectAll()
    .where('decision_id', '=', d.id)
    .orderBy('created_at')
    .execute();
  const parts = await ex
    .selectFrom('decision_participations')
    .selectAll()
    .where('decision_id', '=', d.id)
    .orderBy('created_at')
    .execute();
  const comments = await ex
    .selectFrom('decision_comments')
    .selectAll()
    .where('decision_id', '=', d.id)
    .orderBy('created_at')
    .execute();
  const tasks = await ex
    .selectFrom('decision_execution_tasks')
    .selectAll()
    .where('decision_id', '=', d.id)
    .orderBy('created_at')
    .execute();
  const reports = await ex
    .selectFrom('decision_execution_reports')
    .selectAll()
    .where('decision_id', '=', d.id)
    .orderBy('period')
    .execute();
  const pending = await pendingReview(ex, d);
  const catalog = await ex
    .selectFrom('decision_catalogs')
    .select('status')
    .where('id', '=', d.catalog_id)
    .executeTakeFirstOrThrow();
  return {
    ...summaryOf(d, todayIso),
    summary: d.summary,
    bodyOrgId: d.body_org_id,
    executionOrgId: d.execution_org_id,
    executionName: d.executionName,
    isTechnical: d.is_technical,
    affectsStability: d.affects_stability,
    confidential: d.confidential,
    assessment: d.assessment ? json(d.assessment) : null,
    draft: d.draft ? json(d.draft) : null,
    round: d.adjustment_count,
    catalogStatus: catalog.status,
    requiredStages: requiredStages(flagsOf(d)).map((s) => ({ stage: s, label: STATUS_LABELS[s] })),
    publishedText: d.published_text,
    stages: stages.map((s) => ({
      id: s.id,
      stage: s.stage,
      round: s.round,
      outcome: json(s.outcome),
      publicSummary: s.public_summary,
      completedAt: iso(s.completed_at)!,
      completedByName: s.completed_by_name,
      leafHash: s.leaf_hash,
    })),
    reviews: reviews.map((r) => ({
      id: r.id,
      round: r.round,
      level: r.level,
      submittedOn: r.submitted_on,
      replyBy: r.reply_by,
      conclusion: r.conclusion,
      opinion: r.opinion,
      reviewerName: r.reviewer_name,
      reviewedOn: r.reviewed_on,
      superseded: r.superseded_at !== null,
    })),
    participations: parts.map(presentParticipation),
    comments: comments.map((c) => ({
      id: c.id,
      participationId: c.participation_id,
      receiptNo: c.receipt_no,
      submitterKind: c.submitter_kind,
      submitterName: c.submitter_name,
      body: c.body,
      attachments: json(c.attachments),
      moderation: c.moderation,
      moderationReason: c.moderation_reason,
      disposition: c.disposition,
      dispositionReason: c.disposition_reason,
      createdAt: iso(c.created_at)!,
    })),
    tasks: tasks.map((t) => ({ id: t.id, name: t.name, weight: t.weight, progress: t.progress })),
    reports: reports.map((r) => ({
      period: r.period,
      note: r.note,
      overallPct: Number(r.overall_pct),
      problems: r.problems,
      reportedByName: r.reported_by_name,
    })),
    abilities: decisionAbilities(actor, d.status as DecisionStatus, d.orgs, pending?.level ?? null, catalog.status),
  };
}

export function presentParticipation(p: {
  id: string;
  round: number;
  form: string;
  status: string;
  title: string;
  opens_on: string | null;
  closes_on: string | null;
  shortened_reason: string | null;
  held_on: string | null;
  details: unknown;
  outcome: string | null;
  comment_set_hash: string | null;
  comment_count: number | null;
}): z.infer<typeof ParticipationDto> {
  return {
    id: p.id,
    round: p.round,
    form: p.form,
    status: p.status,
    title: p.title,
    opensOn: p.opens_on,
    closesOn: p.closes_on,
    shortenedReason: p.shortened_reason,
    heldOn: p.held_on,
    details: json(p.details),
    outcome: p.outcome,
    commentSetHash: p.comment_set_hash,
    commentCount: p.comment_count,
  };
}
