import type { RequestCtx } from '../../../platform/access/actor.js';
import type { Db } from '../../../platform/db/engine.js';
import { AppError } from '../../../platform/errors.js';
import type { z } from '../../../platform/http/zod.js';
import { runStep } from '../decisions.frame.js';
import { orgById, recordStage } from '../decisions.repo.js';
import type {
  DraftingBody,
  ExpertReviewBody,
  InitiateBody,
  PartyReportBody,
  RiskAssessmentBody,
} from '../decisions.schemas.js';
import type { DecisionDraft } from '../decisions.tables.js';
import { nextStage } from '../decisions.workflow.js';
import { flagsOf } from '../decisions.repo.js';

const missing = (message: string, field: string) => new AppError('unprocessable', message, { field });

/** Starts the procedure and confirms the responsible (lead) unit (Arts 10–11); needs a "major" assessment. */
export async function initiate(db: Db, ctx: RequestCtx, id: string, input: z.infer<typeof InitiateBody>) {
  return runStep(db, ctx, id, 'initiate', async (trx, d) => {
    if (!d.assessment)
      throw missing('尚未进行重大性认定：请先对照条例第三条完成认定并写明理由，再启动决策程序。', 'assessment');
    const a = typeof d.assessment === 'string' ? JSON.parse(d.assessment) : d.assessment;
    if (!a.isMajor)
      throw missing(
        '重大性认定结论为“不属于重大行政决策”，不能按重大行政决策程序启动；如认定有误，请重新认定。',
        'assessment',
      );
    const lead = input.leadOrgId ? await orgById(trx, input.leadOrgId, 'leadOrgId') : null;
    const exec = input.executionOrgId ? await orgById(trx, input.executionOrgId, 'executionOrgId') : null;
    await recordStage(
      trx,
      ctx,
      d,
      'proposed',
      { leadOrgId: lead?.id ?? d.lead_org_id, note: input.note ?? null },
      `决策机关决定启动决策程序，承办单位：${lead?.name ?? d.leadName}。`,
    );
    return {
      to: 'drafting',
      patch: { ...(lead ? { lead_org_id: lead.id } : {}), ...(exec ? { execution_org_id: exec.id } : {}) },
    };
  });
}

/** Finishes the draft (Arts 12–13): legal bases listed; two or more options when there is major disagreement. */
export async function completeDrafting(db: Db, ctx: RequestCtx, id: string, input: z.infer<typeof DraftingBody>) {
  return runStep(db, ctx, id, 'completeDrafting', async (trx, d) => {
    if (input.legalBases.length === 0)
      throw missing('请列明决策草案依据的法律、法规、规章和政策（第十二条）。', 'legalBases');
    if (input.disputed && input.alternatives.length < 2)
      throw missing(
        '对决策事项存在较大分歧的，应当提出两个以上方案（第十二条）：请填写至少两个备选方案。',
        'alternatives',
      );
    const draft: DecisionDraft = { ...input };
    const to = nextStage('drafting', flagsOf(d));
    await recordStage(
      trx,
      ctx,
      d,
      'drafting',
      {
        legalBases: input.legalBases,
        disputed: input.disputed,
        alternatives: input.alternatives,
        consultedUnits: input.consultedUnits,
      },
      `决策草案已拟定，依据：${input.legalBases.join('；')}。${input.disputed ? `存在较大分歧，提出${input.alternatives.length}个备选方案。` : ''}`,
    );
    return { to, patch: { draft: JSON.stringify(draft) } };
  });
}

/** Expert review (Arts 19–21): written opinions, each signed or sealed; how they were handled. */
export async function completeExpertReview(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: z.infer<typeof ExpertReviewBody>,
) {
  return runStep(db, ctx, id, 'completeExpertReview', async (trx, d) => {
    if (input.opinions.length === 0) throw missing('请至少登记一位专家的书面论证意见（第十九条）。', 'opinions');
    const unsigned = input.opinions.filter((o) => !o.signed).map((o) => o.expert);
    if (unsigned.length)
      throw missing(`专家论证意见应当签字或盖章（第二十条）：${unsigned.join('、')}的意见尚未签字盖章。`, 'opinions');
    await recordStage(
      trx,
      ctx,
      d,
      'expert_review',
      { ...input },
      `已组织${input.opinions.length}位专家论证（其中持不同意见${input.opinions.filter((o) => o.dissent).length}位）。专家意见采纳情况：${input.handling}`,
    );
    return { to: nextStage('expert_review', flagsOf(d)) };
  });
}

/** Risk assessment (Arts 22–24): risk points, measures, contingency plan; an uncontrollable risk blocks. */
export async function completeRiskAssessment(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: z.infer<typeof RiskAssessmentBody>,
) {
  return runStep(db, ctx, id, 'completeRiskAssessment', async (trx, d) => {
    const lacks = [
      input.riskPoints.length === 0 && '风险点',
      input.measures.length === 0 && '防范化解措施',
      input.contingencyPlan.length < 10 && '处置预案',
    ].filter(Boolean);
    if (lacks.length) throw missing(`风险评估报告不完整，缺少：${lacks.join('、')}（第二十三条）。`, 'riskPoints');
    if (!input.controllable)
      throw missing(
        '风险评估认为风险不可控，应当采取调整决策草案等措施，确保风险可控后再提交讨论（第二十四条）。',
        'controllable',
      );
    await recordStage(
      trx,
      ctx,
      d,
      'risk_assessment',
      { ...input },
      `风险评估已完成（评估单位：${input.assessor}${input.thirdParty ? '，第三方' : ''}），风险等级：${{ low: '低', medium: '中', high: '高' }[input.level]}，风险可控。`,
    );
    return { to: nextStage('risk_assessment', flagsOf(d)) };
  });
}

/** Reports to the same-level Party committee before issuing (Art 31); NPC matters noted (Art 8). */
export async function reportToParty(db: Db, ctx: RequestCtx, id: string, input: z.infer<typeof PartyReportBody>) {
  return runStep(db, ctx, id, 'reportToParty', async (trx, d) => {
    if (input.npcRequired && input.npcNote.length < 4)
      throw missing('事项须提请人大或其常委会审议、报告的，请说明办理情况（第八条）。', 'npcNote');
    await recordStage(trx, ctx, d, 'party_report', { ...input }, `已于${input.reportedOn}向同级党委请示报告。`);
    return { to: 'publication' };
  });
}
