import type { RequestCtx } from '../../../platform/access/actor.js';
import type { Db } from '../../../platform/db/engine.js';
import { AppError } from '../../../platform/errors.js';
import type { z } from '../../../platform/http/zod.js';
import { anchorRecord } from '../../../platform/ledger/index.js';
import { runStep } from '../decisions.frame.js';
import { orgById, procedureRecord, recordStage, stageRecord } from '../decisions.repo.js';
import { publishedContent } from '../decisions.records.js';
import type { PublishBody } from '../decisions.schemas.js';
import { nowOf } from '../../../platform/clock.js';

/**
 * Publishes the decision (Art 32) with the statement of how public comments were adopted, and anchors what the
 * portal publishes of it in the ledger (a non-disclosable item: not its text). Names the execution unit and
 * its weighted tasks (Art 34).
 */
export async function publishDecision(db: Db, ctx: RequestCtx, id: string, input: z.infer<typeof PublishBody>) {
  return runStep(db, ctx, id, 'publish', async (trx, d) => {
    const exec = await orgById(trx, input.executionOrgId, 'executionOrgId');
    if (input.tasks.length === 0)
      throw new AppError('unprocessable', '请分解至少一项执行任务并设定权重，用于跟踪执行进度（第三十四条）。', {
        field: 'tasks',
      });
    const participation = d.confidential ? null : await procedureRecord(trx, d, 'participation');
    const collective = await stageRecord(trx, d, 'collective_discussion');
    const publishedAt = nowOf(ctx);
    // Ledger content is public: a lawfully non-disclosable item is anchored without its text (Art 32).
    const content = publishedContent({
      decisionId: d.id,
      title: d.title,
      body: d.bodyName,
      publishedText: input.publishedText,
      channels: input.channels,
      interpretation: input.interpretation,
      adoptionStatement: participation?.public_summary ?? null,
      collectiveDecision: collective?.public_summary ?? null,
      executionUnit: exec.name,
      publishedAt: publishedAt.toISOString(),
      confidential: d.confidential,
    });
    const anchored = await anchorRecord(trx, {
      recordKind: 'decision.published',
      recordId: `${d.id}:r${d.adjustment_count}`,
      content,
    });
    await trx
      .insertInto('decision_execution_tasks')
      .values(input.tasks.map((t) => ({ decision_id: d.id, name: t.name, weight: t.weight })))
      .execute();
    await recordStage(
      trx,
      ctx,
      d,
      'publication',
      // `record`: the anchored record itself — the tamper sweep re-derives it from here (decisions.records.ts).
      { channels: input.channels, leafHash: anchored.leafHash, executionOrgId: exec.id, record: content },
      `决策已通过${input.channels.join('、')}公布，执行单位：${exec.name}。`,
    );
    return {
      to: 'executing',
      patch: { published_text: input.publishedText, published_at: publishedAt, execution_org_id: exec.id },
    };
  });
}
