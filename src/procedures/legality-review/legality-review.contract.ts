/**
 * The legality review's vocabulary, shared with the web app (pure data): the conclusions a reviewing body may
 * reach — 合法 / 修改后合法 / 不合法 — in the words of the opinions themselves.
 */
export const CONCLUSIONS = ['lawful', 'lawful_with_changes', 'unlawful'] as const;
export type Conclusion = (typeof CONCLUSIONS)[number];
export const CONCLUSION_LABELS: Record<Conclusion, string> = {
  lawful: '合法',
  lawful_with_changes: '修改后合法',
  unlawful: '不合法',
};
