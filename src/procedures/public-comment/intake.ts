// What every public comment period (重大行政决策 征求意见, 规范性文件 征求意见, …) does the same way with a
// citizen's submission from the portal: the form's shape, cleaning the text, the submitter's identity, the
// period's window, the duplicate check and the receipt number. The module keeps its own tables and audit.
import { createHash, randomBytes } from 'node:crypto';
import { today } from '../../platform/calendar/index.js';
import { AppError, conflict } from '../../platform/errors.js';
import { z } from '../../platform/http/zod.js';
import type { PeriodPhase, PublicCommentInput } from './public-comment.contract.js';

const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, { error: `${label}至少 ${min} 个字` })
    .max(max, { error: `${label}不能超过 ${max} 个字` });

/** The fields every portal comment form sends; a module extends it (e.g. with attachments). */
export const PublicCommentFields = {
  submitterKind: z.enum(['anonymous', 'individual', 'organization'], { error: '请选择身份：匿名、个人或单位' }),
  name: z.string().trim().max(60, { error: '姓名或单位名称不能超过 60 个字' }).optional(),
  contact: z.string().trim().max(60, { error: '联系方式不能超过 60 个字' }).optional(),
  body: text('意见内容', 5, 5000),
  /** A field people do not see; automated submitters fill it in. */
  website: z.string().max(0, { error: '提交失败，请刷新页面后重试' }).optional(),
};

export type { PublicCommentInput };

// Control characters other than tab and newlines are dropped; the text is stored as given and always rendered
// as text (never as HTML), so markup inside a comment is harmless.
const CONTROL = new Set([...Array(32).keys(), 127].filter((c) => c !== 9 && c !== 10 && c !== 13));
export const cleanText = (s: string) =>
  Array.from(s)
    .filter((ch) => !CONTROL.has(ch.charCodeAt(0)))
    .join('')
    .trim();

/** A safe file name for a citizen's attachment (no path or reserved characters). */
export const safeFileName = (s: string) =>
  cleanText(s)
    .replace(/[\\/:*?"<>|]/g, '_')
    .slice(0, 100) || '附件';

/**
 * Checks who is commenting and what they wrote; returns the cleaned values to store. A filled honeypot,
 * a named kind without a name, or a body too short once cleaned is a 400 naming the field.
 */
export function acceptSubmission(input: PublicCommentInput): {
  name: string | null;
  contact: string | null;
  body: string;
} {
  if (input.website) throw new AppError('bad_request', '提交失败，请刷新页面后重试。');
  const name = cleanText(input.name ?? '').slice(0, 60);
  if (input.submitterKind !== 'anonymous' && !name) {
    throw new AppError(
      'bad_request',
      input.submitterKind === 'organization'
        ? '以单位名义提交的，请填写单位名称。'
        : '以个人名义提交的，请填写姓名（或选择匿名提交）。',
      { field: 'name' },
    );
  }
  const body = cleanText(input.body);
  if (body.length < 5) throw new AppError('bad_request', '意见内容至少 5 个字，请补充后再提交。', { field: 'body' });
  const contact = input.contact ? cleanText(input.contact).slice(0, 60) || null : null;
  return { name: input.submitterKind === 'anonymous' ? null : name, contact, body };
}

/**
 * Where a period stands on the Beijing date of `now`: it accepts comments from its first to its last day
 * inclusive; `open` false (the unit closed it, or never opened it) is closed whatever the dates say. The one
 * rule the portal pages and the intake share.
 */
export function periodPhase(
  period: { open: boolean; opensOn: string | null; closesOn: string | null },
  now: Date,
): PeriodPhase {
  const d = today(now);
  if (!period.open || (period.closesOn && d > period.closesOn)) return 'closed';
  if (period.opensOn && d < period.opensOn) return 'upcoming';
  return 'open';
}

/** Before or after the period the citizen is told when it opens or that it has closed (409). */
export function assertPeriodOpen(
  period: { open: boolean; opensOn: string | null; closesOn: string | null },
  now: Date,
): void {
  const phase = periodPhase(period, now);
  if (phase === 'closed') throw conflict(`该征求意见已于 ${period.closesOn ?? '此前'} 截止，感谢您的关注。`);
  if (phase === 'upcoming') throw conflict(`该征求意见自 ${period.opensOn} 起接收意见，请届时再提交。`);
}

/** A hash of the client address within one module (the address itself is never stored). */
export const commenterKey = (scope: string, ip: string) =>
  createHash('sha256').update(`${scope}:${ip}`).digest('hex').slice(0, 32);

/** The same text from the same client twice is refused, pointing to the first receipt. */
export function duplicateComment(receiptNo: string): AppError {
  return conflict(`相同内容的意见已经提交过（回执号 ${receiptNo}），无需重复提交。`, { receiptNo });
}

/** Receipt number: module prefix, Beijing date, 10 random hex digits (e.g. YJ20261122-3F9A0C11D2). */
export function receiptNo(prefix: string, now: Date): string {
  return `${prefix}${today(now).replaceAll('-', '')}-${randomBytes(5).toString('hex').toUpperCase()}`;
}

/**
 * The intake steps inside the caller's transaction, once it has read the period it comments on: the period is
 * open on this Beijing date (409 otherwise), the same text from the same client was not sent before (409 with
 * the first receipt), and the receipt number of the new comment.
 */
export async function admitComment(p: {
  period: { open: boolean; opensOn: string | null; closesOn: string | null };
  now: Date;
  prefix: string;
  /** The receipt number of an earlier comment with this client key and body, if any. */
  duplicateOf: () => Promise<string | undefined>;
}): Promise<string> {
  assertPeriodOpen(p.period, p.now);
  const dup = await p.duplicateOf();
  if (dup) throw duplicateComment(dup);
  return receiptNo(p.prefix, p.now);
}
