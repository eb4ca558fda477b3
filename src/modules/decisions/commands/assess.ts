import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import type { Db } from '../../../platform/db/engine.js';
import { AppError, conflict, notFound } from '../../../platform/errors.js';
import type { z } from '../../../platform/http/zod.js';
import { decisionsPolicy, isBodyManager, isLeadWorker } from '../decisions.policy.js';
import { loadDecision, recordStage } from '../decisions.repo.js';
import { type AssessBody, EXCLUSIONS, MAJOR_KINDS } from '../decisions.schemas.js';
import type { MajorAssessment } from '../decisions.tables.js';
import { nowOf } from '../../../platform/clock.js';

/** Pure: is it a major decision under Art 3? At least one kind of ¶1 and none of the ¶2 exclusions. */
export function judgeMajor(kinds: string[], exclusions: string[]): { isMajor: boolean; explanation: string } {
  if (exclusions.length) {
    return {
      isMajor: false,
      explanation: `属于第三条第二款除外情形：${exclusions.map((e) => EXCLUSIONS[e as keyof typeof EXCLUSIONS]).join('；')}，不适用本条例。`,
    };
  }
  if (!kinds.length)
    return { isMajor: false, explanation: '不属于第三条第一款所列任何一类事项，不认定为重大行政决策。' };
  return {
    isMajor: true,
    explanation: `属于第三条第一款：${kinds.map((k) => MAJOR_KINDS[k as keyof typeof MAJOR_KINDS]).join('；')}。`,
  };
}

/**
 * Records the guided "is it major?" assessment with its reasons (Art 3). Shown to the legality reviewer,
 * because units that cannot tell what is major was a reported shortcoming.
 */
export async function assessItem(db: Db, ctx: RequestCtx, id: string, input: z.infer<typeof AssessBody>) {
  return db.transaction().execute(async (trx) => {
    const d = await loadDecision(trx, id, true);
    if (!d || !ctx.actor || !decisionsPolicy.view(ctx.actor, d.orgs)) throw notFound('决策事项');
    if (!isLeadWorker(ctx.actor, d.orgs.leadPath) && !isBodyManager(ctx.actor, d.orgs.bodyPath))
      throw new AppError('forbidden', '只有承办单位或决策机关可以进行重大性认定。');
    if (d.status !== 'proposed') throw conflict('决策程序已经启动，重大性认定不能再修改。');
    const j = judgeMajor(input.kinds, input.exclusions);
    const assessment: MajorAssessment = {
      kinds: input.kinds,
      exclusions: input.exclusions,
      reasons: input.reasons,
      isMajor: j.isMajor,
      assessedBy: ctx.actor.displayName,
      assessedAt: nowOf(ctx).toISOString(),
    };
    await trx
      .updateTable('decisions')
      .set({ assessment: JSON.stringify(assessment), updated_at: nowOf(ctx) })
      .where('id', '=', d.id)
      .execute();
    await recordStage(trx, ctx, d, 'assessment', { ...assessment, explanation: j.explanation }, null);
    await recordAudit(trx, ctx, {
      action: 'decision.assessed',
      entityKind: 'decision',
      entityId: d.id,
      orgId: d.lead_org_id,
      data: { isMajor: j.isMajor, kinds: input.kinds, exclusions: input.exclusions },
    });
    return { ...assessment, explanation: j.explanation };
  });
}
