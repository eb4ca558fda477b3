import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { today } from '../../platform/calendar/index.js';
import { nowOf } from '../../platform/clock.js';
import { notFound } from '../../platform/errors.js';
import { UuidParam, errorResponses } from '../../platform/http/zod.js';
import { searchEntries } from '../../platform/search/index.js';
import type { AppDeps } from '../../platform/manifest.js';
import { presentPublic } from './normative.presenter.js';
import { findDoc, listDocs, toSummary } from './normative.repo.js';
import { PublicDocDto, PublicListDto, PublicListQuery } from './normative.schemas.js';

const PUBLISHED = ['in_force', 'expired', 'repealed'] as const;

/** The portal's normative-document library (政务公开): only published documents, no login. */
export function normativePublicRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['政务公开'];

  r.get('/api/public/normative-docs', {
    schema: {
      tags,
      summary: '行政规范性文件库：现行有效、已失效、已废止，可按制定机关、年份、状态筛选，可全文检索',
      querystring: PublicListQuery,
      response: { 200: PublicListDto, ...errorResponses },
    },
    handler: async (req) => {
      const q = req.query;
      const bodies = await db
        .selectFrom('normative_issuing_bodies as b')
        .innerJoin('organizations as o', 'o.id', 'b.org_id')
        .select(['b.org_id', 'o.name'])
        .orderBy('o.path')
        .execute();
      const bodyList = bodies.map((b) => ({ orgId: b.org_id, name: b.name }));
      if (q.q) {
        const res = await searchEntries(db, {
          q: q.q,
          kinds: ['normative_doc'],
          status: q.status ? [q.status] : [...PUBLISHED],
          orgId: q.orgId,
          year: q.year,
          limit: q.pageSize,
          offset: (q.page - 1) * q.pageSize,
        });
        const items = [];
        for (const h of res.items) {
          const d = await findDoc(db, h.refId);
          if (d) items.push({ ...toSummary(d, today(nowOf(req.ctx))), snippet: h.snippet });
        }
        return { total: res.total, totalCapped: res.totalCapped, items, bodies: bodyList };
      }
      const res = await listDocs(
        db,
        null,
        { status: q.status, orgId: q.orgId, year: q.year, page: q.page, pageSize: q.pageSize },
        today(nowOf(req.ctx)),
      );
      return { ...res, bodies: bodyList };
    },
  });

  r.get('/api/public/normative-docs/:id', {
    schema: {
      tags,
      summary: '规范性文件全文、解读、有效期、沿革与存证证明',
      params: UuidParam,
      response: { 200: PublicDocDto, ...errorResponses },
    },
    handler: async (req) => {
      const d = await findDoc(db, req.params.id);
      if (!d || !(PUBLISHED as readonly string[]).includes(d.status)) throw notFound('规范性文件');
      return presentPublic(db, d, today(nowOf(req.ctx)));
    },
  });
}
