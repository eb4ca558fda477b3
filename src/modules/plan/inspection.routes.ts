import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor, RequestCtx } from '../../platform/access/actor.js';
import { canSeeOrg, hasAnyRole, visibleOrgIds } from '../../platform/access/scope.js';
import { requireActor } from '../../platform/auth/plugin.js';
import type { Db } from '../../platform/db/engine.js';
import { AppError, notFound } from '../../platform/errors.js';
import { UuidParam, errorResponses, z } from '../../platform/http/zod.js';
import type { AppDeps } from '../../platform/manifest.js';
import * as cmd from './commands/inspection.js';
import { INSPECTION_STATUSES, TARGET_STATUS_ZH } from './inspection.tables.js';
import { governmentPath, NOT_YET_STARTED, oversees, seesInspection } from './inspection.access.js';
import { inspectionAbilities, planPolicy } from './plan.policy.js';
import { inspectionOrderRoutes } from './inspection-order.routes.js';
import { REPLY_STATUS_LABELS, REPLY_STATUSES } from '../../procedures/assigned-reply/index.js';
import { date, Ok, text } from './inspection.schemas.js';
import type { InspectionDto as InspectionRecord } from './plan.contract.js';

const PlanBody = z.strictObject({
  title: text('督查事项', 4),
  basis: text('督查依据（政府决定或负责人批示）'),
  scope: text('督查内容和范围'),
  methods: text('督查方式'),
  startsOn: date,
  endsOn: date,
  targetOrgIds: z.array(z.uuid()).min(1, { error: '请至少选择一个督查对象' }).max(100),
});

const InspectionDto: z.ZodType<InspectionRecord> = z.object({
  id: z.string(),
  title: z.string(),
  basis: z.string(),
  scope: z.string(),
  methods: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(INSPECTION_STATUSES),
  /** The approval of the plan by the government's head (Art 11); null until approved. */
  approval: z.object({ approvedBy: z.string().nullable(), approvedAt: z.string(), opinion: z.string() }).nullable(),
  abilities: z.object({ manage: z.boolean(), approve: z.boolean(), start: z.boolean() }),
  targets: z.array(
    z.object({
      id: z.string(),
      orgId: z.string(),
      orgName: z.string(),
      status: z.string(),
      statusLabel: z.string(),
      conclusion: z.string().nullable(),
      conclusionServedOn: z.string().nullable(),
      reexaminationReason: z.string().nullable(),
      reexaminationRequestedOn: z.string().nullable(),
      reexaminationOutcome: z.string().nullable(),
      reexaminationDecision: z.string().nullable(),
      reexaminationDecidedOn: z.string().nullable(),
      rectificationReport: z.string().nullable(),
      rectifiedOn: z.string().nullable(),
      verificationNote: z.string().nullable(),
      verifiedOn: z.string().nullable(),
      /** The inspected unit's own actions (answer orders, ask for re-examination, report rectification). */
      unitActs: z.boolean(),
    }),
  ),
  orders: z.array(
    z.object({
      id: z.string(),
      orgId: z.string(),
      orgName: z.string(),
      content: z.string(),
      dueDate: z.string(),
      status: z.enum(REPLY_STATUSES),
      statusLabel: z.string(),
      answer: z.string().nullable(),
      answeredOn: z.string().nullable(),
      /** The inspection office's reasons when it sent the reply back, and how many rounds the order took. */
      feedback: z.string().nullable(),
      rounds: z.number(),
    }),
  ),
});

async function loadInspection(db: Db, actor: Actor, id: string, gov?: string) {
  const govPath = gov ?? (await governmentPath(db));
  const i = await db
    .selectFrom('inspections')
    .leftJoin('users', 'users.id', 'inspections.approved_by')
    .selectAll('inspections')
    .select('users.display_name as approved_by_name')
    .where('inspections.id', '=', id)
    .executeTakeFirst();
  if (!i) throw notFound('督查');
  const targets = await db
    .selectFrom('inspection_targets')
    .innerJoin('organizations', 'organizations.id', 'inspection_targets.org_id')
    .selectAll('inspection_targets')
    .select(['organizations.name as org_name', 'organizations.path as org_path'])
    .where('inspection_id', '=', id)
    .execute();
  const manage = oversees(actor, govPath);
  if (
    !seesInspection(
      actor,
      govPath,
      i.status,
      targets.map((t) => t.org_path),
    )
  )
    throw notFound('督查');
  const visible = targets.filter((t) => manage || canSeeOrg(actor, t.org_path));
  const orders = await db
    .selectFrom('inspection_orders')
    .selectAll()
    .where('inspection_id', '=', id)
    .orderBy('created_at')
    .execute();
  return {
    id: i.id,
    title: i.title,
    basis: i.basis,
    scope: i.scope,
    methods: i.methods,
    startsOn: i.starts_on,
    endsOn: i.ends_on,
    status: i.status,
    approval: i.approved_at
      ? {
          approvedBy: i.approved_by_name,
          approvedAt: i.approved_at.toISOString(),
          opinion: i.approval_opinion ?? '',
        }
      : null,
    abilities: inspectionAbilities(actor, govPath, i),
    targets: visible.map((t) => ({
      id: t.id,
      orgId: t.org_id,
      orgName: t.org_name,
      status: t.status,
      statusLabel:
        t.status === 'pending' && (i.status === 'planned' || i.status === 'approved')
          ? '督查未开始'
          : TARGET_STATUS_ZH[t.status],
      conclusion: t.conclusion,
      conclusionServedOn: t.conclusion_served_on,
      reexaminationReason: t.reexamination_reason,
      reexaminationRequestedOn: t.reexamination_requested_on,
      reexaminationOutcome: t.reexamination_outcome,
      reexaminationDecision: t.reexamination_decision,
      reexaminationDecidedOn: t.reexamination_decided_on,
      rectificationReport: t.rectification_report,
      rectifiedOn: t.rectified_on,
      verificationNote: t.verification_note,
      verifiedOn: t.verified_on,
      unitActs: hasAnyRole(actor, ['liaison', 'principal_head'], t.org_path),
    })),
    orders: orders
      .filter((o) => visible.some((t) => t.org_id === o.org_id))
      .map((o) => ({
        id: o.id,
        orgId: o.org_id,
        orgName: visible.find((t) => t.org_id === o.org_id)?.org_name ?? '',
        content: o.content,
        dueDate: o.due_date,
        status: o.status,
        statusLabel: REPLY_STATUS_LABELS[o.status],
        answer: o.answer,
        answeredOn: o.answered_on,
        feedback: o.feedback,
        rounds: o.rounds,
      })),
  };
}

export function inspectionRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  inspectionOrderRoutes(app, deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['政府督查'];
  /** Drawing up a plan is the inspection office's (Art 15). The acts on an inspection check their party in the frame. */
  const manage = (actor: Actor) => {
    if (!planPolicy.manage(actor))
      throw new AppError('forbidden', '您没有办理政府督查的权限：此操作由依法治区办（督查机构）办理。');
  };

  r.post('/api/plan/inspections', {
    schema: {
      tags,
      summary: '制定督查方案（督查前必须制定）',
      body: PlanBody,
      response: { 201: z.object({ id: z.string() }), ...errorResponses },
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      manage(actor);
      reply.status(201);
      return cmd.planInspection(db, req.ctx, actor.orgId, req.body);
    },
  });

  r.get('/api/plan/inspections', {
    schema: {
      tags,
      summary: '督查列表',
      response: {
        200: z.object({ items: z.array(InspectionDto), abilities: z.object({ manage: z.boolean() }) }),
        ...errorResponses,
      },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const gov = await governmentPath(db);
      let q = db.selectFrom('inspections').select('id').orderBy('starts_on', 'desc');
      if (!oversees(actor, gov)) {
        if (!hasAnyRole(actor, ['leader'])) q = q.where('status', 'not in', NOT_YET_STARTED);
        q = q.where(
          'id',
          'in',
          db.selectFrom('inspection_targets').select('inspection_id').where('org_id', 'in', visibleOrgIds(db, actor)),
        );
      }
      const ids = await q.limit(200).execute();
      return {
        items: await Promise.all(ids.map((i) => loadInspection(db, actor, i.id, gov))),
        abilities: { manage: planPolicy.manage(actor) },
      };
    },
  });

  r.get('/api/plan/inspections/:id', {
    schema: { tags, summary: '督查详情', params: UuidParam, response: { 200: InspectionDto, ...errorResponses } },
    handler: async (req) => loadInspection(db, requireActor(req), req.params.id),
  });

  /**
   * One inspection step per route, each a command in the kernel's frame (commands/inspection/frames.ts): 404 for
   * what the actor may not see and 403 for the wrong party come first, then the order (409) and content (422).
   */
  const steps: {
    path: string;
    summary: string;
    body?: z.ZodType;
    run: (ctx: RequestCtx, id: string, body: never) => Promise<unknown>;
  }[] = [
    {
      path: 'approve',
      summary: '批准督查方案（本级人民政府行政首长，《政府督查工作条例》第十一条）',
      body: z.strictObject({ opinion: text('批准意见（批示）', 2) }),
      run: (ctx, id, b) => cmd.approveInspection(db, ctx, id, b),
    },
    { path: 'start', summary: '开始督查（方案经批准后）', run: (ctx, id) => cmd.startInspection(db, ctx, id) },
    {
      path: 'conclusions',
      summary: '送达督查结论',
      body: z.strictObject({ orgId: z.uuid(), conclusion: text('督查结论'), servedOn: date }),
      run: (ctx, id, b) => cmd.serveConclusion(db, ctx, id, b),
    },
    {
      path: 'reexamination',
      summary: '申请复核督查结论（收到结论之日起30日内）',
      body: z.strictObject({ orgId: z.uuid(), reason: text('申请复核的理由'), requestedOn: date }),
      run: (ctx, id, b) => cmd.requestReexamination(db, ctx, id, b),
    },
    {
      path: 'reexamination/decision',
      summary: '作出复核决定（30日内）',
      body: z.strictObject({
        orgId: z.uuid(),
        outcome: z.enum(['upheld', 'changed']),
        decision: text('复核决定'),
        decidedOn: date,
      }),
      run: (ctx, id, b) => cmd.decideReexamination(db, ctx, id, b),
    },
    {
      path: 'rectification',
      summary: '报送整改情况',
      body: z.strictObject({ orgId: z.uuid(), report: text('整改情况'), on: date }),
      run: (ctx, id, b) => cmd.submitRectification(db, ctx, id, b),
    },
    {
      path: 'verification',
      summary: '核查整改情况',
      body: z.strictObject({ orgId: z.uuid(), accepted: z.boolean(), note: text('核查意见', 2), on: date }),
      run: (ctx, id, b) => cmd.verifyRectification(db, ctx, id, b),
    },
  ];
  for (const s of steps)
    r.post(`/api/plan/inspections/:id/${s.path}`, {
      schema: {
        tags,
        summary: s.summary,
        params: UuidParam,
        ...(s.body ? { body: s.body } : {}),
        // A re-examination request answers with the date its decision is due (Art 17: within 30 days).
        response: { 200: s.path === 'reexamination' ? z.object({ decisionDue: z.string() }) : Ok, ...errorResponses },
      },
      handler: async (req) => {
        requireActor(req);
        const res = await s.run(req.ctx, req.params.id, req.body as never);
        return (s.path === 'reexamination' ? res : { ok: true as const }) as { ok: true } | { decisionDue: string };
      },
    });
}
