import type { RequestCtx } from '../../../platform/access/actor.js';
import type { Db, Executor } from '../../../platform/db/engine.js';
import { AppError } from '../../../platform/errors.js';
import type { z } from '../../../platform/http/zod.js';
import { runStep } from '../decisions.frame.js';
import { type DecisionRow, recordStage } from '../decisions.repo.js';
import type { PostEvaluationCompleteBody, PostEvaluationStartBody } from '../decisions.schemas.js';

const norm = (s: string) => s.replace(/[\s（）()·]/g, '').toLowerCase();

/** Who carried out the main pre-decision evaluation work: risk assessors and the experts' institutions. */
export async function preDecisionEvaluators(ex: Executor, d: Pick<DecisionRow, 'id'>) {
  const rows = await ex
    .selectFrom('decision_stage_records')
    .select(['stage', 'outcome'])
    .where('decision_id', '=', d.id)
    .where('stage', 'in', ['risk_assessment', 'expert_review'])
    .execute();
  const names: string[] = [];
  const orgIds: string[] = [];
  for (const r of rows) {
    const o = (typeof r.outcome === 'string' ? JSON.parse(r.outcome) : r.outcome) as Record<string, unknown>;
    if (r.stage === 'risk_assessment') {
      names.push(String(o.assessor));
      if (o.assessorOrgId) orgIds.push(String(o.assessorOrgId));
    } else for (const op of (o.opinions as { affiliation: string }[]) ?? []) names.push(op.affiliation);
  }
  return { names, orgIds };
}

/**
 * Starts a post-decision evaluation (Art 36) on one of the statutory triggers. The evaluator may not be the
 * unit that did the main pre-decision evaluation work.
 */
export async function startPostEvaluation(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: z.infer<typeof PostEvaluationStartBody>,
) {
  return runStep(db, ctx, id, 'startPostEvaluation', async (trx, d) => {
    const pre = await preDecisionEvaluators(trx, d);
    const clash =
      (input.evaluatorOrgId && pre.orgIds.includes(input.evaluatorOrgId)) ||
      pre.names.some((n) => norm(n) === norm(input.evaluator));
    if (clash) {
      throw new AppError(
        'unprocessable',
        `「${input.evaluator}」承担了决策作出前的主要论证评估工作，不得作为决策后评估单位（第三十六条）。请另行确定评估单位。`,
        { field: 'evaluator' },
      );
    }
    await recordStage(
      trx,
      ctx,
      d,
      'post_evaluation_start',
      { ...input },
      `启动决策后评估，评估单位：${input.evaluator}。`,
    );
    return { to: 'post_evaluation' };
  });
}

export async function completePostEvaluation(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: z.infer<typeof PostEvaluationCompleteBody>,
) {
  return runStep(db, ctx, id, 'completePostEvaluation', async (trx, d) => {
    if (!input.publicHeard)
      throw new AppError('unprocessable', '决策后评估应当听取社会公众的意见（第三十六条），请先听取意见再完成评估。', {
        field: 'publicHeard',
      });
    const label = { continue: '继续执行', adjust: '建议调整', stop: '建议停止执行' }[input.conclusion];
    await recordStage(trx, ctx, d, 'post_evaluation', { ...input }, `决策后评估完成，结论：${label}。`);
    return { to: 'executing', summary: label };
  });
}
