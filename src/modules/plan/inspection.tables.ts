import type { Generated } from 'kysely';
import { registerAuditLabels } from '../../platform/audit/catalog.js';
import type { GeneratedTimestamp, NullableTimestamp } from '../../platform/db/schema.js';

export type InspectionStatus = 'planned' | 'approved' | 'in_progress' | 'concluded' | 'closed';
export const INSPECTION_STATUSES = ['planned', 'approved', 'in_progress', 'concluded', 'closed'] as const;
export type TargetStatus =
  | 'pending'
  | 'concluded'
  | 'reexamination_requested'
  | 'reexamined'
  | 'rectifying'
  | 'rectified'
  | 'verified';

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
  status: Generated<'issued' | 'answered'>;
  answer: string | null;
  answered_on: string | null;
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
  'inspection.conclusion_served': '送达督查结论',
  'inspection.reexamination_requested': '申请复核督查结论',
  'inspection.reexamination_decided': '作出复核决定',
  'inspection.rectification_submitted': '报送整改情况',
  'inspection.rectification_verified': '核查整改情况',
});

type InspectionAction = 'approve' | 'start' | 'issue_order' | 'serve_conclusion';

/**
 * 政府督查工作条例 as a transition table for the inspection itself: the plan (Art 15) is approved by the government's
 * head (Art 11: the matter is set by the government's decision or its head's instruction; Art 8: the government
 * fixes matter, scope and term) before it starts; orders and conclusions only while it runs. `concluded` (every
 * unit served, Art 16) and `closed` (every rectification verified, Art 18) follow from the units' statuses.
 */
export const INSPECTION_TRANSITIONS: Record<
  InspectionAction,
  { from: InspectionStatus[]; to: InspectionStatus | null; message: string }
> = {
  approve: { from: ['planned'], to: 'approved', message: '只有“方案待批准”的督查方案可以批准' },
  start: {
    from: ['approved'],
    to: 'in_progress',
    message: '督查方案经批准后才能开始督查（《政府督查工作条例》第十一条）',
  },
  issue_order: { from: ['in_progress'], to: null, message: '督查开始后、送达结论前才能下发督办单' },
  serve_conclusion: { from: ['in_progress', 'concluded'], to: null, message: '督查开始后才能送达督查结论' },
};

export const INSPECTION_STATUS_ZH: Record<InspectionStatus, string> = {
  planned: '方案待批准',
  approved: '方案已批准',
  in_progress: '督查中',
  concluded: '已作出结论',
  closed: '已办结',
};

type TargetAction =
  | 'conclude'
  | 'request_reexamination'
  | 'decide_reexamination'
  | 'submit_rectification'
  | 'verify'
  | 'reject_rectification';

/** 政府督查工作条例 Arts 16–18 as a transition table for one inspected unit. */
export const TARGET_TRANSITIONS: Record<TargetAction, { from: TargetStatus[]; to: TargetStatus }> = {
  conclude: { from: ['pending'], to: 'concluded' },
  request_reexamination: { from: ['concluded'], to: 'reexamination_requested' },
  decide_reexamination: { from: ['reexamination_requested'], to: 'reexamined' },
  submit_rectification: { from: ['concluded', 'reexamined', 'rectifying'], to: 'rectified' },
  verify: { from: ['rectified'], to: 'verified' },
  reject_rectification: { from: ['rectified'], to: 'rectifying' },
};

export const TARGET_STATUS_ZH: Record<TargetStatus, string> = {
  pending: '督查中',
  concluded: '已送达结论',
  reexamination_requested: '已申请复核',
  reexamined: '已复核',
  rectifying: '整改中',
  rectified: '已报整改',
  verified: '整改已核查',
};
