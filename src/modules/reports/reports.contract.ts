/**
 * The annual-reports contract: a report's statuses from drafting to public disclosure, and the leaders'
 * dashboard view of where each unit stands, with the names the workbench shows. Pure data (the web app bundles it).
 */
import type { RecordRefDto } from '../../platform/http/http.contract.js';
import type { RecordProofDto } from '../../platform/ledger/ledger.contract.js';
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

/*
 * The records as the API sends them. The server's response schemas are typed against these (reports.schemas.ts),
 * so the workbench's and the portal's types cannot drift from what the server sends.
 */

export interface ReportFigureDto {
  code: string;
  label: string;
  unit: string;
  year?: number;
  value: number | null;
  status: string;
  basis: string;
  /** GET it to re-run the figure's query (GET /api/indicators/figures/…). */
  query?: string;
  records: RecordRefDto[];
  recordCount: number;
}

export interface PublicSectionDto {
  key: string;
  heading: string;
  text: string;
}

export interface PublicReportDto {
  id: string;
  orgId: string;
  orgName: string;
  year: number;
  title: string;
  docNo: string | null;
  sections: PublicSectionDto[];
  figures: {
    code: string;
    label: string;
    value: number | null;
    unit: string;
    basis: string;
  }[];
  publishedAt: string | null;
}

/** A report as the workbench edits it: every figure with its provenance, the raw sections and the workflow. */
export interface ReportDto extends Omit<PublicReportDto, 'figures'> {
  figures: ReportFigureDto[];
  publishedAt: string | null;
  status: ReportStatus;
  statusLabel: string;
  rawSections: {
    measures: string;
    shortcomings: string;
    headDuty: string;
    nextYear: string;
    other: string;
  };
  sectionDefs: {
    key: string;
    numeral: string;
    title: string;
    heading: string;
    required: boolean;
  }[];
  cc: string;
  /** 主送机关 the DOCX export uses unless another is given. */
  defaultRecipient: string;
  snapshotAt: string | null;
  ledgerTreeSize: string | null;
  ledgerRoot: string | null;
  /** The signed checkpoint the figures were taken against (public ledger API), when there is one. */
  ledgerCheckpoint: string | null;
  submitBy: string | null;
  publishBy: string;
  submittedAt: string | null;
  approvedAt: string | null;
  returnReason: string | null;
  version: number;
  abilities: Record<string, boolean>;
}

export interface ReportsDashboardDto {
  year: number;
  submitBy: string;
  publishBy: string;
  units: {
    orgId: string;
    orgName: string;
    kind: string;
    reportId: string | null;
    reportStatus: string | null;
    status: DashboardStatus;
  }[];
  counts: Record<string, number>;
  plan: {
    id: string;
    title: string;
    progress: number | null;
    chapters: {
      id: string;
      title: string;
      progress: number | null;
    }[];
    units: {
      orgId: string;
      orgName: string;
      tasks: number;
      progress: number | null;
      overdue: number;
    }[];
  } | null;
  overdueTasks: {
    id: string;
    title: string;
    orgId: string;
    orgName: string;
    progress: number;
    dueDate: string;
    escalated: boolean;
  }[];
}

export interface ReportCompareDto {
  previous: {
    id: string;
    year: number;
    status: string;
  } | null;
  rows: {
    code: string;
    label: string;
    unit: string;
    current: number | null;
    previous: number | null;
    change: number | null;
  }[];
  /** The narrative sections side by side: this year's text and the previous year's. */
  sections: {
    key: string;
    heading: string;
    current: string;
    previous: string | null;
    changed: boolean;
  }[];
}

/** A row of the workbench's report list. */
export interface ReportListItemDto {
  id: string;
  orgId: string;
  orgName: string;
  year: number;
  title: string;
  status: string;
  statusLabel: string;
  updatedAt: string;
}

/** A row of the portal's list of published reports. */
export interface PublicReportListItemDto {
  id: string;
  orgName: string;
  year: number;
  title: string;
  publishedAt: string;
}

/** A published report on the portal, with its ledger proof (null: not anchored). */
export interface PublicReportWithProofDto extends PublicReportDto {
  proof: RecordProofDto | null;
}
