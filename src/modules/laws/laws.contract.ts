/**
 * The laws contract: the validity of a law in the library, with the names the portal and the workbench show.
 * Pure data (the web app bundles it).
 */
export const LAW_STATUSES = ['current', 'superseded'] as const;
export type LawStatus = (typeof LAW_STATUSES)[number];

export const LAW_STATUS_LABELS: Record<LawStatus, string> = {
  current: '现行有效',
  superseded: '已被修订',
};
