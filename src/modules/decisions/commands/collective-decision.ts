import type { RequestCtx } from '../../../platform/access/actor.js';
import type { Db } from '../../../platform/db/engine.js';
import { AppError } from '../../../platform/errors.js';
import type { z } from '../../../platform/http/zod.js';
import { runStep } from '../decisions.frame.js';
import { recordStage } from '../decisions.repo.js';
import type { CollectiveDecisionBody } from '../decisions.schemas.js';
import { supersedeReviews } from './legality-review.js';
import { nowOf } from '../../../platform/clock.js';

type Meeting = z.infer<typeof CollectiveDecisionBody>;

/**
 * Pure checks of the meeting record (Art 30): members speak fully and the head speaks last; dissent is
 * recorded with its reasons; if the head decides against the majority, the head's reasons are recorded.
 * Returns the problems found (empty when the record is complete).
 */
export function meetingProblems(m: Meeting): string[] {
  const out: string[] = [];
  if (m.members.length < 3) out.push('参会组成人员的发言记录（至少 3 人，含行政首长）');
  const last = m.members.at(-1);
  if (last && last.name !== m.headName) out.push(`行政首长最后发言：发言顺序中最后一位应为${m.headName}`);
  const others = m.members.filter((x) => x.name !== m.headName);
  const silentDissent = others.filter((x) => x.view === 'disagree' && x.remarks.trim().length < 4).map((x) => x.name);
  if (silentDissent.length) out.push(`不同意见的理由（${silentDissent.join('、')}）`);
  const agree = others.filter((x) => x.view === 'agree').length;
  const disagree = others.filter((x) => x.view === 'disagree').length;
  const majority = agree > disagree ? 'approved' : disagree > agree ? 'returned' : null;
  if (majority && majority !== m.outcome && m.headReasons.trim().length < 10)
    out.push('行政首长拟作出的决定与多数人意见不一致时，在会上说明的理由');
  return out;
}

/** Records the collective discussion and decision — a hard gate: no decision without a passed legality review. */
export async function recordCollectiveDecision(db: Db, ctx: RequestCtx, id: string, input: Meeting) {
  return runStep(db, ctx, id, 'recordCollectiveDecision', async (trx, d) => {
    // The hard gates — both legality-review levels passed (Art 25), the public's comments studied (Art 29) — are
    // the workflow's `legalityPassed` and `participationStudied` (409 before this runs).
    const problems = meetingProblems(input);
    if (problems.length)
      throw new AppError('unprocessable', `会议记录不完整（第三十条），缺少：${problems.join('；')}。`, {
        missing: problems,
      });
    const dissent = input.members.filter((x) => x.view === 'disagree').map((x) => x.name);
    await recordStage(
      trx,
      ctx,
      d,
      'collective_discussion',
      { ...input, dissent },
      `${input.heldOn}经${input.meeting}集体讨论，${input.outcome === 'approved' ? '决定通过' : '决定退回修改'}${dissent.length ? `（会议记录载明不同意见${dissent.length}人）` : ''}。`,
    );
    if (input.outcome === 'approved') return { to: 'party_report' };
    // Returned for revision: the revised draft needs both review levels again, unit level first (Art 25).
    await supersedeReviews(trx, d, nowOf(ctx));
    return { to: 'drafting', summary: '集体讨论决定退回修改' };
  });
}
