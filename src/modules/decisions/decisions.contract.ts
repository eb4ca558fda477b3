/**
 * The decisions contract: the procedure's vocabulary shared by the server, the workbench and the portal —
 * statuses and their statutory names, the conditional procedures and what an adjustment re-runs, and the Chinese
 * labels of the fixed vocabularies. Pure data and pure functions with no imports (the web app bundles it), so
 * every screen shows exactly the wording the server validates against
 * (《重大行政决策程序暂行条例》 Arts 3, 10–37).
 */
import { vocabulary } from '../../platform/vocabulary.contract.js';

/** Art 3¶1 kinds of major decisions (Shanghai 35号 Art 5 adds 城市管理 and 规划、计划). */
export const MAJOR_KINDS = {
  public_policy: '公共服务、市场监管、社会管理、环境保护、城市管理等方面的重大公共政策和措施',
  development_plan: '经济和社会发展等方面的重要规划、计划',
  resources: '开发利用、保护重要自然资源和文化资源的重大公共政策和措施',
  construction_project: '在本行政区域实施的重大公共建设项目',
  major_interest: '对经济社会发展有重大影响、涉及重大公共利益或者社会公众切身利益的其他重大事项',
} as const;

/** Art 3¶2 exclusions. */
export const EXCLUSIONS = {
  other_law: '法律、行政法规对本条第一款规定事项的决策程序另有规定',
  macro_control: '财政政策、货币政策等宏观调控决策',
  legislation: '政府立法决策（规章制定）',
  emergency: '突发事件应急处置决策',
} as const;

export const FORM_LABELS = {
  comment_period: '公开征求意见',
  hearing: '听证会',
  symposium: '座谈会',
  written_consultation: '书面征求意见',
  survey: '问卷调查',
  field_visit: '实地走访',
} as const;
export { DISPOSITION_LABELS } from '../../procedures/public-comment/public-comment.contract.js';

const STATUS_VOCAB = vocabulary({
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
});
export const STATUS_LABELS = STATUS_VOCAB.labels;
export const STATUSES = STATUS_VOCAB.values;
export type DecisionStatus = (typeof STATUSES)[number];

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
export const PRE_DECISION = [
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

/** The API's records (DTOs), declared beside the vocabulary. */
export type * from './decisions.dto.contract.js';
