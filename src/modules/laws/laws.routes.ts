import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { hasAnyRole } from '../../platform/access/scope.js';
import { requireActor } from '../../platform/auth/plugin.js';
import { AppError, notFound } from '../../platform/errors.js';
import { Abilities, UuidParam, errorResponses } from '../../platform/http/zod.js';
import { searchEntries } from '../../platform/search/index.js';
import type { AppDeps } from '../../platform/manifest.js';
import { importLaws } from './commands/import-laws.js';
import { listLaws, loadLaw } from './laws.repo.js';
import {
  ImportBody,
  ImportSummaryDto,
  LawDetailDto,
  LawListDto,
  LawListQuery,
  SearchQuery,
  SearchResultDto,
} from './laws.schemas.js';

/** Who maintains the law library: administrators and the legality-review body. */
export const canImportLaws = (a: Parameters<typeof hasAnyRole>[0]) =>
  hasAnyRole(a, ['system_admin', 'legality_reviewer']);

export function lawRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['法律法规库'];

  r.get('/api/laws', {
    schema: {
      tags,
      summary: '法律法规库（工作台）',
      querystring: LawListQuery,
      response: { 200: LawListDto.extend({ abilities: Abilities }), ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      return { ...(await listLaws(db, req.query)), abilities: { import: canImportLaws(actor) } };
    },
  });

  r.get('/api/laws/:id', {
    schema: {
      tags,
      summary: '法规详情（含条文与各版本）',
      params: UuidParam,
      response: { 200: LawDetailDto, ...errorResponses },
    },
    handler: async (req) => {
      requireActor(req);
      const law = await loadLaw(db, req.params.id);
      if (!law) throw notFound('法规');
      return law;
    },
  });

  r.post('/api/laws/import', {
    bodyLimit: 50 * 1024 * 1024,
    schema: {
      tags,
      summary: '导入 Markdown 法规文件（全部成功才导入；新版本将标记引用旧版本的规范性文件待审查）',
      body: ImportBody,
      response: { 200: ImportSummaryDto, ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      if (!canImportLaws(actor)) throw new AppError('forbidden', '只有系统管理员或合法性审查人员可以导入法律法规。');
      return importLaws(db, req.ctx, req.body.files, `上传（${req.body.files.length}个文件）`);
    },
  });

  r.get('/api/public/laws', {
    schema: {
      tags: ['政务公开'],
      summary: '法律法规库（公开）',
      querystring: LawListQuery,
      response: { 200: LawListDto, ...errorResponses },
    },
    handler: async (req) => listLaws(db, req.query),
  });

  r.get('/api/public/laws/:id', {
    schema: {
      tags: ['政务公开'],
      summary: '法规全文（公开）',
      params: UuidParam,
      response: { 200: LawDetailDto, ...errorResponses },
    },
    handler: async (req) => {
      const law = await loadLaw(db, req.params.id);
      if (!law) throw notFound('法规');
      return law;
    },
  });

  r.get('/api/public/search', {
    schema: {
      tags: ['政务公开'],
      summary: '全文检索：法律法规与已公布的行政规范性文件（中文分词，命中词高亮）',
      querystring: SearchQuery,
      response: { 200: SearchResultDto, ...errorResponses },
    },
    handler: async (req) => {
      const t0 = performance.now();
      const q = req.query;
      const res = await searchEntries(db, {
        q: q.q,
        kinds: q.kind ? [q.kind] : undefined,
        status: q.status ? [q.status] : undefined,
        orgId: q.orgId,
        year: q.year,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return {
        total: res.total,
        totalCapped: res.totalCapped,
        tookMs: Math.round((performance.now() - t0) * 10) / 10,
        items: res.items.map((h) => ({
          kind: h.kind,
          id: h.refId,
          title: h.title,
          subtitle: h.subtitle,
          status: h.status,
          year: h.year,
          snippet: h.snippet,
        })),
      };
    },
  });
}
