import { defineWorkflow, type Workflow } from '../../platform/workflow/index.js';
import { INSPECTION_STATUS_LABELS } from './plan.contract.js';
import { assignedReplyWorkflow } from '../../procedures/assigned-reply/index.js';

/**
 * Government inspection (《政府督查工作条例》) declared with the workflow kernel: the inspection itself and each
 * inspected unit. Pure: no database, no clock. The state tables in docs/modules/plan-and-reports.md are generated
 * from these declarations (`npm run docs`).
 */

export const INSPECTION_STATUSES = ['planned', 'approved', 'in_progress', 'concluded', 'closed'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];

/** The names the workbench shows too (plan.contract.ts, bundled by the web app). */
export const INSPECTION_STATUS_ZH: Record<InspectionStatus, string> = INSPECTION_STATUS_LABELS;

export const TARGET_STATUSES = [
  'pending',
  'concluded',
  'reexamination_requested',
  'reexamined',
  'rectifying',
  'rectified',
  'verified',
] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

export const TARGET_STATUS_ZH: Record<TargetStatus, string> = {
  pending: '督查中',
  concluded: '已送达结论',
  reexamination_requested: '已申请复核',
  reexamined: '已复核',
  rectifying: '整改中',
  rectified: '已报整改',
  verified: '整改已核查',
};

const REG = '《政府督查工作条例》';
const ART = (a: string) => `${REG}${a}`;

export type InspectionAction = 'approve' | 'start' | 'issue_order' | 'serve_conclusion' | 'conclude' | 'close';
export type InspectionParty = 'inspection_office' | 'government_head';

/** The out-of-order refusals as the inspection has always worded them (with the article where one applies). */
const ORDER_MESSAGES: Record<InspectionAction, string> = {
  approve: '只有“方案待批准”的督查方案可以批准',
  start: '督查方案经批准后才能开始督查（《政府督查工作条例》第十一条）',
  issue_order: '督查开始后、送达结论前才能下发督办单',
  serve_conclusion: '督查开始后才能送达督查结论',
  conclude: '督查开始后、全部督查对象送达结论时才能作出督查结论',
  close: '全部督查对象送达结论后才能办结督查',
};

/**
 * The inspection itself: the plan (Art 15) is approved by the government's head (Art 11: the matter is set by the
 * government's decision or its head's instruction; Art 8: the government fixes matter, scope and term) before it
 * starts; orders and conclusions only while it runs. `conclude` (every unit served, Art 16) and `close` (every
 * rectification verified, Art 18) are taken by the command that serves the last conclusion or verifies the last
 * rectification. The plan itself (Art 15, status `planned`) is created by `planInspection`.
 */
export const inspectionWorkflow: Workflow<InspectionStatus, InspectionAction, InspectionParty, undefined> =
  defineWorkflow({
    name: 'plan.inspection',
    entity: '督查',
    statuses: INSPECTION_STATUSES,
    statusLabels: INSPECTION_STATUS_ZH,
    initial: 'planned',
    parties: {
      inspection_office: '督查机构（依法治区办）',
      government_head: '本级人民政府行政首长',
    },
    actions: {
      approve: {
        label: '批准督查方案',
        from: ['planned'],
        to: 'approved',
        by: ['government_head'],
        basis: ART('第八条、第十一条'),
      },
      start: {
        label: '开始督查',
        from: ['approved'],
        to: 'in_progress',
        by: ['inspection_office'],
        basis: ART('第十一条、第十五条'),
      },
      issue_order: { label: '下发督办单', from: ['in_progress'], to: 'same', by: ['inspection_office'], basis: REG },
      serve_conclusion: {
        label: '送达督查结论',
        from: ['in_progress', 'concluded'],
        to: 'same',
        by: ['inspection_office'],
        basis: ART('第十六条'),
      },
      conclude: {
        label: '作出督查结论（全部督查对象已送达）',
        from: ['in_progress'],
        to: 'concluded',
        by: ['inspection_office'],
        basis: ART('第十六条'),
      },
      close: {
        label: '办结督查（全部整改已核查）',
        from: ['concluded'],
        to: 'closed',
        by: ['inspection_office'],
        basis: ART('第十八条'),
      },
    },
    describeOrder: (status, action) => ({
      message: `${ORDER_MESSAGES[action]}（当前状态：${INSPECTION_STATUS_ZH[status]}）`,
    }),
  });

export type TargetAction =
  | 'conclude'
  | 'request_reexamination'
  | 'decide_reexamination'
  | 'submit_rectification'
  | 'verify'
  | 'reject_rectification';
export type TargetParty = 'inspection_office' | 'target_unit';

/** One inspected unit (Arts 16–18): conclusion served, re-examination on request, rectification verified. */
export const inspectionTargetWorkflow = defineWorkflow<TargetStatus, TargetAction, TargetParty>({
  name: 'plan.inspection-target',
  entity: '督查对象',
  statuses: TARGET_STATUSES,
  statusLabels: TARGET_STATUS_ZH,
  initial: 'pending',
  parties: {
    inspection_office: '督查机构（依法治区办）',
    target_unit: '被督查单位（法治联络员或主要负责人）',
  },
  actions: {
    conclude: {
      label: '送达督查结论',
      from: ['pending'],
      to: 'concluded',
      by: ['inspection_office'],
      basis: ART('第十六条、第十七条'),
    },
    request_reexamination: {
      label: '申请复核',
      from: ['concluded'],
      to: 'reexamination_requested',
      by: ['target_unit'],
      basis: ART('第十七条'),
    },
    decide_reexamination: {
      label: '作出复核决定',
      from: ['reexamination_requested'],
      to: 'reexamined',
      by: ['inspection_office'],
      basis: ART('第十七条'),
    },
    submit_rectification: {
      label: '报送整改情况',
      from: ['concluded', 'reexamined', 'rectifying'],
      to: 'rectified',
      by: ['target_unit'],
      basis: ART('第十八条'),
    },
    verify: {
      label: '核查整改（通过）',
      from: ['rectified'],
      to: 'verified',
      by: ['inspection_office'],
      basis: ART('第十八条'),
    },
    reject_rectification: {
      label: '核查整改（退回）',
      from: ['rectified'],
      to: 'rectifying',
      by: ['inspection_office'],
      basis: ART('第十八条'),
    },
  },
});

/**
 * The inspection's table as `{ from, to }` per action (`to` null: the status does not change, or follows from the
 * units' statuses) — a view of `inspectionWorkflow`, for callers that read the table directly.
 */
export const INSPECTION_TRANSITIONS = Object.fromEntries(
  inspectionWorkflow.actionNames.map((a) => {
    const { from, to } = inspectionWorkflow.actions[a];
    return [a, { from, to: to === 'same' || typeof to !== 'string' ? null : to }];
  }),
) as Record<InspectionAction, { from: readonly InspectionStatus[]; to: InspectionStatus | null }>;

/**
 * A follow-up order (督办单) to one inspected unit: the assigned-reply procedure (src/procedures/assigned-reply)
 * — the unit answers by the date; the inspection office accepts the reply or sends it back for re-handling.
 */
export const orderWorkflow = assignedReplyWorkflow({
  name: 'plan.inspection-order',
  entity: '督办单',
  parties: { assigner: '督查机构（依法治区办）', handler: '被督查单位' },
  basis: {
    reply: `${REG}第十四条（日常督办）`,
    return: `${REG}第五条、第十五条（督查对象和范围）`,
    feedback: `${REG}第十八条`,
  },
});
