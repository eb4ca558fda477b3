/**
 * The normative-documents contract: the statuses of a normative document from draft to repeal, with the names
 * the workbench and the portal show. Pure data (the web app bundles it).
 */
import { vocabulary } from '../../platform/vocabulary.contract.js';

const STATUS_VOCAB = vocabulary({
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
});
export const STATUS_LABELS = STATUS_VOCAB.labels;
export const DOC_STATUSES = STATUS_VOCAB.values;
export type DocStatus = (typeof DOC_STATUSES)[number];
