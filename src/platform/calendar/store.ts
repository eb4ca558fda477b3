import { sql } from 'kysely';
import type { RequestCtx } from '../access/actor.js';
import { recordAudit } from '../audit/index.js';
import { nowOf } from '../clock.js';
import type { Db, Executor } from '../db/engine.js';
import { badRequest } from '../errors.js';
import { latestVersions, setCalendar } from './active.js';
import './calendar.tables.js';
import {
  BUILTIN_CALENDAR,
  type CalendarYearData,
  type FestivalArrangement,
  type HolidayNotice,
} from './data/notices.js';
import { recomputeOpenDeadlines } from './deadlines.js';
import { isValidLocalDate } from './localdate.js';
import { applyRuleSetting, configureRule, getRule, resetRules, type RuleSetting } from './rules.js';
import { assertValidYearData, expandYear, WorkCalendar } from './workcalendar.js';

export interface CalendarYearRow extends CalendarYearData {
  id: string;
  source: 'builtin' | 'admin';
  createdAt: Date;
}

const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

export async function listCalendarYears(db: Executor): Promise<CalendarYearRow[]> {
  const rows = await db.selectFrom('calendar_years').selectAll().orderBy('year').orderBy('version').execute();
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    version: r.version,
    notices: parse<HolidayNotice[]>(r.notices),
    festivals: parse<FestivalArrangement[]>(r.festivals),
    note: r.note ?? undefined,
    source: r.source,
    createdAt: r.created_at,
  }));
}

/**
 * Store the built-in notices: a year the database does not know yet is inserted with all its built-in
 * versions; a year that only has built-in rows gets newer built-in versions. A year an administrator has
 * edited is left alone (their version is the newer word).
 */
export async function ensureBuiltinCalendar(db: Executor): Promise<number> {
  const existing = await db.selectFrom('calendar_years').select(['year', 'version', 'source']).execute();
  let inserted = 0;
  for (const b of BUILTIN_CALENDAR) {
    const rows = existing.filter((e) => e.year === b.year);
    if (rows.some((e) => e.source === 'admin')) continue;
    if (rows.some((e) => e.version >= b.version)) continue;
    await db
      .insertInto('calendar_years')
      .values({
        year: b.year,
        version: b.version,
        notices: JSON.stringify(b.notices),
        festivals: JSON.stringify(b.festivals),
        note: b.note ?? null,
        source: 'builtin',
      })
      .onConflict((oc) => oc.columns(['year', 'version']).doNothing())
      .execute();
    inserted++;
  }
  return inserted;
}

/** Calendar as stored (newest version per year). */
export async function readCalendar(db: Executor): Promise<WorkCalendar> {
  return new WorkCalendar(latestVersions(await listCalendarYears(db)));
}

export async function loadRuleSettings(db: Executor): Promise<void> {
  resetRules();
  const rows = await db.selectFrom('calendar_rule_settings').selectAll().execute();
  for (const r of rows) {
    try {
      configureRule(r.rule_id, parse<RuleSetting>(r.setting));
    } catch {
      // A stored setting for a rule that is no longer configurable keeps the statutory default.
    }
  }
}

/**
 * Make the database's calendar and rule settings the live ones in this process. Called at start-up, by the
 * sweep job, and (when the stored data changed) by the per-instance refresh job, so every server instance
 * picks up an administrator's change within one refresh interval.
 */
export async function loadCalendar(db: Db): Promise<WorkCalendar> {
  await ensureBuiltinCalendar(db);
  await loadRuleSettings(db);
  const cal = setCalendar(await listCalendarYears(db));
  loadedFingerprint = await calendarFingerprint(db);
  return cal;
}

let loadedFingerprint: string | null = null;

/**
 * A digest of everything loadCalendar reads (every calendar version and every rule setting). Both tables hold
 * a few dozen rows, so hashing them in the database is cheaper than any change-tracking scheme.
 */
export async function calendarFingerprint(db: Executor): Promise<string> {
  const r = await sql<{ fp: string }>`
    select md5(
      coalesce((select string_agg(id::text || ':' || version::text, ',' order by id) from calendar_years), '') || '|' ||
      coalesce((select string_agg(rule_id || '=' || setting::text, ',' order by rule_id) from calendar_rule_settings), '')
    ) as fp`.execute(db);
  return r.rows[0]?.fp ?? '';
}

/**
 * Reload the calendar only when another instance changed it. Runs in every instance (not under a lease):
 * the lease-holding sweep alone would leave the other instances on stale holidays and rule values.
 */
export async function refreshCalendarIfChanged(db: Db): Promise<boolean> {
  if ((await calendarFingerprint(db)) === loadedFingerprint) return false;
  await loadCalendar(db);
  return true;
}

export interface PublishYearInput {
  year: number;
  notices: HolidayNotice[];
  festivals: FestivalArrangement[];
  note?: string | null;
}

function checkNotices(notices: HolidayNotice[]): void {
  notices.forEach((n, i) => {
    if (!n.number?.trim())
      throw badRequest(`第${i + 1}份通知缺少发文字号（例如 国办发明电〔2025〕7号）`, { field: `notices.${i}.number` });
    if (!n.title?.trim()) throw badRequest(`第${i + 1}份通知缺少标题`, { field: `notices.${i}.title` });
    if (!isValidLocalDate(n.issuedOn)) {
      throw badRequest(`第${i + 1}份通知的成文日期不是真实日期（格式 YYYY-MM-DD）`, { field: `notices.${i}.issuedOn` });
    }
  });
}

/**
 * Publish a new version of a year's arrangement (a newly issued notice, or a correction). The data is
 * validated first (duplicates, contradictions, make-up days on weekdays: nothing is stored). Open deadlines
 * whose dates change are recomputed and each change is audited, all in the caller's transaction; the new
 * calendar becomes live only after commit (see publishCalendarYear).
 */
export async function publishCalendarYearTx(
  trx: Executor,
  ctx: RequestCtx,
  input: PublishYearInput,
): Promise<{ row: CalendarYearRow; calendar: WorkCalendar; recomputed: number }> {
  checkNotices(input.notices);
  const draft: CalendarYearData = { year: input.year, version: 1, notices: input.notices, festivals: input.festivals };
  assertValidYearData(draft);
  // Serialize publishers of the same year: the unique (year, version) constraint turns a race into a 409.
  const max = await trx
    .selectFrom('calendar_years')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('year', '=', input.year)
    .executeTakeFirst();
  const version = Number(max?.v ?? 0) + 1;
  const inserted = await trx
    .insertInto('calendar_years')
    .values({
      year: input.year,
      version,
      notices: JSON.stringify(input.notices),
      festivals: JSON.stringify(input.festivals),
      note: input.note ?? null,
      source: 'admin',
      created_by: ctx.actor?.userId ?? null,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
  await recordAudit(trx, ctx, {
    action: 'calendar.year_published',
    entityKind: 'calendar_year',
    entityId: String(input.year),
    data: {
      year: input.year,
      version,
      notices: input.notices.map((n) => n.number),
      overrides: expandYear(draft).length,
    },
    visibility: 'public',
  });
  const calendar = await readCalendar(trx);
  const recomputed = await recomputeOpenDeadlines(trx, ctx, calendar, `${input.year}年节假日安排第${version}版发布`);
  return {
    row: {
      ...draft,
      version,
      note: input.note ?? undefined,
      id: inserted.id,
      source: 'admin',
      createdAt: inserted.created_at,
    },
    calendar,
    recomputed,
  };
}

/** Publish in its own transaction, then make the new calendar live in this process. */
export async function publishCalendarYear(db: Db, ctx: RequestCtx, input: PublishYearInput) {
  const res = await db.transaction().execute((trx) => publishCalendarYearTx(trx, ctx, input));
  setCalendar(await listCalendarYears(db));
  return res;
}

/** Change a configurable rule value ([B] in RULES.md), audited, and recompute open deadlines under it. */
export async function configureRuleSetting(db: Db, ctx: RequestCtx, ruleId: string, setting: RuleSetting) {
  const before = { ...getRule(ruleId) };
  const after = applyRuleSetting(ruleId, setting); // throws (nothing stored) when not allowed
  let recomputed: number;
  try {
    recomputed = await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('calendar_rule_settings')
        .values({ rule_id: ruleId, setting: JSON.stringify(setting), updated_by: ctx.actor?.userId ?? null })
        .onConflict((oc) =>
          oc.column('rule_id').doUpdateSet({
            setting: JSON.stringify(setting),
            updated_by: ctx.actor?.userId ?? null,
            updated_at: nowOf(ctx),
          }),
        )
        .execute();
      await recordAudit(trx, ctx, {
        action: 'calendar.rule_configured',
        entityKind: 'calendar_rule',
        entityId: ruleId,
        data: {
          ruleId,
          before: {
            amount: before.amount,
            unit: before.unit,
            maxExtension: before.maxExtension,
            fixedMonthDay: before.fixedMonthDay ?? null,
          },
          after: {
            amount: after.amount,
            unit: after.unit,
            maxExtension: after.maxExtension,
            fixedMonthDay: after.fixedMonthDay ?? null,
          },
        },
      });
      configureRule(ruleId, setting);
      return recomputeOpenDeadlines(trx, ctx, await readCalendar(trx), `规则“${after.label}”参数调整`, ruleId);
    });
  } catch (err) {
    await loadRuleSettings(db); // the change did not commit: back to the stored values
    throw err;
  }
  return { rule: after, recomputed };
}
