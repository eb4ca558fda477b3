import type { ReportFigure } from './manifest.js';

/**
 * Small pure helpers every module's report paragraphs share: a figure's value only when it was computed, the value
 * with its unit, and the numbering the seed reports use (“（一）…”, “一是…”).
 */
export const num = (f: ReportFigure | undefined): number | null =>
  f && f.status === 'computed' && f.value !== null ? f.value : null;

export const fmt = (f: ReportFigure | undefined): string | null => {
  const v = num(f);
  return v === null ? null : `${v}${f!.unit}`;
};

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** “（一）…”, “（二）…” in order, so a paragraph left out does not leave a gap in the numbering. */
export const numbered = (parts: string[]) => parts.map((p, i) => `（${CN[i] ?? i + 1}）${p}`);
/** “一是…”, “二是…” as the seed reports list shortcomings and plans. */
export const listed = (parts: string[]) => parts.map((p, i) => `${CN[i] ?? i + 1}是${p}`);
