import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import type { Db } from '../../../platform/db/engine.js';
import { AppError, conflict, notFound } from '../../../platform/errors.js';
import type { z } from '../../../platform/http/zod.js';
import { decisionsPolicy } from '../decisions.policy.js';
import { loadDecision } from '../decisions.repo.js';
import type { AdjustPlanBody } from '../decisions.schemas.js';
import { STATUS_LABELS, type DecisionStatus } from '../decisions.workflow.js';
import { publishCatalogVersion } from './catalog-version.js';
import { nowOf } from '../../../platform/clock.js';

/**
 * Changes an item's planned completion date. In a draft catalog it is an edit; once the catalog is published it
 * is a catalog adjustment (《重大行政决策程序暂行条例》第三条第三款; 《上海市重大行政决策事项目录管理办法》第十八条):
 * only the decision body, with a reason, and a new catalog version is published — which moves the item's plan
 * deadline to the new date (the old one is closed). Between the Party committee's consent and publication the
 * consented catalog is not changed.
 */
export async function adjustPlannedDate(db: Db, ctx: RequestCtx, id: string, input: z.infer<typeof AdjustPlanBody>) {
  return db.transaction().execute(async (trx) => {
    const d = await loadDecision(trx, id, true);
    if (!d || !ctx.actor || !decisionsPolicy.view(ctx.actor, d.orgs)) throw notFound('决策事项');
    if (!decisionsPolicy.manageCatalog(ctx.actor, d.orgs.bodyPath))
      throw new AppError('forbidden', '计划完成时间是目录内容，只有决策机关（区政府办公室、依法治区办）可以调整。');
    if (['withdrawn', 'completed', 'archived'].includes(d.status))
      throw conflict(`事项已${STATUS_LABELS[d.status as DecisionStatus]}，不能再调整计划完成时间。`, {
        status: d.status,
      });
    const c = await trx
      .selectFrom('decision_catalogs')
      .select(['id', 'year', 'status', 'body_org_id'])
      .where('id', '=', d.catalog_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (c.status === 'approved')
      throw conflict('目录已经同级党委同意、尚未公布，不能改动；请先公布目录，再按目录调整程序调整计划完成时间。', {
        catalogStatus: c.status,
      });
    const adjusting = c.status === 'published';
    if (adjusting && !input.reason)
      throw new AppError(
        'unprocessable',
        '目录已公布，调整计划完成时间属于目录调整，请填写调整理由（《上海市重大行政决策事项目录管理办法》第十八条）。',
        { field: 'reason' },
      );
    if (Number(input.plannedCompletionOn.slice(0, 4)) < c.year)
      throw new AppError('unprocessable', `计划完成时间不能早于目录年度（${c.year}年）。`, {
        field: 'plannedCompletionOn',
      });
    if (input.plannedCompletionOn === d.planned_completion_on)
      throw new AppError('unprocessable', `计划完成时间与原定的 ${d.planned_completion_on} 相同，无需调整。`, {
        field: 'plannedCompletionOn',
      });
    await trx
      .updateTable('decisions')
      .set({ planned_completion_on: input.plannedCompletionOn, updated_at: nowOf(ctx) })
      .where('id', '=', d.id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'decision.plan_adjusted',
      entityKind: 'decision',
      entityId: d.id,
      orgId: d.lead_org_id,
      data: {
        catalogId: c.id,
        from: d.planned_completion_on,
        to: input.plannedCompletionOn,
        reason: input.reason ?? null,
      },
    });
    const version = adjusting
      ? await publishCatalogVersion(
          trx,
          ctx,
          c.id,
          `调整事项「${d.title}」计划完成时间（${d.planned_completion_on} → ${input.plannedCompletionOn}）：${input.reason}`,
          c.body_org_id,
        )
      : null;
    return { plannedCompletionOn: input.plannedCompletionOn, catalogVersion: version?.version ?? null };
  });
}
