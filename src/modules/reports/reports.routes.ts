import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../../platform/access/actor.js';
import { canSeeOrg, hasAnyRole, hasRole, visibleOrgIds } from '../../platform/access/scope.js';
import { requireActor } from '../../platform/auth/plugin.js';
import { today } from '../../platform/calendar/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { UuidParam, errorResponses, z } from '../../platform/http/zod.js';
import { getRecordProof } from '../../platform/ledger/index.js';
import type { AppDeps } from '../../platform/manifest.js';
import { draftReport, refreshFigures } from './commands/draft-report.js';
import { editReport } from './commands/edit-report.js';
import { approveReport, publishReport, requestApproval, returnReport, submitReport } from './commands/workflow.js';
import { dashboard } from './reports.dashboard.js';
import { reportDocx } from './reports.docx.js';
import { publicReport, reportAbilities, staffReport } from './reports.presenter.js';
import { loadReport } from './reports.repo.js';
import {
  CompareDto,
  DashboardDto,
  DocxQuery,
  PublicReportListItemDto,
  PublicReportWithProofDto,
  ReportDto,
  ReportListItemDto,
  sectionText,
  year,
} from './reports.schemas.js';
import { ABILITY_ACTION, compareReports, defaultRecipient } from './reports.compare.js';
import { reportWorkflow, STATUS_ZH } from './reports.workflow.js';
import { nowOf } from '../../platform/clock.js';

export function reportRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['法治政府建设年度报告'];

  const visible = async (actor: Actor, id: string) => {
    const rep = await loadReport(db, id);
    if (!canSeeOrg(actor, rep.org_path)) throw notFound('年度报告');
    return rep;
  };
  const step = (
    name: string,
    ability: keyof ReturnType<typeof reportAbilities>,
    what: string,
    run: (ctx: Parameters<typeof approveReport>[1], id: string, body: { reason?: string }) => Promise<unknown>,
    body?: z.ZodType,
  ) =>
    r.post(`/api/reports/:id/${name}`, {
      schema: {
        tags,
        summary: what,
        params: UuidParam,
        ...(body ? { body } : {}),
        response: { 200: ReportDto, ...errorResponses },
      },
      handler: async (req) => {
        const actor = requireActor(req);
        const rep = await visible(actor, req.params.id);
        if (!reportAbilities(actor, rep)[ability]) {
          // The right role at the wrong step is a conflict (409); the wrong role is forbidden (403).
          const roleOk = reportWorkflow.actions[ABILITY_ACTION[ability]].from.some(
            (status) => reportAbilities(actor, { ...rep, status })[ability],
          );
          if (roleOk)
            throw new AppError(
              'conflict',
              `报告当前状态为“${STATUS_ZH[rep.status]}”，不能${what}；${ability === 'edit' ? '如需修改请先退回' : '请按“起草 → 审定 → 报送 → 公开”的顺序办理'}。`,
              { status: rep.status },
            );
          throw new AppError(
            'forbidden',
            `您不能${what}：此操作需由${ability === 'approve' ? '本单位主要负责人' : ability === 'publish' ? '依法治区办或本单位主要负责人' : ability === 'return' ? '本单位主要负责人或依法治区办' : '本单位法治联络员、工作人员或依法治区办'}办理。`,
          );
        }
        await run(req.ctx, req.params.id, (req.body ?? {}) as { reason?: string });
        return staffReport(await loadReport(db, req.params.id), actor);
      },
    });

  r.get('/api/reports', {
    schema: {
      tags,
      summary: '年度报告列表（按可见范围）',
      querystring: z.strictObject({ year: year.optional() }),
      response: {
        200: z.object({ items: z.array(ReportListItemDto) }),
        ...errorResponses,
      },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      let q = db
        .selectFrom('annual_reports')
        .innerJoin('organizations', 'organizations.id', 'annual_reports.org_id')
        .select([
          'annual_reports.id',
          'org_id',
          'organizations.name',
          'year',
          'title',
          'status',
          'annual_reports.updated_at',
        ])
        .where('org_id', 'in', visibleOrgIds(db, actor));
      if (req.query.year) q = q.where('year', '=', req.query.year);
      const rows = await q.orderBy('year', 'desc').orderBy('organizations.sort_order').limit(500).execute();
      return {
        items: rows.map((x) => ({
          id: x.id,
          orgId: x.org_id,
          orgName: x.name,
          year: x.year,
          title: x.title,
          status: x.status,
          statusLabel: STATUS_ZH[x.status],
          updatedAt: x.updated_at.toISOString(),
        })),
      };
    },
  });

  r.post('/api/reports', {
    schema: {
      tags,
      summary: '起草年度报告（自动填入系统可计算的数据）',
      body: z.strictObject({ orgId: z.uuid({ error: '请选择单位' }), year: z.number().int().min(2000).max(2100) }),
      response: { 201: ReportDto, ...errorResponses },
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const org = await db
        .selectFrom('organizations')
        .select(['path', 'kind'])
        .where('id', '=', req.body.orgId)
        .executeTakeFirst();
      if (!org || !canSeeOrg(actor, org.path)) throw notFound('单位');
      if (org.kind === 'section')
        throw new AppError('unprocessable', '内设科室不单独编写年度报告，请选择所属单位', { field: 'orgId' });
      if (!hasAnyRole(actor, ['liaison', 'principal_head', 'staff'], org.path) && !hasRole(actor, 'coordinator'))
        throw new AppError('forbidden', '只有本单位法治联络员、主要负责人、工作人员或依法治区办可以起草年度报告。');
      const thisYear = Number(today(nowOf(req.ctx)).slice(0, 4));
      if (req.body.year > thisYear)
        throw new AppError('unprocessable', `不能起草${req.body.year}年度的报告：该年度尚未开始`, { field: 'year' });
      const { id } = await draftReport(db, req.ctx, req.body, deps.modules);
      reply.status(201);
      return staffReport(await loadReport(db, id), actor);
    },
  });

  r.get('/api/reports/dashboard', {
    schema: {
      tags,
      summary: '统筹看板：各单位报告状态、方案进度、超期任务',
      querystring: z.strictObject({ year }),
      response: {
        200: DashboardDto,
        ...errorResponses,
      },
    },
    handler: async (req) => dashboard(db, requireActor(req), req.query.year, nowOf(req.ctx)),
  });

  r.get('/api/reports/:id', {
    schema: {
      tags,
      summary: '年度报告详情（含数据来源）',
      params: UuidParam,
      response: { 200: ReportDto, ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      return staffReport(await visible(actor, req.params.id), actor);
    },
  });

  r.patch('/api/reports/:id', {
    schema: {
      tags,
      summary: '编辑报告正文',
      params: UuidParam,
      body: z.strictObject({
        version: z.number().int(),
        title: z.string().trim().min(6, { error: '标题至少 6 个字' }).max(120).optional(),
        docNo: z
          .string()
          .trim()
          .max(40)
          .regex(/^$|〔\d{4}〕\d+号$/, { error: '发文字号应形如“示市监〔2026〕3号”（使用六角括号〔〕）' })
          .nullable()
          .optional(),
        cc: z.string().trim().max(500).optional(),
        sections: z
          .strictObject({
            measures: sectionText.optional(),
            shortcomings: sectionText.optional(),
            headDuty: sectionText.optional(),
            nextYear: sectionText.optional(),
            other: sectionText.optional(),
          })
          .optional(),
      }),
      response: { 200: ReportDto, ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const rep = await visible(actor, req.params.id);
      if (!reportAbilities(actor, rep).edit) {
        // A party at the wrong step is a conflict (409); someone who may never edit it is forbidden (403).
        const party = reportAbilities(actor, { ...rep, status: 'draft' }).edit;
        throw new AppError(
          party ? 'conflict' : 'forbidden',
          party ? `报告当前状态为“${STATUS_ZH[rep.status]}”，不能编辑；如需修改请先退回。` : '您没有编辑该报告的权限。',
        );
      }
      await editReport(db, req.ctx, req.params.id, {
        ...req.body,
        docNo: req.body.docNo === '' ? null : req.body.docNo,
      });
      return staffReport(await loadReport(db, req.params.id), actor);
    },
  });

  step('refresh', 'edit', '更新报告数据', (ctx, id) => refreshFigures(db, ctx, id, deps.modules));
  step('request-approval', 'requestApproval', '报请主要负责人审定', (ctx, id) => requestApproval(db, ctx, id));
  step('approve', 'approve', '审定报告', (ctx, id) => approveReport(db, ctx, id));
  step(
    'return',
    'return',
    '退回报告',
    (ctx, id, b) => returnReport(db, ctx, id, b.reason ?? ''),
    z.strictObject({
      reason: z.string({ error: '请填写退回理由' }).trim().min(4, { error: '退回理由至少 4 个字' }).max(1000),
    }),
  );
  step('submit', 'submit', '报送依法治区办', (ctx, id) => submitReport(db, ctx, id));
  step('publish', 'publish', '向社会公开', (ctx, id) => publishReport(db, ctx, id));

  r.get('/api/reports/:id/compare', {
    schema: {
      tags,
      summary: '与上一年度报告对比（数据和各部分正文）',
      params: UuidParam,
      response: { 200: CompareDto, ...errorResponses },
    },
    handler: async (req) => {
      const rep = await visible(requireActor(req), req.params.id);
      const prevRow = await db
        .selectFrom('annual_reports')
        .select('id')
        .where('org_id', '=', rep.org_id)
        .where('year', '=', rep.year - 1)
        .executeTakeFirst();
      return compareReports(rep, prevRow ? await loadReport(db, prevRow.id) : null);
    },
  });

  r.get('/api/reports/:id/docx', {
    schema: {
      tags,
      summary: '导出公文格式 DOCX（GB/T 9704），可指定主送机关',
      params: UuidParam,
      querystring: DocxQuery,
      response: { 200: z.any().describe('DOCX 文件（二进制）'), ...errorResponses },
    },
    handler: async (req, reply) => {
      const rep = await visible(requireActor(req), req.params.id);
      const head = await db
        .selectFrom('users')
        .select('display_name')
        .where('id', '=', rep.approved_by ?? '00000000-0000-0000-0000-000000000000')
        .executeTakeFirst();
      const buf = await reportDocx(rep, {
        withHeader: true,
        signer: head?.display_name.replace(/（.*）$/, ''),
        recipient: req.query.recipient ?? defaultRecipient(rep.org_kind),
      });
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${rep.title}.docx`)}`);
      return reply.send(buf);
    },
  });

  // Portal (政务公开): published reports only, no login.
  r.get('/api/public/reports', {
    schema: {
      tags,
      summary: '已公开的年度报告',
      querystring: z.strictObject({ year: year.optional() }),
      response: {
        200: z.object({ items: z.array(PublicReportListItemDto) }),
        ...errorResponses,
      },
    },
    handler: async (req) => {
      let q = db
        .selectFrom('annual_reports')
        .innerJoin('organizations', 'organizations.id', 'annual_reports.org_id')
        .select(['annual_reports.id', 'organizations.name', 'year', 'title', 'published_at'])
        .where('status', '=', 'published');
      if (req.query.year) q = q.where('year', '=', req.query.year);
      const rows = await q.orderBy('year', 'desc').orderBy('published_at', 'desc').limit(500).execute();
      return {
        items: rows.map((x) => ({
          id: x.id,
          orgName: x.name,
          year: x.year,
          title: x.title,
          publishedAt: x.published_at!.toISOString(),
        })),
      };
    },
  });

  const publishedOnly = async (id: string) => {
    const rep = await loadReport(db, id);
    if (rep.status !== 'published') throw notFound('已公开的年度报告');
    return rep;
  };

  r.get('/api/public/reports/:id', {
    schema: {
      tags,
      summary: '已公开的年度报告全文与上链证明',
      params: UuidParam,
      response: { 200: PublicReportWithProofDto, ...errorResponses },
    },
    handler: async (req) => {
      const rep = await publishedOnly(req.params.id);
      return { ...publicReport(rep), proof: await getRecordProof(db, 'annual_report', rep.id) };
    },
  });

  r.get('/api/public/reports/:id/docx', {
    schema: {
      tags,
      summary: '下载已公开年度报告（DOCX）',
      params: UuidParam,
      response: { 200: z.any().describe('DOCX 文件（二进制）'), ...errorResponses },
    },
    handler: async (req, reply) => {
      const rep = await publishedOnly(req.params.id);
      const buf = await reportDocx(rep, { withHeader: false });
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${rep.title}.docx`)}`);
      return reply.send(buf);
    },
  });
}
