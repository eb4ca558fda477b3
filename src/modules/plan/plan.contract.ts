/**
 * The plan contract: the statuses of an implementation plan, of a unit's task under it, and of an inspection
 * (督查), with the names the workbench shows. Pure data (the web app bundles it); the tables use the same types.
 */
import { vocabulary } from '../../platform/vocabulary.contract.js';
const PLAN_STATUS_VOCAB = vocabulary({
  review: '待确认责任单位',
  active: '实施中',
  closed: '已结束',
});
export const PLAN_STATUS_LABELS = PLAN_STATUS_VOCAB.labels;
export const PLAN_STATUSES = PLAN_STATUS_VOCAB.values;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const TASK_STATUSES = ['open', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** 《政府督查工作条例》: the plan is approved by the government head (Art 11) before the inspection starts. */
export const INSPECTION_STATUS_LABELS = {
  planned: '方案待批准',
  approved: '方案已批准',
  in_progress: '督查中',
  concluded: '已作出结论',
  closed: '已办结',
} as const;
export type InspectionStatusCode = keyof typeof INSPECTION_STATUS_LABELS;
