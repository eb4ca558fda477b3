import type { PlanStatus, TaskStatus } from './plan.contract.js';
import type { Generated } from 'kysely';
import { registerAuditLabels } from '../../platform/audit/catalog.js';
import type { GeneratedTimestamp, Json, NullableTimestamp } from '../../platform/db/schema.js';

export type UnitResolution = 'org' | 'group' | 'unmatched' | 'ignored';
export interface Evidence {
  title: string;
  /** A link to a record in the system or elsewhere. */
  url?: string;
  /** SHA-256 of an uploaded file (plan_evidence_files). */
  fileSha256?: string;
}

export interface PlanTable {
  id: Generated<string>;
  title: string;
  doc_no: string | null;
  year_from: number;
  year_to: number;
  source_sha256: string;
  status: Generated<PlanStatus>;
  default_due_date: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}
export interface PlanChapterTable {
  id: Generated<string>;
  plan_id: string;
  seq: number;
  numeral: string;
  title: string;
  weight: Generated<string>;
}
export interface PlanItemTable {
  id: Generated<string>;
  plan_id: string;
  chapter_id: string;
  seq: number;
  numeral: string;
  title: string;
  body: string;
  general: boolean;
  line_no: number;
  weight: Generated<string>;
}
export interface PlanItemUnitTable {
  id: Generated<string>;
  item_id: string;
  position: number;
  raw_name: string;
  resolution: UnitResolution;
  org_id: string | null;
  group_key: string | null;
  lead: boolean;
}
export interface PlanUnitAliasTable {
  alias: string;
  org_id: string;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}
export interface PlanTaskTable {
  id: Generated<string>;
  plan_id: string;
  item_id: string;
  org_id: string;
  lead: boolean;
  due_date: string;
  progress: Generated<number>;
  weight: Generated<string>;
  status: Generated<TaskStatus>;
  last_reported_at: NullableTimestamp;
  escalated_at: NullableTimestamp;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}
export interface PlanProgressReportTable {
  id: Generated<string>;
  task_id: string;
  progress_from: number;
  progress_to: number;
  note: string;
  reason: string | null;
  evidence: Json<Evidence[]>;
  reported_by: string | null;
  reported_at: GeneratedTimestamp;
  /** Order of writing (reports dated at the same instant). */
  seq: Generated<string>;
}
export interface PlanEvidenceFileTable {
  sha256: string;
  name: string;
  mime: string;
  size: number;
  content: Buffer;
  created_at: GeneratedTimestamp;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    plans: PlanTable;
    plan_chapters: PlanChapterTable;
    plan_items: PlanItemTable;
    plan_item_units: PlanItemUnitTable;
    plan_unit_aliases: PlanUnitAliasTable;
    plan_tasks: PlanTaskTable;
    plan_progress_reports: PlanProgressReportTable;
    plan_evidence_files: PlanEvidenceFileTable;
  }
}

declare module '../../platform/audit/catalog.js' {
  interface AuditCatalog {
    'plan.imported': {
      title: string;
      docNo: string | null;
      chapters: number;
      items: number;
      unmatched: number;
      sha256: string;
    };
    'plan.unit_resolved': { itemSeq: number; rawName: string; resolution: UnitResolution; orgId: string | null };
    'plan.decomposed': { tasksCreated: number; dueDate: string; itemDueDates?: boolean };
    'plan_task.progress_reported': { from: number; to: number; reason: string | null; evidence: number };
    'plan_task.escalated': { dueDate: string; progress: number; notified: number };
    'plan_evidence.uploaded': { name: string; size: number };
  }
}

registerAuditLabels({
  'plan.imported': '导入实施方案',
  'plan.unit_resolved': '确认责任单位',
  'plan.decomposed': '分解任务',
  'plan_task.progress_reported': '报送任务进展',
  'plan_task.escalated': '超期任务上报依法治区办',
  'plan_evidence.uploaded': '上传佐证材料',
});
