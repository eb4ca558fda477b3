import { computeDue } from '../../platform/calendar/index.js';
import { conflict } from '../../platform/errors.js';
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

export const STATUS_ZH: Record<ReportStatus, string> = {
  draft: '起草中',
  awaiting_approval: '待主要负责人审定',
  approved: '已审定',
  submitted: '已报送',
  published: '已公开',
};

export type ReportAction = 'request_approval' | 'approve' | 'return' | 'submit' | 'publish' | 'edit';

/** draft → awaiting_approval → approved → submitted → published; returns go back to draft. */
export const TRANSITIONS: Record<ReportAction, { from: ReportStatus[]; to: ReportStatus }> = {
  edit: { from: ['draft'], to: 'draft' },
  request_approval: { from: ['draft'], to: 'awaiting_approval' },
  approve: { from: ['awaiting_approval'], to: 'approved' },
  return: { from: ['awaiting_approval', 'approved', 'submitted'], to: 'draft' },
  submit: { from: ['approved'], to: 'submitted' },
  publish: { from: ['submitted'], to: 'published' },
};

export function assertTransition(status: ReportStatus, action: ReportAction): ReportStatus {
  const t = TRANSITIONS[action];
  if (!t.from.includes(status))
    throw conflict(`报告当前状态为“${STATUS_ZH[status]}”，不能执行此操作`, { status, action });
  return t.to;
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

export type DashboardStatus = 'not_started' | 'drafting' | 'submitted' | 'published' | 'late';

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
