/**
 * The annual-reports contract: a report's statuses from drafting to public disclosure, and the leaders'
 * dashboard view of where each unit stands, with the names the workbench shows. Pure data (the web app bundles it).
 */
import { vocabulary } from '../../platform/vocabulary.contract.js';

const STATUS_VOCAB = vocabulary({
  draft: '起草中',
  awaiting_approval: '待主要负责人审定',
  approved: '已审定',
  submitted: '已报送',
  published: '已公开',
});
export const STATUS_ZH = STATUS_VOCAB.labels;
export const REPORT_STATUSES = STATUS_VOCAB.values;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Where a unit's report for a year stands on the dashboard ('late': past the due date and not submitted). */
export const DASHBOARD_STATUS_LABELS = {
  not_started: '未开始',
  drafting: '起草中',
  submitted: '已报送',
  published: '已公开',
  late: '逾期',
} as const;
export type DashboardStatus = keyof typeof DASHBOARD_STATUS_LABELS;
