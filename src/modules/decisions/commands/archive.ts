import type { RequestCtx } from '../../../platform/access/actor.js';
import type { Db } from '../../../platform/db/engine.js';
import type { z } from '../../../platform/http/zod.js';
import { runStep } from '../decisions.frame.js';
import { recordStage } from '../decisions.repo.js';
import type { ArchiveBody } from '../decisions.schemas.js';
import { nowOf } from '../../../platform/clock.js';

/** Archives the decision record (Art 33); the full record is exported as a ZIP with hashes and proofs. */
export async function archiveDecision(db: Db, ctx: RequestCtx, id: string, input: z.infer<typeof ArchiveBody>) {
  return runStep(db, ctx, id, 'archive', async (trx, d) => {
    await recordStage(
      trx,
      ctx,
      d,
      'archived',
      { archiveNo: input.archiveNo },
      `决策过程记录和材料已归档，档案号：${input.archiveNo}。`,
    );
    return { to: 'archived', patch: { archived_at: nowOf(ctx) } };
  });
}
