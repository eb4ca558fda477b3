import { badRequest } from '../errors.js';

/**
 * A date of legal effect, 'YYYY-MM-DD', in Beijing time (Asia/Shanghai). Statutory periods are counted
 * in these days; a JS Date is an instant and must go through toLocalDate before any day arithmetic.
 */
export type LocalDate = string & { readonly __localDate?: unique symbol };

/**
 * Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so the offset is fixed. Using a fixed
 * offset (instead of Intl) keeps conversion exact and fast; dates before 1992 never occur in this domain.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

const RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Days since 1970-01-01 ("ordinal"): the unit all calendar arithmetic is done in. Pure integer arithmetic
 * (days-from-civil), no Date objects: this sits on the hot path of every working-day computation.
 */
export function toOrdinal(d: LocalDate): number {
  const y0 =
    (d.charCodeAt(0) - 48) * 1000 + (d.charCodeAt(1) - 48) * 100 + (d.charCodeAt(2) - 48) * 10 + (d.charCodeAt(3) - 48);
  const m = (d.charCodeAt(5) - 48) * 10 + (d.charCodeAt(6) - 48);
  const day = (d.charCodeAt(8) - 48) * 10 + (d.charCodeAt(9) - 48);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

function civilFromOrdinal(n: number): LocalDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}` as LocalDate;
}

/** Strings for 1990–2150 are built once, so the hot path returns a cached string instead of formatting. */
const CACHE_FROM = 7305; // 1990-01-01
const CACHE_TO = 65745; // one past 2150-01-01
const cache: LocalDate[] = [];
for (let o = CACHE_FROM; o < CACHE_TO; o++) cache.push(civilFromOrdinal(o));

export function fromOrdinal(n: number): LocalDate {
  return n >= CACHE_FROM && n < CACHE_TO ? cache[n - CACHE_FROM] : civilFromOrdinal(n);
}

/** The Beijing calendar day an instant belongs to: 2026-01-05T16:30Z is 00:30 on 2026-01-06 in Beijing. */
export function toLocalDate(instant: Date): LocalDate {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw badRequest('时间无效：无法换算为北京时间的日期');
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10) as LocalDate;
}

/** The Beijing day of `now`, an instant from the injected clock (`nowOf(ctx)`, `deps.clock.now()`). */
export function today(now: Date): LocalDate {
  return toLocalDate(now);
}

/** True when s is a real calendar date written as YYYY-MM-DD (2026-02-30 is not). */
export function isValidLocalDate(s: unknown): s is LocalDate {
  if (typeof s !== 'string') return false;
  const m = RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1900 || y > 2199 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/**
 * Parse a user-supplied date. Throws a Chinese bad_request naming the field when the text is not a real
 * date, so that e.g. 2026-02-30 is refused instead of silently becoming 2026-03-02.
 */
export function parseLocalDate(s: unknown, field = '日期'): LocalDate {
  if (typeof s !== 'string' || !RE.test(s)) {
    throw badRequest(`${field}格式不正确：应为“年-月-日”（例如 2026-03-02）`, { field, value: s ?? null });
  }
  if (!isValidLocalDate(s)) {
    throw badRequest(`${field}不存在：${s} 不是日历上的真实日期，请检查月份和日数`, { field, value: s });
  }
  return s as LocalDate;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function addCalendarDays(d: LocalDate, n: number): LocalDate {
  return fromOrdinal(toOrdinal(d) + n);
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekday(d: LocalDate): number {
  return weekdayOfOrdinal(toOrdinal(d));
}

export function weekdayOfOrdinal(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/**
 * Add months the way 民法典 Art 202 counts them: the period ends on the corresponding day of the final
 * month; when that month has no such day, on its last day (2025-01-31 + 1 month = 2025-02-28).
 */
export function addMonths(d: LocalDate, months: number): LocalDate {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7));
  const day = Number(d.slice(8, 10));
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const nd = Math.min(day, daysInMonth(ny, nm));
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(nd).padStart(2, '0')}` as LocalDate;
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function yearOf(d: LocalDate): number {
  return Number(d.slice(0, 4));
}

const WEEKDAY_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/** "2026年2月14日（星期六）" — how dates appear in traces and notices. */
export function formatZh(d: LocalDate, withWeekday = true): string {
  const s = `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  return withWeekday ? `${s}（${WEEKDAY_ZH[weekday(d)]}）` : s;
}
