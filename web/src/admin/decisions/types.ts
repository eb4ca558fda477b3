export {
  DISPOSITION_LABELS,
  EXCLUSIONS,
  FORM_LABELS,
  MAJOR_KINDS,
} from '../../../../src/modules/decisions/decisions.contract';
import type { CatalogStatus } from '../../../../src/modules/decisions/decisions.contract';

export const CATALOG_STATUS: Record<CatalogStatus, { label: string; color: string }> = {
  draft: { label: '草拟中', color: 'default' },
  approved: { label: '党委已同意', color: 'blue' },
  published: { label: '已公布', color: 'green' },
};

export const STATUS_COLORS: Record<string, string> = {
  proposed: 'default',
  executing: 'processing',
  suspended: 'warning',
  completed: 'success',
  archived: 'success',
  withdrawn: 'default',
};

export const REVIEW_LEVEL: Record<string, string> = { unit: '承办单位法制机构初审', justice: '司法局合法性审查' };
export const REVIEW_CONCLUSION: Record<string, string> = {
  lawful: '合法',
  lawful_with_changes: '修改后合法',
  unlawful: '不合法',
};
export const MODERATION: Record<string, string> = { pending: '待审核', published: '已公开', rejected: '不予公开' };
export const SUBMITTER: Record<string, string> = { anonymous: '匿名', individual: '个人', organization: '单位' };

/** Splits a textarea into its non-empty lines (one legal basis, risk point, participant … per line). */
export const lines = (s: string | undefined) =>
  (s ?? '')
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);
