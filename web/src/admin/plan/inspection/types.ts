import type { ReplyStatus } from '../../../../../src/procedures/assigned-reply/assigned-reply.contract';
export interface InspectionTarget {
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
  unitActs: boolean;
}

export interface InspectionOrder {
  id: string;
  orgId: string;
  orgName: string;
  content: string;
  dueDate: string;
  status: ReplyStatus;
  statusLabel: string;
  answer: string | null;
  answeredOn: string | null;
  feedback: string | null;
  rounds: number;
}

export interface Inspection {
  id: string;
  title: string;
  basis: string;
  scope: string;
  methods: string;
  startsOn: string;
  endsOn: string;
  status: 'planned' | 'approved' | 'in_progress' | 'concluded' | 'closed';
  /** The government head's approval of the plan (《政府督查工作条例》第十一条); null until approved. */
  approval: { approvedBy: string | null; approvedAt: string; opinion: string } | null;
  abilities: { manage: boolean; approve: boolean; start: boolean };
  targets: InspectionTarget[];
  orders: InspectionOrder[];
}

export { INSPECTION_STATUS_LABELS as INSPECTION_STATUS_ZH } from '../../../../../src/modules/plan/plan.contract';
