import { conflict, unprocessable } from '../../platform/errors.js';

/**
 * The procedure of a major administrative decision as an explicit transition table
 * (《重大行政决策程序暂行条例》 Arts 10–37). Pure: no database, no clock.
 */
export const STATUSES = [
  'proposed',
  'drafting',
  'participation',
  'expert_review',
  'risk_assessment',
  'legality_review',
  'collective_discussion',
  'party_report',
  'publication',
  'executing',
  'suspended',
  'post_evaluation',
  'completed',
  'archived',
  'withdrawn',
] as const;
export type DecisionStatus = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<DecisionStatus, string> = {
  proposed: '决策启动前（提出建议）',
  drafting: '拟定决策草案',
  participation: '公众参与',
  expert_review: '专家论证',
  risk_assessment: '风险评估',
  legality_review: '合法性审查',
  collective_discussion: '集体讨论决定',
  party_report: '向同级党委请示报告',
  publication: '决策公布',
  executing: '决策执行',
  suspended: '暂停执行',
  post_evaluation: '决策后评估',
  completed: '执行完毕',
  archived: '已归档',
  withdrawn: '已撤回',
};

/** What makes a procedure conditional for one decision. */
export interface ProcedureFlags {
  /** Highly professional or technical (Art 19): expert review required. */
  isTechnical: boolean;
  /** May affect social stability or public safety (Art 22): risk assessment required. */
  affectsStability: boolean;
  /** Lawfully non-disclosable (Art 14): public participation not required. */
  confidential: boolean;
  /**
   * In an adjustment round (Art 37), the conditional procedures the adjustment re-runs; the others keep the
   * previous round's record. null or absent: every procedure the triggers require (the original round).
   */
  rerun?: readonly AdjustableStage[] | null;
}

/** The pre-decision stages in statutory order; conditional ones are skipped when their trigger is absent. */
const PRE_DECISION = [
  'drafting',
  'participation',
  'expert_review',
  'risk_assessment',
  'legality_review',
  'collective_discussion',
  'party_report',
  'publication',
  'executing',
] as const satisfies readonly DecisionStatus[];

/** The conditional procedures whose trigger applies to this decision (whatever the round). */
export function triggeredStages(f: ProcedureFlags): AdjustableStage[] {
  return ADJUSTABLE_STAGES.filter(
    (s) =>
      (s !== 'participation' || !f.confidential) &&
      (s !== 'expert_review' || f.isTechnical) &&
      (s !== 'risk_assessment' || f.affectsStability),
  );
}

export function requiredStages(f: ProcedureFlags): DecisionStatus[] {
  const triggered = triggeredStages(f);
  return PRE_DECISION.filter((s): s is PreDecisionStage => {
    if (ADJUSTMENT_RERUN[s].rule === 'always') return true;
    const c = s as AdjustableStage;
    return triggered.includes(c) && (f.rerun == null || f.rerun.includes(c));
  });
}

type PreDecisionStage = (typeof PRE_DECISION)[number];

/** The conditional procedures an adjustment may or may not touch. */
export const ADJUSTABLE_STAGES = ['participation', 'expert_review', 'risk_assessment'] as const;
export type AdjustableStage = (typeof ADJUSTABLE_STAGES)[number];

/**
 * What an adjustment round re-runs (Art 37: "需要作出重大调整的，应当依照本条例履行相关法定程序" — the
 * *relevant* procedures). 'always': every adjustment runs it again on the adjusted draft — the draft itself, the
 * two hard gates (Art 25: no discussion without a legality review of the draft; Art 30: the body decides in a
 * meeting), the Party report (Art 31) and publication (Art 32). 'if_touched': the decision body states whether
 * the adjustment touches it; if not, the previous round's record is carried forward with the reason given
 * (for risk assessment Art 22¶2 says so in terms: a risk already assessed is not assessed again).
 */
export const ADJUSTMENT_RERUN: Record<
  PreDecisionStage,
  { rule: 'always' | 'if_touched'; basis: string; touchedWhen?: string }
> = {
  drafting: { rule: 'always', basis: '第十二条、第三十七条' },
  participation: {
    rule: 'if_touched',
    basis: '第十四条、第三十七条',
    touchedWhen: '调整涉及社会公众切身利益，或改变了公众已经发表意见的内容',
  },
  expert_review: {
    rule: 'if_touched',
    basis: '第十九条、第三十七条',
    touchedWhen: '调整涉及专业性、技术性较强的内容',
  },
  risk_assessment: {
    rule: 'if_touched',
    basis: '第二十二条、第三十七条',
    touchedWhen: '调整可能对社会稳定、公共安全等带来原评估未涵盖的风险',
  },
  legality_review: { rule: 'always', basis: '第二十五条' },
  collective_discussion: { rule: 'always', basis: '第三十条' },
  party_report: { rule: 'always', basis: '第三十一条' },
  publication: { rule: 'always', basis: '第三十二条' },
  executing: { rule: 'always', basis: '第三十四条' },
};

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

export const ACTION_LABELS: Record<DecisionAction, string> = {
  initiate: '启动决策程序并确定承办单位',
  completeDrafting: '完成决策草案拟定',
  completeParticipation: '完成公众参与',
  completeExpertReview: '完成专家论证',
  completeRiskAssessment: '完成风险评估',
  submitLegalityReview: '送请合法性审查',
  recordLegalityOpinion: '出具合法性审查意见',
  recordCollectiveDecision: '记录集体讨论决定',
  reportToParty: '记录向党委请示报告',
  publish: '公布决策',
  reportProgress: '报告执行情况',
  startPostEvaluation: '启动决策后评估',
  completePostEvaluation: '完成决策后评估',
  completeExecution: '确认执行完毕',
  archive: '归档',
  suspend: '暂停执行',
  resume: '恢复执行',
  adjust: '调整决策（重新履行相关法定程序）',
  withdraw: '撤回决策事项',
};

/**
 * The transition table: action → the statuses it may start from and where it leads. `to: 'next'` means the
 * following required stage; 'same' keeps the status; functions choose by the command's outcome.
 */
export const TRANSITIONS: Record<
  DecisionAction,
  { from: DecisionStatus[]; to: DecisionStatus | 'next' | 'same' | 'outcome' }
> = {
  initiate: { from: ['proposed'], to: 'drafting' }, // Arts 10–11
  completeDrafting: { from: ['drafting'], to: 'next' }, // Arts 12–13
  completeParticipation: { from: ['participation'], to: 'next' }, // Arts 14–18
  completeExpertReview: { from: ['expert_review'], to: 'next' }, // Arts 19–21
  completeRiskAssessment: { from: ['risk_assessment'], to: 'next' }, // Arts 22–24
  submitLegalityReview: { from: ['legality_review'], to: 'same' }, // Arts 25–26
  recordLegalityOpinion: { from: ['legality_review'], to: 'outcome' }, // Arts 27–28: collective_discussion, or drafting if unlawful
  recordCollectiveDecision: { from: ['collective_discussion'], to: 'outcome' }, // Art 30: party_report, or drafting if returned
  reportToParty: { from: ['party_report'], to: 'publication' }, // Art 31
  publish: { from: ['publication'], to: 'executing' }, // Art 32
  reportProgress: { from: ['executing'], to: 'same' }, // Art 34
  startPostEvaluation: { from: ['executing'], to: 'post_evaluation' }, // Art 36
  completePostEvaluation: { from: ['post_evaluation'], to: 'executing' }, // Art 36
  completeExecution: { from: ['executing'], to: 'completed' }, // Art 34
  archive: { from: ['completed'], to: 'archived' }, // Art 33
  suspend: { from: ['executing'], to: 'suspended' }, // Art 37 (the head may first suspend)
  resume: { from: ['suspended'], to: 'executing' }, // Art 37
  adjust: { from: ['executing', 'suspended'], to: 'drafting' }, // Art 37: re-runs the relevant procedures (ADJUSTMENT_RERUN)
  withdraw: {
    from: [
      'proposed',
      'drafting',
      'participation',
      'expert_review',
      'risk_assessment',
      'legality_review',
      'collective_discussion',
      'party_report',
      'publication',
    ],
    to: 'withdrawn',
  },
};

/** Stages still to be completed before `target` can be reached from `current` (for the refusal message). */
export function missingStages(current: DecisionStatus, target: DecisionStatus, f: ProcedureFlags): DecisionStatus[] {
  const req = requiredStages(f);
  const i = current === 'proposed' ? -1 : req.indexOf(current);
  const j = req.indexOf(target);
  if (j < 0 || i < -1 || (i < 0 && current !== 'proposed')) return [];
  if (current === 'proposed') return ['proposed' as DecisionStatus, ...req.slice(0, j)];
  return i < j ? req.slice(i, j) : [];
}

/** Can `action` run in status `s`? */
export const canTransition = (s: DecisionStatus, action: DecisionAction) => TRANSITIONS[action].from.includes(s);

/**
 * Refuses an action out of order with a Chinese message that names what is missing:
 * "当前处于「公众参与」阶段，不能记录集体讨论决定。尚需完成：公众参与、合法性审查。"
 */
export function assertTransition(s: DecisionStatus, action: DecisionAction, f: ProcedureFlags): void {
  if (canTransition(s, action)) return;
  const from = TRANSITIONS[action].from;
  const missing = from.length === 1 ? missingStages(s, from[0], f) : [];
  const tail = missing.length
    ? `尚需依次完成：${missing.map((m) => STATUS_LABELS[m]).join('、')}。`
    : `该操作只能在「${from.map((x) => STATUS_LABELS[x]).join('」「')}」阶段进行。`;
  throw conflict(`当前处于「${STATUS_LABELS[s]}」阶段，不能${ACTION_LABELS[action]}。${tail}`, {
    status: s,
    action,
    missing,
    allowedFrom: from,
  });
}

/** Statuses in which the decision counts as "decided" (for indicators and the portal). */
export const DECIDED: DecisionStatus[] = ['executing', 'suspended', 'post_evaluation', 'completed', 'archived'];
