import type { RequestCtx } from '../../../../platform/access/actor.js';
import { computeDue, registerDeadline } from '../../../../platform/calendar/index.js';
import type { Db } from '../../../../platform/db/engine.js';
import { unprocessable } from '../../../../platform/errors.js';
import { targetStep } from './frames.js';
import { actDate, closeOn } from './shared.js';
import { nowOf } from '../../../../platform/clock.js';

/** Art 17: re-examination may be requested within 30 days of receiving the conclusion. */
export async function requestReexamination(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: { orgId: string; reason: string; requestedOn: string },
): Promise<{ decisionDue: string }> {
  const on = actDate(input.requestedOn, '申请日期', 'requestedOn', nowOf(ctx));
  let decisionDue = '';
  await targetStep(db, ctx, id, input.orgId, 'request_reexamination', async (t, { trx, ctx }) => {
    const served = t.conclusion_served_on!;
    const due = computeDue('inspection.reexamination_request', served);
    if (on < served) throw unprocessable('申请日期不能早于督查结论送达日期', { field: 'requestedOn' });
    if (on > due.due) {
      throw unprocessable(
        `申请复核期限已于 ${due.due} 届满（收到督查结论之日起30日内，《政府督查工作条例》第十七条），不能再申请复核`,
        { field: 'requestedOn', due: due.due },
      );
    }
    await closeOn(trx, ctx, t.id, 'inspection.reexamination_request', on);
    const d = await registerDeadline(trx, ctx, {
      entityKind: 'inspection_target',
      entityId: t.id,
      ruleId: 'inspection.reexamination_decision',
      triggerDate: on,
      orgId: input.orgId,
    });
    decisionDue = d.due_date!;
    return { patch: { reexamination_reason: input.reason, reexamination_requested_on: on }, data: { requestedOn: on } };
  });
  return { decisionDue };
}
