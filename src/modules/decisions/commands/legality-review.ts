import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import { closeDeadlinesFor, registerDeadline, today } from '../../../platform/calendar/index.js';
import type { Db, Trx } from '../../../platform/db/engine.js';
import { AppError, conflict } from '../../../platform/errors.js';
import type { z } from '../../../platform/http/zod.js';
import { rulePeriodZh } from '../decisions.config.js';
import { runStep } from '../decisions.frame.js';
import { type DecisionRow, recordStage } from '../decisions.repo.js';
import { pendingReview, reviewsOf } from '../decisions.facts.js';
import type { LegalityOpinionBody, SubmitLegalityBody } from '../decisions.schemas.js';
import { nowOf } from '../../../platform/clock.js';
import {
  assertIndependent,
  assertLevelOrder,
  assertMinimumAllowed,
  assertOpinionDate,
  CONCLUSION_LABELS,
  type Conclusion,
  type ReviewRow,
  sendsBack,
} from '../../../procedures/legality-review/index.js';

const LEVEL_ZH = { unit: '承办单位法制机构初审', justice: '司法局（合法性审查机构）审查' } as const;
const CONCLUSION_ZH = CONCLUSION_LABELS;
const LEVELS = [
  { level: 'unit', opinion: '承办单位法制机构的合法性初审意见' },
  { level: 'justice', opinion: '司法局的合法性审查意见' },
] as const;
const asReview = (r: {
  level: 'unit' | 'justice';
  conclusion: Conclusion | null;
  reviewer_id: string | null;
  reviewer_org_id: string | null;
  reviewer_name: string | null;
}): ReviewRow<'unit' | 'justice'> => ({
  level: r.level,
  conclusion: r.conclusion,
  reviewerId: r.reviewer_id,
  reviewerOrgId: r.reviewer_org_id,
  reviewerName: r.reviewer_name,
});

/** The draft goes back for revision: the opinions given so far no longer cover the text that will be discussed. */
export async function supersedeReviews(trx: Trx, d: Pick<DecisionRow, 'id' | 'adjustment_count'>, now: Date) {
  await trx
    .updateTable('decision_legality_reviews')
    .set({ superseded_at: now })
    .where('decision_id', '=', d.id)
    .where('round', '=', d.adjustment_count)
    .where('superseded_at', 'is', null)
    .execute();
}

/**
 * Sends the draft for legality review (Arts 25–27). The reviewer must be allowed the minimum of the rule
 * decision.legality_review (Art 26: 7 working days; [B] configurable for the Shanghai layer); the opinion
 * deadline is registered with the deadline engine.
 */
export async function submitLegalityReview(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: z.infer<typeof SubmitLegalityBody>,
) {
  return runStep(db, ctx, id, 'submitLegalityReview', async (trx, d) => {
    if (await pendingReview(trx, d)) throw conflict('上一次送审尚未出具审查意见，请等待审查意见后再送审。');
    if (input.submittedOn > today(nowOf(ctx)))
      throw new AppError('unprocessable', '送审日期不能晚于今天。', { field: 'submittedOn' });
    if (!d.draft)
      throw new AppError('unprocessable', '送审材料缺少决策草案，请先完成草案拟定（第二十六条）。', { field: 'draft' });
    // Two levels in order (沪府办发〔2020〕5号): the bureau is asked only once the unit's legal office has passed
    // the current draft — asking it earlier is out of order (409).
    assertLevelOrder(
      (await reviewsOf(trx, d)).map(asReview),
      input.level,
      LEVELS,
      () => '送司法局审查前，须先取得承办单位法制机构对当前草案的书面初审意见（两级审查；草案经修改的，须重新初审）。',
    );
    assertMinimumAllowed(
      'decision.legality_review',
      input.submittedOn,
      input.replyBy,
      (end) =>
        `合法性审查时间一般不少于${rulePeriodZh('decision.legality_review')}（第二十六条）：要求反馈日期最早应为 ${end}，请推迟要求反馈日期。`,
    );
    await trx
      .insertInto('decision_legality_reviews')
      .values({
        decision_id: d.id,
        round: d.adjustment_count,
        level: input.level,
        submitted_on: input.submittedOn,
        reply_by: input.replyBy,
        materials: JSON.stringify(['决策草案及说明', '法律依据', '履行程序情况说明', ...input.materials]),
        conclusion: null,
        opinion: null,
        reviewer_id: null,
        reviewer_name: null,
        reviewer_org_id: null,
        reviewed_on: null,
        superseded_at: null,
      })
      .execute();
    await registerDeadline(trx, ctx, {
      entityKind: 'decision',
      entityId: d.id,
      ruleId: 'decision.legality_review_opinion',
      triggerDate: input.submittedOn,
      orgId: d.lead_org_id,
      label: `「${d.title}」${LEVEL_ZH[input.level]}`,
    });
    await recordAudit(trx, ctx, {
      action: 'decision.legality_submitted',
      entityKind: 'decision',
      entityId: d.id,
      orgId: d.lead_org_id,
      data: { level: input.level, submittedOn: input.submittedOn, replyBy: input.replyBy },
    });
    return { summary: LEVEL_ZH[input.level] };
  });
}

/**
 * 沪府办发〔2020〕5号 makes legality review two levels, and "consultation or co-signing cannot replace either
 * level": the justice bureau's opinion may not come from the person, or the organisation, that gave this
 * pass's unit-level opinion (policy already keeps district-wide reviewers off the unit level).
 */
async function assertSecondLevelIndependent(
  trx: Trx,
  ctx: RequestCtx,
  d: Pick<DecisionRow, 'id' | 'adjustment_count'>,
) {
  const unit = (await reviewsOf(trx, d)).filter((r) => r.level === 'unit' && r.conclusion !== null).at(-1);
  assertIndependent(
    unit && asReview(unit),
    ctx.actor,
    (samePerson, earlier) =>
      `本轮承办单位法制机构初审意见由${samePerson ? '您本人' : `您所在单位（${earlier.reviewerName ?? '初审人员'}）`}出具，两级审查不能由同一人或同一单位出具；请由司法局（合法性审查机构）的其他审查人员出具审查意见。`,
  );
}

/**
 * Records the review opinion (Art 28). An "unlawful" finding sends the draft back to drafting; the justice
 * bureau's opinion other than "unlawful" opens collective discussion.
 */
export async function recordLegalityOpinion(
  db: Db,
  ctx: RequestCtx,
  id: string,
  level: 'unit' | 'justice',
  input: z.infer<typeof LegalityOpinionBody>,
) {
  return runStep(
    db,
    ctx,
    id,
    'recordLegalityOpinion',
    async (trx, d) => {
      const p = await pendingReview(trx, d);
      if (!p) throw conflict('没有待审查的送审记录，请先送请合法性审查。');
      if (p.level !== level) throw conflict(`当前待审的是“${LEVEL_ZH[p.level]}”，不是“${LEVEL_ZH[level]}”。`);
      if (level === 'justice') await assertSecondLevelIndependent(trx, ctx, d);
      assertOpinionDate(p.submitted_on, input.reviewedOn, nowOf(ctx));
      await trx
        .updateTable('decision_legality_reviews')
        .set({
          conclusion: input.conclusion,
          opinion: input.opinion,
          reviewer_id: ctx.actor?.userId ?? null,
          reviewer_name: ctx.actor?.displayName ?? null,
          reviewer_org_id: ctx.actor?.orgId ?? null,
          reviewed_on: input.reviewedOn,
        })
        .where('id', '=', p.id)
        .execute();
      await closeDeadlinesFor(trx, ctx, 'decision', d.id, 'decision.legality_review_opinion');
      const unlawful = sendsBack(input.conclusion);
      if (level === 'justice' || unlawful) {
        await recordStage(
          trx,
          ctx,
          d,
          'legality_review',
          { level, conclusion: input.conclusion, opinion: input.opinion, reviewedOn: input.reviewedOn },
          `${LEVEL_ZH[level]}结论：${CONCLUSION_ZH[input.conclusion]}。`,
        );
      }
      if (unlawful) {
        // The draft is revised; the next pass starts again at the unit level (沪府办发〔2020〕5号).
        await supersedeReviews(trx, d, nowOf(ctx));
        return { to: 'drafting', summary: '审查结论为不合法，退回修改草案' };
      }
      return {
        to: level === 'justice' ? 'collective_discussion' : 'legality_review',
        summary: `${LEVEL_ZH[level]}：${CONCLUSION_ZH[input.conclusion]}`,
      };
    },
    { level },
  );
}
