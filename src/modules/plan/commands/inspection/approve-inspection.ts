import type { RequestCtx } from '../../../../platform/access/actor.js';
import type { Db } from '../../../../platform/db/engine.js';
import { AppError } from '../../../../platform/errors.js';
import { inspectionStep } from './frames.js';

/**
 * Arts 11, 8, 15: the government's principal head approves the inspection plan (with an instruction, 批示意见)
 * before the inspection starts. The frame checks that the actor is that head (`planPolicy.approveInspection`);
 * the drafter of the plan may not approve it (a recusal, checked here).
 */
export async function approveInspection(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: { opinion: string },
): Promise<void> {
  await inspectionStep(db, ctx, id, 'approve', async (i, { actor, now }) => {
    if (i.created_by && i.created_by === actor.userId)
      throw new AppError(
        'forbidden',
        '督查方案的制定人不能批准本方案，请报本级人民政府行政首长批准（《政府督查工作条例》第十一条）',
      );
    return {
      patch: { approved_by: actor.userId, approved_at: now, approval_opinion: input.opinion },
      data: { opinion: input.opinion },
    };
  });
}
