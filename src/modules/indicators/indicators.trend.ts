import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/plugin.js';
import { type LocalDate, today } from '../../platform/calendar/index.js';
import { nowOf } from '../../platform/clock.js';
import type { Db } from '../../platform/db/engine.js';
import { AppError, notFound } from '../../platform/errors.js';
import { UuidParam, errorResponses, z } from '../../platform/http/zod.js';
import type { AppDeps, ModuleManifest } from '../../platform/manifest.js';
import type * as C from './indicators.contract.js';
import { resolveScope } from './indicators.routes.js';
import { evaluateTree, type IndicatorValue } from './indicators.service.js';

/**
 * Key indicators the dashboard shows by default (a display choice, not a rule; the user can pick others): the
 * computed leaves measuring these figures, then leaves checked against the published table, up to MAX_TREND_SERIES.
 */
export const DASHBOARD_KEY_SOURCES = [
  'plan.task_completion_pct',
  'normative.filing_rate_pct',
  'decisions.legality_review_coverage_pct',
  'calendar.deadline_met_pct',
  'reports.published_on_time_pct',
];
export const MAX_TREND_SERIES = 8;
export const MAX_TREND_YEARS = 10;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const year = z.coerce.number({ error: '年度应为数字' }).int().min(2000).max(2100);
const Point: z.ZodType<C.TrendPointDto> = z.object({
  year: z.number(),
  value: z.number().nullable(),
  provenance: z.string(),
  provenanceLabel: z.string(),
  recordCount: z.number(),
});
const Series: z.ZodType<C.TrendSeriesDto> = z.object({
  id: z.string(),
  no: z.string(),
  title: z.string(),
  kind: z.enum(['computed', 'manual']),
  sourceCode: z.string().nullable(),
  unit: z.string().nullable(),
  target: z.number().nullable(),
  targetOp: z.string().nullable(),
  points: z.array(Point),
});
const TrendsQuery = z.strictObject({
  from: year,
  to: year,
  orgId: z.uuid({ error: '单位编号格式不正确' }).optional(),
  ids: z
    .string()
    .regex(new RegExp(`^${UUID}(,${UUID})*$`, 'i'), { error: '指标编号应为以逗号分隔的指标编号（UUID）列表' })
    .optional(),
});

const checkRange = (from: number, to: number, max: number) => {
  if (to < from || to - from >= max)
    throw new AppError('bad_request', `年度范围应为起始年不晚于结束年，且不超过 ${max} 年`, { field: 'from' });
};

/** The leaves a trend can show, in tree order, and the default (key) selection. */
async function leaves(db: Db) {
  const rows = await db
    .selectFrom('indicators')
    .select(['id', 'no', 'title', 'kind', 'unit', 'source_code', 'verified'])
    .where('kind', '!=', 'group')
    .orderBy('level')
    .orderBy('seq')
    .execute();
  // The computed key figures first, then the leaves checked against the published table; shown in tree order.
  const isKey = (r: (typeof rows)[number]) => r.source_code !== null && DASHBOARD_KEY_SOURCES.includes(r.source_code);
  const chosen = new Set(
    [...rows.filter(isKey), ...rows.filter((r) => r.verified && !isKey(r))].slice(0, MAX_TREND_SERIES).map((r) => r.id),
  );
  const key = rows.filter((r) => chosen.has(r.id)).map((r) => r.id);
  return { rows, key };
}

/** Values of the chosen leaves for each year, labelled computed / manual per point. */
export async function indicatorTrends(
  db: Db,
  p: { from: number; to: number; orgId: string | null; ids?: string[]; today: LocalDate },
  modules: readonly ModuleManifest[],
) {
  const { rows, key } = await leaves(db);
  const ids = p.ids ?? key;
  for (const id of ids) if (!rows.some((r) => r.id === id)) throw notFound('指标');
  const byYear: { y: number; values: IndicatorValue[] }[] = [];
  for (let y = p.from; y <= p.to; y++)
    byYear.push({ y, values: await evaluateTree(db, { year: y, orgId: p.orgId, today: p.today }, modules, ids) });
  const series = rows
    .filter((r) => ids.includes(r.id))
    .map((r) => {
      const first = byYear[0]?.values.find((v) => v.id === r.id);
      return {
        id: r.id,
        no: r.no,
        title: r.title,
        kind: r.kind as 'computed' | 'manual',
        sourceCode: r.source_code,
        unit: r.unit,
        target: first?.target ?? null,
        targetOp: first?.targetOp ?? null,
        points: byYear.map(({ y, values }) => {
          const v = values.find((x) => x.id === r.id)!;
          return {
            year: y,
            value: v.value,
            provenance: v.provenance,
            provenanceLabel: v.provenanceLabel,
            recordCount: v.recordCount,
          };
        }),
      };
    });
  return {
    available: rows.map((r) => ({ id: r.id, no: r.no, title: r.title, kind: r.kind as 'computed' | 'manual' })),
    series,
  };
}

export function indicatorTrendRoutes(app: FastifyInstance, { db, modules }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['指标体系'];

  r.get('/api/indicators/trends', {
    schema: {
      tags,
      summary: '重点指标逐年趋势（统筹看板；每个数值标注系统计算 / 人工填报）',
      querystring: TrendsQuery,
      response: {
        200: z.object({
          from: z.number(),
          to: z.number(),
          orgId: z.string().nullable(),
          orgName: z.string(),
          available: z.array(
            z.object({ id: z.string(), no: z.string(), title: z.string(), kind: z.enum(['computed', 'manual']) }),
          ),
          series: z.array(Series),
        }) satisfies z.ZodType<C.IndicatorTrendsDto>,
        ...errorResponses,
      },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const { from, to } = req.query;
      checkRange(from, to, MAX_TREND_YEARS);
      const ids = req.query.ids ? [...new Set(req.query.ids.toLowerCase().split(','))] : undefined;
      if (ids && ids.length > MAX_TREND_SERIES)
        throw new AppError('bad_request', `一次最多查看 ${MAX_TREND_SERIES} 项指标的趋势，请减少所选指标`, {
          field: 'ids',
        });
      const scope = await resolveScope(db, actor, req.query.orgId);
      return {
        from,
        to,
        ...scope,
        ...(await indicatorTrends(db, { from, to, orgId: scope.orgId, ids, today: today(nowOf(req.ctx)) }, modules)),
      };
    },
  });

  r.get('/api/indicators/:id/trend', {
    schema: {
      tags,
      summary: '指标逐年趋势',
      params: UuidParam,
      querystring: z.strictObject({ from: year, to: year, orgId: z.uuid().optional() }),
      response: {
        200: z.object({
          items: z.array(z.object({ year: z.number(), value: z.number().nullable(), provenance: z.string() })),
        }),
        ...errorResponses,
      },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const scope = await resolveScope(db, actor, req.query.orgId);
      checkRange(req.query.from, req.query.to, 21);
      const items = [];
      for (let y = req.query.from; y <= req.query.to; y++) {
        const [v] = await evaluateTree(db, { year: y, orgId: scope.orgId, today: today(nowOf(req.ctx)) }, modules, [
          req.params.id,
        ]);
        if (!v) throw notFound('指标');
        items.push({ year: y, value: v.value, provenance: v.provenance });
      }
      return { items };
    },
  });
}
