import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../auth/plugin.js';
import type { Db } from '../db/engine.js';
import { AppError, badRequest } from '../errors.js';
import { errorResponses, z } from '../http/zod.js';
import { getCalendar } from './active.js';
import { canAdministerCalendar } from './calendar.policy.js';
import {
  ComputeBody,
  ComputeResult,
  DayDto,
  PublicDeadlineDto,
  RuleDto,
  RuleSettingBody,
  YearBody,
  YearDto,
} from './calendar.schemas.js';
import { toPublicDeadline } from './deadlines.presenter.js';
import { listDeadlinesFor } from './deadlines.js';
import { checkMinimumPeriod, computeDue, latestDateBefore } from './engine.js';
import { fromOrdinal, toOrdinal, weekday } from './localdate.js';
import { publicDeadlineKind } from './public-kinds.js';
import { defaultRule, getRule, listRules, type StatutoryRule, unitZh } from './rules.js';
import { configureRuleSetting, listCalendarYears, publishCalendarYear } from './store.js';

const ruleDto = (r: StatutoryRule) => ({
  id: r.id,
  label: r.label,
  kind: r.kind,
  amount: r.amount,
  unit: r.unit,
  unitLabel: unitZh(r.unit),
  fixedMonthDay: r.fixedMonthDay ?? null,
  trigger: r.trigger,
  legalBasis: r.legalBasis,
  maxExtension: r.maxExtension,
  pausable: r.pausable,
  configurable: r.configurable,
  area: r.area,
  note: r.note ?? null,
  floor: r.floor ?? null,
  ...defaultsOf(r),
});

function defaultsOf(r: StatutoryRule) {
  const d = defaultRule(r.id) ?? r;
  const defaults = { amount: d.amount, unit: d.unit, maxExtension: d.maxExtension, fixedMonthDay: d.fixedMonthDay ?? null };
  const changed =
    defaults.amount !== r.amount ||
    defaults.unit !== r.unit ||
    defaults.maxExtension !== r.maxExtension ||
    defaults.fixedMonthDay !== (r.fixedMonthDay ?? null);
  return { defaults, changed };
}

/** One computation, whatever the rule's kind: due date, latest date before an event, or minimum check. */
function compute(body: z.infer<typeof ComputeBody>) {
  const rule = getRule(body.ruleId);
  const base = {
    ruleId: rule.id,
    kind: rule.kind,
    due: null,
    latest: null,
    latestWorkingDay: null,
    minimumEnd: null,
    ok: null,
  };
  if (rule.kind === 'before') {
    const r = latestDateBefore(rule.id, body.date);
    return {
      ...base,
      latest: r.latest,
      latestWorkingDay: r.latestWorkingDay,
      trace: r.trace,
      provisional: r.provisional,
    };
  }
  if (rule.kind === 'minimum') {
    if (!body.endDate) {
      const r = computeDue(rule.id, body.date);
      return {
        ...base,
        minimumEnd: r.due,
        trace: `${r.trace}\n（填写截止日期可检查期间是否足够。）`,
        provisional: r.provisional,
      };
    }
    const r = checkMinimumPeriod(rule.id, body.date, body.endDate);
    return { ...base, minimumEnd: r.minimumEnd, ok: r.ok, trace: r.trace, provisional: r.provisional };
  }
  const r = computeDue(rule.id, body.date, { pauses: body.pauses, extensionDays: body.extensionDays });
  return { ...base, due: r.due, trace: r.trace, provisional: r.provisional };
}

function yearDays(year: number) {
  const cal = getCalendar();
  const out: z.infer<typeof DayDto>[] = [];
  for (let o = toOrdinal(`${year}-01-01`); o <= toOrdinal(`${year}-12-31`); o++) {
    const date = fromOrdinal(o);
    const ov = cal.override(date);
    const wd = weekday(date);
    const weekend = wd === 0 || wd === 6;
    const working = cal.isWorkingDay(date);
    const kind = ov ? (ov.off ? 'holiday' : 'makeup') : weekend ? 'weekend' : 'workday';
    out.push({ date, working, kind, festival: ov?.festival ?? null });
  }
  return out;
}

const YearParam = z.strictObject({
  year: z.coerce
    .number({ error: '年份应为数字' })
    .int()
    .min(1990, { error: '年份不能早于1990' })
    .max(2199, { error: '年份不能晚于2199' }),
});

export function calendarRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['法定期限'];

  r.get('/api/public/calendar/rules', {
    schema: { tags, summary: '期限规则列表（公开）', response: { 200: z.object({ items: z.array(RuleDto) }) } },
    handler: async () => ({ items: listRules().map(ruleDto) }),
  });

  r.post('/api/public/calendar/compute', {
    schema: {
      tags,
      summary: '期限计算器（公开）',
      body: ComputeBody,
      response: { 200: ComputeResult, ...errorResponses },
    },
    config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    handler: async (req) => compute(req.body),
  });

  r.get('/api/public/calendar/years', {
    schema: {
      tags,
      summary: '已录入的节假日安排（各年现行版本）',
      response: { 200: z.object({ items: z.array(YearDto), provisionalFrom: z.number() }) },
    },
    handler: async () => {
      const all = await listCalendarYears(db);
      const maxVersion = new Map<number, number>();
      for (const y of all) maxVersion.set(y.year, Math.max(maxVersion.get(y.year) ?? 0, y.version));
      const items = all.filter((y) => maxVersion.get(y.year) === y.version).map((y) => yearDto(y, true));
      const last = Math.max(0, ...items.map((y) => y.year));
      return { items, provisionalFrom: last + 1 };
    },
  });

  r.get('/api/public/calendar/years/:year/days', {
    schema: {
      tags,
      summary: '某年每一天是否为工作日',
      params: YearParam,
      response: {
        200: z.object({ year: z.number(), provisional: z.boolean(), days: z.array(DayDto) }),
        ...errorResponses,
      },
    },
    handler: async (req) => ({
      year: req.params.year,
      provisional: !getCalendar().hasNotice(req.params.year),
      days: yearDays(req.params.year),
    }),
  });

  r.get('/api/public/calendar/deadlines', {
    schema: {
      tags,
      summary: '公开事项的法定期限及计算过程',
      querystring: z.strictObject({ entityKind: z.string().min(1).max(60), entityId: z.string().min(1).max(100) }),
      response: { 200: z.object({ items: z.array(PublicDeadlineDto) }), ...errorResponses },
    },
    handler: async (req) => {
      const kind = publicDeadlineKind(req.query.entityKind);
      if (!kind || (kind.visible && !(await kind.visible(db, req.query.entityId)))) {
        throw new AppError('not_found', '该事项的期限不公开或不存在');
      }
      const rows = await listDeadlinesFor(db, req.query.entityKind, req.query.entityId);
      return { items: rows.filter((r) => !kind.rules || kind.rules.includes(r.rule_id)).map(toPublicDeadline) };
    },
  });

  // Administration: versions of every year, publishing a notice, configurable rule values.
  r.get('/api/calendar/years', {
    schema: {
      tags,
      summary: '节假日安排的全部版本',
      response: { 200: z.object({ items: z.array(YearDto) }), ...errorResponses },
    },
    handler: async (req) => {
      requireActor(req);
      const all = await listCalendarYears(db);
      const maxVersion = new Map<number, number>();
      for (const y of all) maxVersion.set(y.year, Math.max(maxVersion.get(y.year) ?? 0, y.version));
      return { items: all.map((y) => yearDto(y, maxVersion.get(y.year) === y.version)) };
    },
  });

  r.put('/api/calendar/years/:year', {
    schema: {
      tags,
      summary: '发布或更正某年的节假日安排（生成新版本，并重新计算受影响的期限）',
      params: YearParam,
      body: YearBody,
      response: { 200: z.object({ year: YearDto, recomputed: z.number() }), ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      if (!canAdministerCalendar(actor)) throw new AppError('forbidden', '只有系统管理员可以发布节假日安排。');
      const res = await publishCalendarYear(db, req.ctx, {
        year: req.params.year,
        notices: req.body.notices.map((n) => ({ ...n, url: n.url ?? null })),
        festivals: req.body.festivals,
        note: req.body.note ?? null,
      });
      return { year: yearDto(res.row, true), recomputed: res.recomputed };
    },
  });

  r.put('/api/calendar/rules/:id', {
    schema: {
      tags,
      summary: '修改可配置的期限参数（仅限待核实的参数）',
      params: z.strictObject({ id: z.string().min(1).max(80) }),
      body: RuleSettingBody,
      response: { 200: z.object({ rule: RuleDto, recomputed: z.number() }), ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      if (!canAdministerCalendar(actor)) throw new AppError('forbidden', '只有系统管理员可以修改期限参数。');
      if (Object.keys(req.body).length === 0)
        throw badRequest('请至少提供一项要修改的参数（amount、unit、maxExtension 或 fixedMonthDay）');
      const res = await configureRuleSetting(db, req.ctx, req.params.id, req.body);
      return { rule: ruleDto(res.rule), recomputed: res.recomputed };
    },
  });
}

function yearDto(y: Awaited<ReturnType<typeof listCalendarYears>>[number], current: boolean) {
  return {
    id: y.id,
    year: y.year,
    version: y.version,
    current,
    source: y.source,
    notices: y.notices.map((n) => ({ number: n.number, title: n.title, issuedOn: n.issuedOn, url: n.url ?? null })),
    festivals: y.festivals,
    note: y.note ?? null,
    createdAt: new Date(y.createdAt).toISOString(),
  };
}
