import type { RequestCtx } from '../../../../platform/access/actor.js';
import type { Db } from '../../../../platform/db/engine.js';
import { AppError, unprocessable } from '../../../../platform/errors.js';
import { targetStep } from './frames.js';
import { actDate, closeOn } from './shared.js';
import { nowOf } from '../../../../platform/clock.js';

/** Art 17: decided within 30 days, by someone other than who drew the conclusion (recusal). */
export async function decideReexamination(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: { orgId: string; outcome: 'upheld' | 'changed'; decision: string; decidedOn: string },
): Promise<void> {
  const on = actDate(input.decidedOn, '复核决定日期', 'decidedOn', nowOf(ctx));
  await targetStep(db, ctx, id, input.orgId, 'decide_reexamination', async (t, { trx, ctx, actor }) => {
    if (t.conclusion_by && t.conclusion_by === actor.userId) {
      throw new AppError('forbidden', '作出督查结论的人员应当回避，不能办理本次复核（《政府督查工作条例》第十七条）');
    }
    if (on < t.reexamination_requested_on!) throw unprocessable('复核决定日期不能早于申请日期', { field: 'decidedOn' });
    await closeOn(trx, ctx, t.id, 'inspection.reexamination_decision', on);
    return {
      patch: {
        reexamination_outcome: input.outcome,
        reexamination_decision: input.decision,
        reexamination_decided_on: on,
      },
      data: { outcome: input.outcome, decidedOn: on },
    };
  });
}
