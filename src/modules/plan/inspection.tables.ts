import type { ColumnType, Generated } from 'kysely';
import { registerAuditLabels } from '../../platform/audit/catalog.js';
import type { GeneratedTimestamp, NullableTimestamp } from '../../platform/db/schema.js';
import type { InspectionStatus, TargetStatus } from './inspection.workflow.js';
import type { ReplyStatus } from '../../procedures/assigned-reply/index.js';

// The statuses, their labels and the transitions are declared in inspection.workflow.ts (pure, no database).
export {
  INSPECTION_STATUSES,
  INSPECTION_STATUS_ZH,
  INSPECTION_TRANSITIONS,
  type InspectionStatus,
  TARGET_STATUS_ZH,
  type TargetStatus,
} from './inspection.workflow.js';

export interface InspectionTable {
  id: Generated<string>;
  title: string;
  basis: string;
  scope: string;
  methods: string;
  starts_on: string;
  ends_on: string;
  status: Generated<InspectionStatus>;
  org_id: string;
  created_by: string | null;
  /** Who approved the plan (the government's head, Art 11), when, and the instruction given (批示意见). */
  approved_by: string | null;
  approved_at: NullableTimestamp;
  approval_opinion: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}
export interface InspectionTargetTable {
  id: Generated<string>;
  inspection_id: string;
  org_id: string;
  status: Generated<TargetStatus>;
  conclusion: string | null;
  conclusion_served_on: string | null;
  conclusion_by: string | null;
  reexamination_reason: string | null;
  reexamination_requested_on: string | null;
  reexamination_decision: string | null;
  reexamination_decided_on: string | null;
  reexamination_outcome: 'upheld' | 'changed' | null;
  rectification_report: string | null;
  rectified_on: string | null;
  verification_note: string | null;
  verified_on: string | null;
  updated_at: GeneratedTimestamp;
}
export interface InspectionOrderTable {
  id: Generated<string>;
  inspection_id: string;
  org_id: string;
  content: string;
  due_date: string;
  status: Generated<ReplyStatus>;
  answer: string | null;
  answered_on: string | null;
  /** The inspection office's reasons when it sent the reply back for re-handling (第十八条). */
  feedback: ColumnType<string | null, string | null | undefined, string | null>;
  feedback_on: ColumnType<string | null, string | null | undefined, string | null>;
  /** 1 for the first reply; each re-handling adds one. */
  rounds: Generated<number>;
  created_at: GeneratedTimestamp;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    inspections: InspectionTable;
    inspection_targets: InspectionTargetTable;
    inspection_orders: InspectionOrderTable;
  }
}

declare module '../../platform/audit/catalog.js' {
  interface AuditCatalog {
    'inspection.planned': { title: string; targets: number; startsOn: string; endsOn: string };
    'inspection.approved': { opinion: string };
    'inspection.started': Record<string, never>;
    'inspection.order_issued': { orgId: string; dueDate: string };
    'inspection.order_answered': { orgId: string };
    'inspection.order_accepted': { orgId: string };
    'inspection.order_sent_back': { orgId: string; feedback: string };
    'inspection.conclusion_served': { orgId: string; servedOn: string };
    'inspection.reexamination_requested': { orgId: string; requestedOn: string };
    'inspection.reexamination_decided': { orgId: string; outcome: 'upheld' | 'changed'; decidedOn: string };
    'inspection.rectification_submitted': { orgId: string; on: string };
    'inspection.rectification_verified': { orgId: string; accepted: boolean };
  }
}

registerAuditLabels({
  'inspection.planned': '制定督查方案',
  'inspection.approved': '批准督查方案',
  'inspection.started': '开始督查',
  'inspection.order_issued': '下发督办单',
  'inspection.order_answered': '答复督办单',
  'inspection.order_accepted': '督办单确认办结',
  'inspection.order_sent_back': '督办单要求重新办理',
  'inspection.conclusion_served': '送达督查结论',
  'inspection.reexamination_requested': '申请复核督查结论',
  'inspection.reexamination_decided': '作出复核决定',
  'inspection.rectification_submitted': '报送整改情况',
  'inspection.rectification_verified': '核查整改情况',
});
