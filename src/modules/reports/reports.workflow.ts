import { computeDue } from '../../platform/calendar/index.js';
import { defineWorkflow } from '../../platform/workflow/index.js';
import type { ReportStatus, SectionKey, Sections } from './reports.tables.js';

/**
 * The five required contents of an annual report (《法治政府建设与责任落实督察工作规定》, contents listed
 * with Art 24–25): measures and results, shortcomings and causes, the principal head's first-responsibility
 * duty, next year's plan, other matters.
 */
export const SECTIONS: {
  key: SectionKey;
  numeral: string;
  title: string;
  /** The heading as the reports write it, naming the year reported on (or the coming year for 四). */
  heading: (year: number) => string;
  required: boolean;
}[] = [
  {
    key: 'measures',
    numeral: '一',
    title: '主要举措和成效',
    heading: (y) => `${y}年度推进法治政府建设的主要举措和成效`,
    required: true,
  },
  {
    key: 'shortcomings',
    numeral: '二',
    title: '存在的不足和原因',
    heading: (y) => `${y}年度推进法治政府建设存在的不足和原因`,
    required: true,
  },
  {
    key: 'headDuty',
    numeral: '三',
    title: '党政主要负责人履行推进法治建设第一责任人职责情况',
    heading: (y) => `党政主要负责人${y}年度履行推进法治建设第一责任人职责、加强法治政府建设的情况`,
    required: true,
  },
  {
    key: 'nextYear',
    numeral: '四',
    title: '下一年度推进法治政府建设的主要安排',
    heading: (y) => `${y + 1}年度推进法治政府建设的主要安排`,
    required: true,
  },
  { key: 'other', numeral: '五', title: '其他需要报告的情况', heading: () => '其他需要报告的情况', required: false },
];

/** “一、2025年度推进法治政府建设的主要举措和成效” — the numbered heading of a section for a report year. */
export const sectionHeading = (s: (typeof SECTIONS)[number], year: number) => `${s.numeral}、${s.heading(year)}`;

/** The section definitions as the API returns them (the heading resolved for the report's year). */
export const sectionDefs = (year: number) =>
  SECTIONS.map((s) => ({
    key: s.key,
    numeral: s.numeral,
    title: s.title,
    heading: s.heading(year),
    required: s.required,
  }));

import { STATUS_ZH } from './reports.contract.js';

export { STATUS_ZH };

export type ReportAction = 'request_approval' | 'approve' | 'return' | 'send_back' | 'submit' | 'publish' | 'edit';

/**
 * Who acts (`reportAbilities` in reports.presenter.ts checks the roles): the reporting unit's liaison, staff or
 * principal head; its principal head alone where the first-responsible-person duty is exercised; the
 * coordinator (依法治区办), who also drafts and submits for a unit and receives the reports.
 */
export type ReportParty = 'unit' | 'head' | 'coordinator';

const REG = '《法治政府建设与责任落实督察工作规定》';

/**
 * draft → awaiting_approval → approved → submitted → published; returns go back to draft. The completeness of
 * the required contents and the end of the report year are the commands' own checks (422, with the sections
 * missing), after the transition.
 */
export const reportWorkflow = defineWorkflow<ReportStatus, ReportAction, ReportParty>({
  name: 'reports.annual-report',
  entity: '年度报告',
  statuses: ['draft', 'awaiting_approval', 'approved', 'submitted', 'published'],
  statusLabels: STATUS_ZH,
  initial: 'draft',
  parties: {
    unit: '本单位法治联络员、工作人员或主要负责人',
    head: '本单位主要负责人',
    coordinator: '依法治区办',
  },
  actions: {
    edit: {
      label: '编辑报告',
      from: ['draft'],
      to: 'same',
      by: ['unit', 'coordinator'],
      basis: `${REG}第二十四条、第二十五条`,
    },
    request_approval: {
      label: '报请主要负责人审定',
      from: ['draft'],
      to: 'awaiting_approval',
      by: ['unit', 'coordinator'],
      basis: `${REG}第二十四条、第二十五条`,
    },
    approve: { label: '审定报告', from: ['awaiting_approval'], to: 'approved', by: ['head'], basis: REG },
    // The head returns the unit's own draft at any step before publication; the 依法治区办 sends back a report
    // only once it has been approved (it does not step into the head's approval).
    return: {
      label: '退回修改',
      from: ['awaiting_approval', 'approved', 'submitted'],
      to: 'draft',
      by: ['head'],
      basis: REG,
    },
    send_back: {
      label: '退回单位修改',
      from: ['approved', 'submitted'],
      to: 'draft',
      by: ['coordinator'],
      basis: REG,
    },
    submit: { label: '报送依法治区办', from: ['approved'], to: 'submitted', by: ['unit', 'coordinator'], basis: REG },
    publish: {
      label: '向社会公开',
      from: ['submitted'],
      to: 'published',
      by: ['coordinator', 'head'],
      basis: `${REG}第二十四条`,
    },
  },
});

/** 409 unless the report's status allows the action; returns the status it leads to. */
export function assertTransition(status: ReportStatus, action: ReportAction): ReportStatus {
  reportWorkflow.assertTransition(status, action);
  return reportWorkflow.resolveTarget(status, action);
}

/** Required sections left empty, as Chinese section names (pure). */
export function missingSections(s: Sections): string[] {
  return SECTIONS.filter((x) => x.required && !(s[x.key] ?? '').trim()).map((x) => `（${x.numeral}）${x.title}`);
}

/**
 * Due dates of a report year: departments submit by 1 March (configurable rule `report.submit`), everyone
 * publishes by 1 April (rule `report.publish`, 督察规定 Art 24).
 */
export function reportDueDates(year: number) {
  const trigger = `${year}-12-31`;
  return { submitBy: computeDue('report.submit', trigger).due, publishBy: computeDue('report.publish', trigger).due };
}

export type { DashboardStatus } from './reports.contract.js';
import type { DashboardStatus } from './reports.contract.js';

/** A unit's status on the coordinator's dashboard; late once a due date passed with the step not done. */
export function dashboardStatus(
  status: ReportStatus | null,
  today: string,
  due: { submitBy: string; publishBy: string },
  isGovernment: boolean,
): DashboardStatus {
  const submitted = status === 'submitted' || status === 'published';
  if (status === 'published') return 'published';
  if (today > due.publishBy) return 'late';
  if (!submitted && !isGovernment && today > due.submitBy) return 'late';
  if (submitted) return 'submitted';
  return status ? 'drafting' : 'not_started';
}
