/**
 * Configurable parameters of the normative-document rules. Values marked [B] in RULES.md §5.2 (not verified
 * against 沪府令17号) are settings with documented defaults, read from the environment:
 *
 *   FAZHI_NORMATIVE_VALIDITY_YEARS          default 5  — longest validity of a document (沪府令26号 practice)
 *   FAZHI_NORMATIVE_INTERIM_VALIDITY_YEARS  default 2  — longest validity of 暂行 / 试行 documents
 *   FAZHI_NORMATIVE_EXPIRY_WARNING_MONTHS   default 6  — evaluation starts this long before expiry
 *   FAZHI_NORMATIVE_COMMENT_RATE_MAX        default 5  — public comments one client may send per window
 *   FAZHI_NORMATIVE_COMMENT_RATE_WINDOW_MS  default 600000 (10 minutes)
 *   FAZHI_NORMATIVE_ADAPTATION_DAYS         default 30 — days between publication and 施行 unless a recorded
 *                                           reason allows less (优化营商环境条例第六十五条 适应调整期; the 30 days
 *                                           of local practice, [B])
 *
 * Time limits counted by the statutory calendar are calendar rules, configurable on the calendar's rule page:
 * filing 30 days (normative.filing), supplement after a return 10 working days (normative.filing_supplement),
 * legality review at least 5 (normative.legality_review) and at most 15 working days
 * (normative.legality_review_due), public comment 7 working days / 30 days, and the annual catalog by
 * 31 January of the following year (normative.annual_catalog).
 */
export interface NormativeSettings {
  validityYears: number;
  interimValidityYears: number;
  expiryWarningMonths: number;
  commentRateMax: number;
  commentRateWindowMs: number;
  adaptationDays: number;
}

function intEnv(env: NodeJS.ProcessEnv, name: string, def: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name} 应为 ${min}–${max} 之间的整数，当前为“${raw}”`);
  return n;
}

export function normativeSettings(env: NodeJS.ProcessEnv = process.env): NormativeSettings {
  return {
    validityYears: intEnv(env, 'FAZHI_NORMATIVE_VALIDITY_YEARS', 5, 1, 10),
    interimValidityYears: intEnv(env, 'FAZHI_NORMATIVE_INTERIM_VALIDITY_YEARS', 2, 1, 5),
    expiryWarningMonths: intEnv(env, 'FAZHI_NORMATIVE_EXPIRY_WARNING_MONTHS', 6, 1, 24),
    commentRateMax: intEnv(env, 'FAZHI_NORMATIVE_COMMENT_RATE_MAX', 5, 1, 1000),
    commentRateWindowMs: intEnv(env, 'FAZHI_NORMATIVE_COMMENT_RATE_WINDOW_MS', 600_000, 1000, 86_400_000),
    adaptationDays: intEnv(env, 'FAZHI_NORMATIVE_ADAPTATION_DAYS', 30, 0, 180),
  };
}

/** A title containing 暂行 or 试行 marks an interim document (shorter validity). */
export const isInterimTitle = (title: string) => /暂行|试行/.test(title);
