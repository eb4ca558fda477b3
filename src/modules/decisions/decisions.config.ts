import { getRule } from '../../platform/calendar/index.js';

/**
 * Operating parameters of the decisions module (product settings, not statutory values: the statutory
 * periods live in the calendar rule pack — decision.comment_period, decision.hearing_materials,
 * decision.legality_review). Documented defaults, overridable through the environment.
 */
export interface DecisionsConfig {
  /** Attachments per public comment (default 3). */
  commentMaxFiles: number;
  /** Bytes per attachment (default 2 MiB). */
  commentMaxFileBytes: number;
  /** Public comments accepted per client address and rate window (default 5 per 10 minutes). */
  commentRateMax: number;
  commentRateWindowMs: number;
}

const int = (v: string | undefined, d: number, min: number, max: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= min && n <= max ? n : d;
};

export function decisionsConfig(env: NodeJS.ProcessEnv = process.env): DecisionsConfig {
  return {
    commentMaxFiles: int(env.FAZHI_DECISIONS_COMMENT_MAX_FILES, 3, 0, 10),
    commentMaxFileBytes: int(env.FAZHI_DECISIONS_COMMENT_MAX_FILE_BYTES, 2 * 1024 * 1024, 1024, 10 * 1024 * 1024),
    commentRateMax: int(env.FAZHI_DECISIONS_COMMENT_RATE_MAX, 5, 1, 1000),
    commentRateWindowMs: int(env.FAZHI_DECISIONS_COMMENT_RATE_WINDOW_MS, 10 * 60_000, 1000, 24 * 3600_000),
  };
}

/** Attachment types accepted on the portal, with the leading bytes each must start with. */
export const ATTACHMENT_TYPES: Record<string, { label: string; magic: number[] | null }> = {
  'application/pdf': { label: 'PDF', magic: [0x25, 0x50, 0x44, 0x46] },
  'image/png': { label: 'PNG 图片', magic: [0x89, 0x50, 0x4e, 0x47] },
  'image/jpeg': { label: 'JPEG 图片', magic: [0xff, 0xd8, 0xff] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    label: 'Word 文档（.docx）',
    magic: [0x50, 0x4b, 0x03, 0x04],
  },
  'text/plain': { label: '文本文件', magic: null },
};

const UNIT_ZH = { calendar_days: '日', working_days: '个工作日', months: '个月', years: '年' } as const;

/**
 * The length of a statutory period as the rule in force states it ("30日", "7个工作日"). The [B] values are
 * configurable in the calendar rule pack, so messages never hard-code the number: they say what is enforced.
 */
export function rulePeriodZh(ruleId: string): string {
  const r = getRule(ruleId);
  return `${r.amount}${UNIT_ZH[r.unit]}`;
}
