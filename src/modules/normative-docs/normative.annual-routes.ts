import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { canSeeOrg, visibleOrgIds } from '../../platform/access/scope.js';
import { requireActor } from '../../platform/auth/plugin.js';
import { today } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/engine.js';
import { notFound } from '../../platform/errors.js';
import { UuidParam, errorResponses } from '../../platform/http/zod.js';
import type { AppDeps } from '../../platform/manifest.js';
import { publishCatalog } from './commands/catalog.js';
import * as S from './normative.annual.schemas.js';
import { catalogDocx } from './normative.catalog-docx.js';
import { catalogDueOn, catalogEntries, catalogTitle, countsOf, entriesHash, parseJson } from './normative.catalog.js';
import { filingPeriodText, publishedIn, ratesByUnit } from './normative.filing-stats.js';
import { normativePolicy } from './normative.policy.js';
import type { CatalogEntries } from './normative.tables.js';
import { nowOf } from '../../platform/clock.js';

const catalogRows = (db: Executor) =>
  db
    .selectFrom('normative_annual_catalogs as c')
    .innerJoin('organizations as o', 'o.id', 'c.org_id')
    .selectAll('c')
    .select(['o.name as org_name', 'o.path as org_path']);

type CatalogRow = Awaited<ReturnType<ReturnType<typeof catalogRows>['executeTakeFirstOrThrow']>>;

/** Only the latest version of each body's catalog for a year (rows ordered by version, newest first). */
function latestOnly(rows: CatalogRow[]): CatalogRow[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = `${r.org_id}:${r.year}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const docxReply = async (reply: { header: (k: string, v: string) => unknown }, row: CatalogRow) => {
  const buf = await catalogDocx({
    orgName: row.org_name,
    year: row.year,
    version: row.version,
    title: row.title,
    publishedOn: row.published_on,
    reason: row.reason,
    entries: parseJson<CatalogEntries>(row.entries),
  });
  reply.header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${row.title}.docx`)}`);
  return buf;
};

/**
 * The annual figures of the module: the catalog of documents made, amended, repealed and lapsed per issuing
 * body and year (workbench and portal), and the per-unit filing rates (示范指标体系 No. 27).
 */
export function normativeAnnualRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['行政规范性文件'];

  r.get('/api/normative-catalogs', {
    schema: {
      tags,
      summary: '年度规范性文件目录（按制定机关；本人可见范围内）',
      querystring: S.CatalogQuery,
      response: { 200: S.StaffCatalogListDto, ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const { year, orgId } = req.query;
      let q = db
        .selectFrom('normative_issuing_bodies as b')
        .innerJoin('organizations as o', 'o.id', 'b.org_id')
        .select(['b.org_id', 'o.name', 'o.path'])
        .where('b.org_id', 'in', visibleOrgIds(db, actor))
        .orderBy('o.path');
      if (orgId) q = q.where('b.org_id', '=', orgId);
      const bodies = await q.execute();
      if (orgId && bodies.length === 0) throw notFound('制定机关');
      const ids = bodies.map((b) => b.org_id);
      const entries = await catalogEntries(db, ids, year);
      const published = ids.length
        ? latestOnly(
            await catalogRows(db)
              .where('c.org_id', 'in', ids)
              .where('c.year', '=', year)
              .orderBy('c.version', 'desc')
              .execute(),
          )
        : [];
      const dueOn = catalogDueOn(year);
      const t = today(nowOf(req.ctx));
      return {
        year,
        dueOn,
        items: bodies.map((b) => {
          const e = entries.get(b.org_id)!;
          const p = published.find((x) => x.org_id === b.org_id) ?? null;
          return {
            orgId: b.org_id,
            orgName: b.name,
            year,
            title: catalogTitle(b.name, year),
            dueOn,
            overdue: !p && t > dueOn,
            counts: countsOf(e),
            entries: e,
            published: p
              ? {
                  id: p.id,
                  version: p.version,
                  publishedOn: p.published_on,
                  late: p.late,
                  leafHash: p.leaf_hash,
                  reason: p.reason,
                }
              : null,
            changedSincePublished: p ? p.content_hash !== entriesHash(e) : false,
            abilities: { publish: normativePolicy.manage(actor, b.path) && t > `${year}-12-31` },
          };
        }),
      };
    },
  });

  r.post('/api/normative-catalogs', {
    schema: {
      tags,
      summary: '公布年度规范性文件目录（上链存证；再次公布须说明更正理由）',
      body: S.PublishCatalogBody,
      response: { 201: S.PublishCatalogResult, ...errorResponses },
    },
    handler: async (req, reply) => {
      requireActor(req);
      const res = await publishCatalog(db, req.ctx, req.body);
      reply.status(201);
      return res;
    },
  });

  r.get('/api/normative-catalogs/:id/docx', {
    schema: { tags, summary: '年度目录公文（DOCX，GB/T 9704）', params: UuidParam },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const row = await catalogRows(db).where('c.id', '=', req.params.id).executeTakeFirst();
      if (!row || !canSeeOrg(actor, row.org_path)) throw notFound('年度目录');
      return docxReply(reply, row);
    },
  });

  r.get('/api/public/normative-catalogs', {
    schema: {
      tags: ['政务公开'],
      summary: '已公布的年度规范性文件目录（每个制定机关、年度的最新版本）',
      querystring: S.PublicCatalogQuery,
      response: { 200: S.PublicCatalogListDto, ...errorResponses },
    },
    handler: async (req) => {
      const all = latestOnly(
        await catalogRows(db)
          .orderBy('c.year', 'desc')
          .orderBy('o.path')
          .orderBy('c.version', 'desc')
          .limit(2000)
          .execute(),
      );
      const { year, orgId } = req.query;
      const items = all.filter((c) => (!year || c.year === year) && (!orgId || c.org_id === orgId)).slice(0, 200);
      const bodies = new Map(all.map((c) => [c.org_id, c.org_name]));
      return {
        items: items.map((c) => ({
          id: c.id,
          orgId: c.org_id,
          orgName: c.org_name,
          year: c.year,
          version: c.version,
          title: c.title,
          publishedOn: c.published_on,
          reason: c.reason,
          counts: parseJson<ReturnType<typeof countsOf>>(c.counts),
          entries: parseJson<CatalogEntries>(c.entries),
          leafHash: c.leaf_hash,
        })),
        years: [...new Set(all.map((c) => c.year))],
        bodies: [...bodies.entries()].map(([id, name]) => ({ orgId: id, name })),
      };
    },
  });

  r.get('/api/public/normative-catalogs/:id/docx', {
    schema: { tags: ['政务公开'], summary: '下载已公布的年度目录（DOCX）', params: UuidParam },
    handler: async (req, reply) => {
      const row = await catalogRows(db).where('c.id', '=', req.params.id).executeTakeFirst();
      if (!row) throw notFound('年度目录');
      return docxReply(reply, row);
    },
  });

  r.get('/api/normative-filings/rates', {
    schema: {
      tags,
      summary: '各单位报备率、及时报备率、备案审查规范率（示范指标体系第27项）',
      querystring: S.RatesQuery,
      response: { 200: S.RatesDto, ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const ids = (await visibleOrgIds(db, actor).execute()).map((o) => o.id);
      const docs = await publishedIn(db, req.query.year, { orgIds: ids });
      return { year: req.query.year, period: filingPeriodText(), ...ratesByUnit(docs) };
    },
  });
}
