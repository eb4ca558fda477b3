import { unprocessable } from '../../platform/errors.js';
import { defineWorkflow, type Workflow } from '../../platform/workflow/index.js';
import {
  ADJUSTMENT_RERUN,
  type AdjustableStage,
  PRE_DECISION,
  type DecisionStatus,
  type ProcedureFlags,
  requiredStages,
  STATUSES,
  STATUS_LABELS,
  triggeredStages,
} from './decisions.contract.js';

// The procedure's vocabulary lives in the contract (shared with the web app); the workflow re-exports it.
export * from './decisions.contract.js';

/**
 * The procedure of a major administrative decision, declared once with the workflow kernel
 * (《重大行政决策程序暂行条例》 Arts 10–37). Pure: no database, no clock. The state table in
 * docs/modules/decisions.md is generated from this declaration (`npm run docs`).
 */

/** What the gates look at, read inside the command's transaction (commands/procedure.ts `decisionFacts`). */
export interface DecisionFacts {
  flags: ProcedureFlags;
  /** The opinions still missing before collective discussion (Art 25; two levels), empty when both passed. */
  legalityLacking: string[];
  /** A public-participation record exists in this round (Art 29), or participation is not required. */
  participationDone: boolean;
}

const PARTIES = {
  // The body acts through the district government office / rule-of-law office or its own head and liaison.
  body: '决策机关',
  lead: '决策承办单位',
  unitLegalOffice: '承办单位法制机构（合法性初审）',
  justice: '司法局（合法性审查机构）',
  execution: '决策执行单位',
} as const;
export type DecisionParty = keyof typeof PARTIES;

const ART = (a: string) => `《重大行政决策程序暂行条例》${a}`;

/** The stages a completed stage may lead to: the following required stage, conditional ones skipped. */
const after = (s: DecisionStatus): DecisionStatus[] => {
  const order = ['drafting', 'participation', 'expert_review', 'risk_assessment', 'legality_review'] as const;
  return order.slice(order.indexOf(s as (typeof order)[number]) + 1);
};

/** Every stage before the decision is carried out: a decision may be withdrawn until it is published. */
const PRE_DECIDED: DecisionStatus[] = ['proposed', ...PRE_DECISION.filter((x) => x !== 'executing')];

export const decisionWorkflow: Workflow<DecisionStatus, DecisionAction, DecisionParty, DecisionFacts> = defineWorkflow<
  DecisionStatus,
  DecisionAction,
  DecisionParty,
  DecisionFacts
>({
  name: 'decisions.decision',
  entity: '决策事项',
  statuses: STATUSES,
  statusLabels: STATUS_LABELS,
  initial: 'proposed',
  parties: PARTIES,
  actions: {
    initiate: {
      label: '启动决策程序并确定承办单位',
      from: ['proposed'],
      to: 'drafting',
      by: ['body'],
      basis: ART('第十条、第十一条'),
    },
    completeDrafting: {
      label: '完成决策草案拟定',
      from: ['drafting'],
      to: after('drafting'),
      by: ['lead'],
      basis: ART('第十二条、第十三条'),
    },
    completeParticipation: {
      label: '完成公众参与',
      from: ['participation'],
      to: after('participation'),
      by: ['lead'],
      basis: ART('第十四条至第十八条'),
    },
    completeExpertReview: {
      label: '完成专家论证',
      from: ['expert_review'],
      to: after('expert_review'),
      by: ['lead'],
      basis: ART('第十九条至第二十一条'),
    },
    completeRiskAssessment: {
      label: '完成风险评估',
      from: ['risk_assessment'],
      to: 'legality_review',
      by: ['lead'],
      basis: ART('第二十二条至第二十四条'),
    },
    submitLegalityReview: {
      label: '送请合法性审查',
      from: ['legality_review'],
      to: 'same',
      by: ['lead'],
      basis: ART('第二十五条、第二十六条'),
    },
    // Two levels (沪府办发〔2020〕5号): the unit's opinion keeps the stage; the bureau's passes it on; "unlawful"
    // at either level returns the draft (Art 28).
    recordLegalityOpinion: {
      label: '出具合法性审查意见',
      from: ['legality_review'],
      to: ['legality_review', 'collective_discussion', 'drafting'],
      by: ['unitLegalOffice', 'justice'],
      basis: ART('第二十七条、第二十八条'),
    },
    recordCollectiveDecision: {
      label: '记录集体讨论决定',
      from: ['collective_discussion'],
      to: ['party_report', 'drafting'],
      by: ['body'],
      basis: ART('第三十条'),
      gates: [
        {
          name: 'legalityPassed',
          basis: ART('第二十五条'),
          check: (f) =>
            f.legalityLacking.length
              ? `未经合法性审查或经审查不合法的，不得提交集体讨论。缺少：${f.legalityLacking.join('、')}`
              : null,
        },
        {
          name: 'participationStudied',
          basis: ART('第二十九条'),
          check: (f) => (f.participationDone ? null : '提交集体讨论的材料缺少公众意见研究采纳情况，请先完成公众参与'),
        },
      ],
    },
    reportToParty: {
      label: '记录向党委请示报告',
      from: ['party_report'],
      to: 'publication',
      by: ['body'],
      basis: ART('第三十一条'),
    },
    publish: { label: '公布决策', from: ['publication'], to: 'executing', by: ['body'], basis: ART('第三十二条') },
    reportProgress: {
      label: '报告执行情况',
      from: ['executing'],
      to: 'same',
      by: ['body', 'execution'],
      basis: ART('第三十四条'),
    },
    startPostEvaluation: {
      label: '启动决策后评估',
      from: ['executing'],
      to: 'post_evaluation',
      by: ['body'],
      basis: ART('第三十六条'),
    },
    completePostEvaluation: {
      label: '完成决策后评估',
      from: ['post_evaluation'],
      to: 'executing',
      by: ['body'],
      basis: ART('第三十六条'),
    },
    completeExecution: {
      label: '确认执行完毕',
      from: ['executing'],
      to: 'completed',
      by: ['body'],
      basis: ART('第三十四条'),
    },
    archive: { label: '归档', from: ['completed'], to: 'archived', by: ['body'], basis: ART('第三十三条') },
    suspend: { label: '暂停执行', from: ['executing'], to: 'suspended', by: ['body'], basis: ART('第三十七条') },
    resume: { label: '恢复执行', from: ['suspended'], to: 'executing', by: ['body'], basis: ART('第三十七条') },
    adjust: {
      label: '调整决策（重新履行相关法定程序）',
      from: ['executing', 'suspended'],
      to: 'drafting',
      by: ['body'],
      basis: ART('第三十七条'),
    },
    withdraw: { label: '撤回决策事项', from: PRE_DECIDED, to: 'withdrawn', by: ['body'], basis: ART('第十条') },
  },
  // "当前处于「公众参与」阶段，不能记录集体讨论决定。尚需依次完成：公众参与、合法性审查。"
  describeOrder: (s, action, facts) => {
    const a: { label: string; from: readonly DecisionStatus[] } = decisionWorkflow.actions[action];
    const missing = a.from.length === 1 && facts ? missingStages(s, a.from[0], facts.flags) : [];
    const tail = missing.length
      ? `尚需依次完成：${missing.map((m) => STATUS_LABELS[m]).join('、')}。`
      : `该操作只能在「${a.from.map((x) => STATUS_LABELS[x]).join('」「')}」阶段进行。`;
    return { message: `当前处于「${STATUS_LABELS[s]}」阶段，不能${a.label}。${tail}`, details: { missing } };
  },
});

export const ACTIONS = [
  'initiate',
  'completeDrafting',
  'completeParticipation',
  'completeExpertReview',
  'completeRiskAssessment',
  'submitLegalityReview',
  'recordLegalityOpinion',
  'recordCollectiveDecision',
  'reportToParty',
  'publish',
  'reportProgress',
  'startPostEvaluation',
  'completePostEvaluation',
  'completeExecution',
  'archive',
  'suspend',
  'resume',
  'adjust',
  'withdraw',
] as const;
export type DecisionAction = (typeof ACTIONS)[number];

export const ACTION_LABELS = Object.fromEntries(ACTIONS.map((a) => [a, decisionWorkflow.actions[a].label])) as Record<
  DecisionAction,
  string
>;

export interface AdjustmentPlan {
  /** Conditional procedures this round re-runs. */
  rerun: AdjustableStage[];
  /** Conditional procedures whose previous-round record is carried forward, with the reason. */
  carried: { stage: AdjustableStage; reason: string }[];
}

/**
 * Pure: which procedures an adjustment re-runs. `rerun` absent: every triggered procedure (the safe default).
 * A triggered procedure left out needs a reason (422 naming `carryReasons.<stage>`); a procedure whose trigger
 * does not apply to this decision cannot be chosen (422 naming `rerun`).
 */
export function planAdjustment(
  f: ProcedureFlags,
  rerun: readonly AdjustableStage[] | undefined,
  carryReasons: Partial<Record<AdjustableStage, string>> = {},
): AdjustmentPlan {
  const triggered = triggeredStages(f);
  if (!rerun) return { rerun: triggered, carried: [] };
  const foreign = rerun.filter((s) => !triggered.includes(s));
  if (foreign.length)
    throw unprocessable(
      `本事项不需要履行${foreign.map((s) => STATUS_LABELS[s]).join('、')}程序（未触发第十四条、第十九条、第二十二条规定的情形），不能选择重新履行。`,
      { field: 'rerun', stages: foreign },
    );
  const carried: AdjustmentPlan['carried'] = [];
  for (const s of triggered) {
    if (rerun.includes(s)) continue;
    const reason = carryReasons[s]?.trim() ?? '';
    if (reason.length < 4)
      throw unprocessable(
        `调整不重新履行「${STATUS_LABELS[s]}」的，请说明理由（第三十七条“履行相关法定程序”；需重新履行的情形：${ADJUSTMENT_RERUN[s].touchedWhen}）。`,
        { field: `carryReasons.${s}`, stage: s },
      );
    carried.push({ stage: s, reason });
  }
  return { rerun: triggered.filter((s) => rerun.includes(s)), carried };
}

/** The stage after `s` for this decision (conditional stages skipped). */
export function nextStage(s: DecisionStatus, f: ProcedureFlags): DecisionStatus {
  const req = requiredStages(f);
  const i = req.indexOf(s);
  if (i < 0 || i === req.length - 1) throw new Error(`no next stage after ${s}`);
  return req[i + 1];
}

/** Stages still to be completed before `target` can be reached from `current` (for the refusal message). */
export function missingStages(current: DecisionStatus, target: DecisionStatus, f: ProcedureFlags): DecisionStatus[] {
  const req = requiredStages(f);
  const i = current === 'proposed' ? -1 : req.indexOf(current);
  const j = req.indexOf(target);
  if (j < 0 || i < -1 || (i < 0 && current !== 'proposed')) return [];
  if (current === 'proposed') return ['proposed' as DecisionStatus, ...req.slice(0, j)];
  return i < j ? req.slice(i, j) : [];
}

/** Can `action` run in status `s`? (The table alone; gates and parties are the command frame's.) */
export const canTransition = (s: DecisionStatus, action: DecisionAction) => decisionWorkflow.allows(s, action);

/** Statuses in which the decision counts as "decided" (for indicators and the portal). */
export const DECIDED: DecisionStatus[] = ['executing', 'suspended', 'post_evaluation', 'completed', 'archived'];
