import { defineWorkflow, type Workflow } from '../../platform/workflow/index.js';
import { DOC_STATUSES, type DocStatus, STATUS_LABELS } from './normative-docs.contract.js';

/** The making of a normative document, declared with the workflow kernel. Pure: no database, no clock. */
export { DOC_STATUSES, type DocStatus, STATUS_LABELS } from './normative-docs.contract.js';

export type DocAction =
  | 'start_comment'
  | 'finish_comment'
  | 'submit_fair_review'
  | 'pass_fair_review'
  | 'fail_fair_review'
  | 'submit_legality_review'
  | 'pass_legality_review'
  | 'fail_legality_review'
  | 'adopt'
  | 'reject'
  | 'register'
  | 'publish'
  | 'correct'
  | 'lapse'
  | 'repeal';

/**
 * Who acts. The drafting unit and the issuing body are the same unit here: the document's organization, a
 * 制定主体 on the list, whose liaison or principal head takes its formal steps (`normativePolicy.manage`; the
 * collective deliberation is the issuing body's meeting, recorded by them). The legality-review body
 * (司法局 / 法制机构) gives the legality opinion (`normativePolicy.review`).
 */
export type DocParty = 'drafting_unit' | 'issuing_body' | 'legality_reviewer';

/** What the gates look at. */
export interface GateFacts {
  status: DocStatus;
  commentRequired: boolean;
  commentDone: boolean;
  affectsMarket: boolean;
  fairReviewDone: boolean;
  legalityPassed: boolean;
  deliberationHeld: boolean;
  registrationNo: string | null;
  hasInterpretation: boolean;
  /** Legal bases recorded on the document (read in the transaction; unknown to the abilities map). */
  hasBases?: boolean;
  /** The publication request states why no public comment period was held. */
  commentWaived?: boolean;
}

const COMMENT_BASIS = '《优化营商环境条例》第六十二条；《市县法治政府建设示范指标体系》第24项';
const FAIR_REVIEW_BASIS = '《优化营商环境条例》第六十三条';
const LEGALITY_BASIS = '国办发〔2018〕115号';
const UNIFIED_BASIS = '国办发〔2018〕37号';
const SH_RULES = '《上海市行政规范性文件管理规定》（沪府令17号）';

const commentPending = (f: GateFacts) => f.commentRequired && !f.commentDone;

/** 制定依据 are published and anchored with the text, so they are required before it leaves the draft. */
const basesGate = (name: string) => ({
  name,
  basis: `${UNIFIED_BASIS}；《优化营商环境条例》第六十四条`,
  refusal: 'content' as const,
  check: (f: GateFacts) =>
    f.hasBases === false ? '文件未载明制定依据（所依据的法律、法规、规章及条款），请在草稿中载明后再办理' : null,
});

/**
 * The making of a normative document (国办发〔2018〕37号 and 115号; 沪府令17号; 优化营商环境条例 Arts 62–64): the one
 * table of statuses, actions, parties and gates. Every gate is an order gate (409), as the procedure has always
 * answered: the document is not yet at that step, or the step does not apply to it.
 */
export const normativeWorkflow: Workflow<DocStatus, DocAction, DocParty, GateFacts> = defineWorkflow({
  name: 'normative-docs.document',
  entity: '规范性文件',
  statuses: DOC_STATUSES,
  statusLabels: STATUS_LABELS,
  initial: 'draft',
  parties: { drafting_unit: '起草单位', issuing_body: '制定机关', legality_reviewer: '合法性审查机构' },
  actions: {
    start_comment: {
      label: '公开征求意见',
      from: ['draft'],
      to: 'commenting',
      by: ['drafting_unit'],
      basis: COMMENT_BASIS,
      gates: [
        {
          name: 'commentRequired',
          basis: COMMENT_BASIS,
          check: (f) => (!f.commentRequired ? '本文件未要求公开征求意见' : null),
        },
        {
          name: 'commentNotYetDone',
          basis: COMMENT_BASIS,
          check: (f) => (f.commentDone ? '已完成公开征求意见' : null),
        },
      ],
    },
    finish_comment: {
      label: '结束征求意见',
      from: ['commenting'],
      to: 'draft',
      by: ['drafting_unit'],
      basis: COMMENT_BASIS,
    },
    submit_fair_review: {
      label: '提交公平竞争审查',
      from: ['draft'],
      to: 'fair_review',
      by: ['drafting_unit'],
      basis: FAIR_REVIEW_BASIS,
      gates: [
        {
          name: 'affectsMarket',
          basis: FAIR_REVIEW_BASIS,
          check: (f) => (!f.affectsMarket ? '本文件不涉及市场主体经济活动，无需公平竞争审查' : null),
        },
        {
          name: 'fairReviewNotYetDone',
          basis: FAIR_REVIEW_BASIS,
          check: (f) => (f.fairReviewDone ? '已通过公平竞争审查' : null),
        },
        {
          name: 'commentBeforeFairReview',
          basis: COMMENT_BASIS,
          check: (f) => (commentPending(f) ? '须先完成公开征求意见' : null),
        },
      ],
    },
    pass_fair_review: {
      label: '公平竞争审查通过',
      from: ['fair_review'],
      to: 'draft',
      by: ['drafting_unit'],
      basis: FAIR_REVIEW_BASIS,
    },
    fail_fair_review: {
      label: '公平竞争审查未通过',
      from: ['fair_review'],
      to: 'draft',
      by: ['drafting_unit'],
      basis: FAIR_REVIEW_BASIS,
    },
    submit_legality_review: {
      label: '提交合法性审核',
      from: ['draft'],
      to: 'legality_review',
      by: ['drafting_unit'],
      basis: LEGALITY_BASIS,
      gates: [
        basesGate('legalBasesBeforeLegalityReview'),
        {
          name: 'commentBeforeLegalityReview',
          basis: COMMENT_BASIS,
          check: (f) => (commentPending(f) ? '须先完成公开征求意见' : null),
        },
        {
          name: 'fairReviewBeforeLegalityReview',
          basis: FAIR_REVIEW_BASIS,
          check: (f) => (f.affectsMarket && !f.fairReviewDone ? '涉及市场主体经济活动，须先通过公平竞争审查' : null),
        },
      ],
    },
    pass_legality_review: {
      label: '出具合法性审核意见（合法）',
      from: ['legality_review'],
      to: 'deliberation',
      by: ['legality_reviewer'],
      basis: LEGALITY_BASIS,
    },
    fail_legality_review: {
      label: '出具合法性审核意见（不合法）',
      from: ['legality_review'],
      to: 'draft',
      by: ['legality_reviewer'],
      basis: LEGALITY_BASIS,
    },
    // Hard gate (国办发〔2018〕115号): no collective deliberation without a passed legality review.
    adopt: {
      label: '集体审议通过',
      from: ['deliberation'],
      to: 'approved',
      by: ['issuing_body'],
      basis: UNIFIED_BASIS,
      gates: [
        {
          name: 'legalityPassed',
          basis: LEGALITY_BASIS,
          check: (f) => (!f.legalityPassed ? '未经合法性审核或审核认为不合法的，不得提交集体审议' : null),
        },
      ],
    },
    reject: {
      label: '集体审议未通过',
      from: ['deliberation'],
      to: 'draft',
      by: ['issuing_body'],
      basis: UNIFIED_BASIS,
    },
    // Hard gates: registration only after a passed legality review and the issuing body's collective deliberation.
    register: {
      label: '统一登记编号',
      from: ['approved'],
      to: 'registered',
      by: ['issuing_body'],
      basis: UNIFIED_BASIS,
      gates: [
        {
          name: 'legalityBeforeRegistration',
          basis: LEGALITY_BASIS,
          check: (f) => (!f.legalityPassed ? '未经合法性审核' : null),
        },
        {
          name: 'deliberationBeforeRegistration',
          basis: UNIFIED_BASIS,
          check: (f) => (!f.deliberationHeld ? '未经集体审议决定' : null),
        },
      ],
    },
    // 沪府令17号 Art 4: publish with its interpretation; unpublished documents bind no one.
    publish: {
      label: '公布施行',
      from: ['registered'],
      to: 'in_force',
      by: ['issuing_body'],
      basis: `${SH_RULES}第四条；《优化营商环境条例》第六十四条`,
      gates: [
        {
          name: 'registeredBeforePublication',
          basis: UNIFIED_BASIS,
          check: (f) => (!f.registrationNo ? '未经统一登记编号' : null),
        },
        {
          name: 'interpretationPublished',
          basis: `${SH_RULES}第四条`,
          check: (f) => (!f.hasInterpretation ? '须同时公布政策解读' : null),
        },
        basesGate('legalBasesBeforePublication'),
        {
          name: 'commentHeldOrWaived',
          basis: COMMENT_BASIS,
          refusal: 'content',
          check: (f) =>
            !f.commentDone && !f.commentWaived
              ? '本文件未公开征求意见：公布前须在“未公开征求意见的理由”中说明（至少 10 个字），理由随文件公布'
              : null,
        },
      ],
    },
    // A published document changes only by a formal correction (versioned, anchored again, its reason public);
    // a change of substance is an amendment, made as a new document through the whole procedure.
    correct: {
      label: '更正公布文本',
      from: ['in_force'],
      to: 'same',
      by: ['issuing_body'],
      basis: `${SH_RULES}；《优化营商环境条例》第六十四条（未经公布的不得作为行政管理依据）`,
    },
    lapse: { label: '失效', from: ['in_force'], to: 'expired', by: ['issuing_body'], basis: SH_RULES },
    repeal: { label: '废止', from: ['in_force'], to: 'repealed', by: ['issuing_body'], basis: SH_RULES },
  },
  // The procedure's own wording of an action out of order (the HTTP tests read it), with the road to publication.
  describeOrder: (status, action) => ({
    message: `当前状态为“${STATUS_LABELS[status]}”，不能执行“${normativeWorkflow.actions[action].label}”${
      action === 'publish' || action === 'register' ? '；公布前须依次完成合法性审核、集体审议和统一登记编号' : ''
    }。`,
  }),
});

/** Actions that are possible now (status and gates), for the abilities map. */
export const availableActions = (f: GateFacts): DocAction[] => normativeWorkflow.availableActions(f.status, f);

/** The stages this document must pass before publication, in order. */
export function requiredStages(f: Pick<GateFacts, 'commentRequired' | 'affectsMarket'>): DocStatus[] {
  return (
    [
      'draft',
      'commenting',
      'fair_review',
      'legality_review',
      'deliberation',
      'approved',
      'registered',
      'in_force',
    ] as DocStatus[]
  ).filter((s) => (s !== 'commenting' || f.commentRequired) && (s !== 'fair_review' || f.affectsMarket));
}

/**
 * The status as of a day, in words — the one place every list and page reads it from. A document in force by its
 * status but not yet in effect (施行 after publication, the adaptation period) says when it takes effect; one past
 * its validity says so at once, before the hourly sweep records the lapse.
 */
export function statusLabelOn(
  d: { status: DocStatus; effective_on: string | null; valid_until: string | null },
  today?: string,
): string {
  if (today && d.status === 'in_force') {
    if (d.effective_on && d.effective_on > today) return `已公布，${d.effective_on}起施行`;
    if (d.valid_until && d.valid_until < today) return '有效期已届满';
  }
  return STATUS_LABELS[d.status];
}
