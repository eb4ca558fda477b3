import type { RequestCtx } from '../../../../platform/access/actor.js';
import { today } from '../../../../platform/calendar/index.js';
import { nowOf } from '../../../../platform/clock.js';
import type { Db } from '../../../../platform/db/engine.js';
import { actDate } from './shared.js';
import { orderRunner } from './order-frame.js';

/**
 * The unit answers a follow-up order (《政府督查工作条例》第十四条 日常督办) on the date it actually answered —
 * once, or again after the inspection office sent the reply back for re-handling.
 */
export async function answerOrder(
  db: Db,
  ctx: RequestCtx,
  orderId: string,
  input: { answer: string; on: string },
): Promise<void> {
  const on = actDate(input.on, '答复日期', 'on', nowOf(ctx));
  await orderRunner()(db, ctx, orderId, 'answer', async (o) => ({
    patch: { answer: input.answer, answered_on: on, rounds: o.status === 'rehandling' ? o.rounds + 1 : o.rounds },
  }));
}

/**
 * The inspection office's feedback on a reply (第十八条: the office may verify what the unit did): accept it and
 * close the order, or send it back for re-handling with its reasons (422 without them).
 */
export async function orderFeedback(
  db: Db,
  ctx: RequestCtx,
  orderId: string,
  input: { accept: boolean; feedback?: string },
): Promise<void> {
  const feedback = input.feedback?.trim() || null;
  await orderRunner(feedback ?? undefined)(
    db,
    ctx,
    orderId,
    input.accept ? 'accept' : 'require_rehandling',
    async () => ({
      // The reasons of a send-back stay on the order; an acceptance without remarks keeps them.
      patch: feedback ? { feedback, feedback_on: today(nowOf(ctx)) } : {},
    }),
  );
}
