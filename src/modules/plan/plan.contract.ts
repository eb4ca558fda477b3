/**
 * The plan contract: the statuses of an implementation plan, of a unit's task under it, and of an inspection
 * (督查), with the names the workbench shows. Pure data (the web app bundles it); the tables use the same types.
 */
import { vocabulary } from '../../platform/vocabulary.contract.js';
import type { ReplyStatus } from '../../procedures/assigned-reply/assigned-reply.contract.js';
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

/*
 * The records as the API sends them. The server's response schemas are typed against these (plan.schemas.ts,
 * inspection.routes.ts), so the workbench's types cannot drift from what the server sends.
 */

export interface PlanProblemDto {
  line: number;
  message: string;
}

export interface UnitMatchDto {
  id: string | null;
  rawName: string;
  resolution: 'org' | 'group' | 'unmatched' | 'ignored';
  orgId: string | null;
  orgName: string | null;
  groupKey: string | null;
  groupLabel: string | null;
  lead: boolean;
}

export interface PlanPreviewDto {
  title: string | null;
  docNo: string | null;
  chapters: {
    seq: number;
    numeral: string;
    title: string;
    line: number;
  }[];
  items: {
    seq: number;
    numeral: string;
    chapterSeq: number;
    title: string;
    general: boolean;
    line: number;
    units: UnitMatchDto[];
  }[];
  problems: PlanProblemDto[];
  unmatched: string[];
}

export interface PlanSummaryDto {
  id: string;
  title: string;
  docNo: string | null;
  yearFrom: number;
  yearTo: number;
  status: PlanStatus;
  defaultDueDate: string | null;
  progress: number | null;
  tasks: number;
  overdueTasks: number;
  unmatchedUnits: number;
  createdAt: string;
}

export interface PlanTaskDto {
  id: string;
  planId: string;
  itemId: string;
  itemSeq: number;
  itemNumeral: string;
  itemTitle: string;
  chapterTitle: string;
  orgId: string;
  orgName: string;
  lead: boolean;
  dueDate: string;
  progress: number;
  weight: number;
  status: TaskStatus;
  overdue: boolean;
  escalated: boolean;
  lastReportedAt: string | null;
  abilities: Record<string, boolean>;
}

export interface PlanDetailDto extends PlanSummaryDto {
  chapters: {
    id: string;
    seq: number;
    numeral: string;
    title: string;
    weight: number;
    progress: number | null;
  }[];
  items: {
    id: string;
    chapterId: string;
    seq: number;
    numeral: string;
    title: string;
    body: string;
    general: boolean;
    line: number;
    weight: number;
    progress: number | null;
    units: UnitMatchDto[];
  }[];
  units: {
    orgId: string;
    orgName: string;
    tasks: number;
    progress: number | null;
    overdue: number;
  }[];
  abilities: Record<string, boolean>;
}

export interface WeightDto {
  level: 'chapter' | 'item' | 'task';
  targetId: string;
  weight: number;
  progress: number | null;
}

/** A piece of evidence for a progress report: a title with a link or an uploaded file's SHA-256. */
export interface EvidenceDto {
  title: string;
  url?: string;
  fileSha256?: string;
}

export interface ProgressReportDto {
  id: string;
  from: number;
  to: number;
  note: string;
  reason: string | null;
  evidence: {
    title: string;
    url?: string;
    fileSha256?: string;
  }[];
  reportedBy: string | null;
  reportedAt: string;
}

export interface PlanTaskDetailDto extends PlanTaskDto {
  itemBody: string;
  reports: ProgressReportDto[];
}

/** An inspected unit (督查对象) and where its part of the inspection stands. */
export interface InspectionTargetDto {
  id: string;
  orgId: string;
  orgName: string;
  status: string;
  statusLabel: string;
  conclusion: string | null;
  conclusionServedOn: string | null;
  reexaminationReason: string | null;
  reexaminationRequestedOn: string | null;
  reexaminationOutcome: string | null;
  reexaminationDecision: string | null;
  reexaminationDecidedOn: string | null;
  rectificationReport: string | null;
  rectifiedOn: string | null;
  verificationNote: string | null;
  verifiedOn: string | null;
  /** The inspected unit's own actions (answer orders, ask for re-examination, report rectification). */
  unitActs: boolean;
}

/** A follow-up order (督办) to an inspected unit and its reply. */
export interface InspectionOrderDto {
  id: string;
  orgId: string;
  orgName: string;
  content: string;
  dueDate: string;
  status: ReplyStatus;
  statusLabel: string;
  answer: string | null;
  answeredOn: string | null;
  /** The inspection office's reasons when it sent the reply back, and how many rounds the order took. */
  feedback: string | null;
  rounds: number;
}

/** An inspection (督查) with its approval, units and follow-up orders. */
export interface InspectionDto {
  id: string;
  title: string;
  basis: string;
  scope: string;
  methods: string;
  startsOn: string;
  endsOn: string;
  status: InspectionStatusCode;
  /** The government head's approval of the plan (《政府督查工作条例》第十一条); null until approved. */
  approval: { approvedBy: string | null; approvedAt: string; opinion: string } | null;
  abilities: { manage: boolean; approve: boolean; start: boolean };
  targets: InspectionTargetDto[];
  orders: InspectionOrderDto[];
}
