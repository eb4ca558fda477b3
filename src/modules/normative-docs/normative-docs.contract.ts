/**
 * The normative-documents contract: the statuses of a normative document from draft to repeal, with the names
 * the workbench and the portal show. Pure data (the web app bundles it).
 */
export const DOC_STATUSES = [
  'draft',
  'commenting',
  'fair_review',
  'legality_review',
  'deliberation',
  'approved',
  'registered',
  'in_force',
  'expired',
  'repealed',
] as const;
export type DocStatus = (typeof DOC_STATUSES)[number];

export const STATUS_LABELS: Record<DocStatus, string> = {
  draft: '起草中',
  commenting: '公开征求意见中',
  fair_review: '公平竞争审查中',
  legality_review: '合法性审核中',
  deliberation: '待集体审议',
  approved: '已审议通过',
  registered: '已统一登记编号',
  in_force: '现行有效',
  expired: '已失效',
  repealed: '已废止',
};
