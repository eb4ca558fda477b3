import type { Generated } from 'kysely';
import { registerAuditLabels } from '../../platform/audit/catalog.js';
import type { GeneratedTimestamp, Json, NullableTimestamp } from '../../platform/db/schema.js';

export type { ReportStatus } from './reports.contract.js';
import type { ReportStatus } from './reports.contract.js';
export type SectionKey = 'measures' | 'shortcomings' | 'headDuty' | 'nextYear' | 'other';
export type Sections = Record<SectionKey, string>;

/**
 * One figure as captured in a report, with where it came from: the query in words (`basis`), the link that
 * re-runs it (`query`), the records behind it (each with its workbench `link` and JSON `api`). The snapshot
 * time and the ledger checkpoint are the report's. `year` and `query` are absent on reports drafted before
 * they were recorded.
 */
export interface FigureSnapshot {
  code: string;
  label: string;
  unit: string;
  /** The year the figure is computed for: the report's, or the one before / after for context. */
  year?: number;
  value: number | null;
  status: 'computed' | 'absent' | 'error';
  basis: string;
  query?: string;
  records: { kind: string; id: string; label: string; link?: string; api?: string }[];
  recordCount: number;
}

export interface AnnualReportTable {
  id: Generated<string>;
  org_id: string;
  year: number;
  status: Generated<ReportStatus>;
  title: string;
  doc_no: string | null;
  sections: Json<Sections>;
  figures: Json<FigureSnapshot[]>;
  snapshot_at: NullableTimestamp;
  ledger_tree_size: string | null;
  ledger_root: string | null;
  cc: Generated<string>;
  approved_by: string | null;
  approved_at: NullableTimestamp;
  submitted_at: NullableTimestamp;
  published_at: NullableTimestamp;
  return_reason: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    annual_reports: AnnualReportTable;
  }
}

declare module '../../platform/audit/catalog.js' {
  interface AuditCatalog {
    'annual_report.drafted': { year: number; figures: number };
    'annual_report.figures_refreshed': { figures: number; treeSize: string | null };
    'annual_report.edited': { fields: string[]; version: number };
    'annual_report.approval_requested': Record<string, never>;
    'annual_report.approved': Record<string, never>;
    'annual_report.returned': { reason: string; from: ReportStatus };
    'annual_report.submitted': { late: boolean };
    'annual_report.published': { late: boolean; leafHash: string };
  }
}

registerAuditLabels({
  'annual_report.drafted': '起草年度报告',
  'annual_report.figures_refreshed': '更新年度报告数据',
  'annual_report.edited': '修改年度报告',
  'annual_report.approval_requested': '报请主要负责人审定',
  'annual_report.approved': '主要负责人审定',
  'annual_report.returned': '退回年度报告',
  'annual_report.submitted': '报送年度报告',
  'annual_report.published': '公开年度报告',
});
