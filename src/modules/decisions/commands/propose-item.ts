import type { RequestCtx } from '../../../platform/access/actor.js';
import { assertCanSeeOrg } from '../../../platform/access/scope.js';
import { recordAudit } from '../../../platform/audit/index.js';
import type { Db } from '../../../platform/db/engine.js';
import { AppError } from '../../../platform/errors.js';
import type { z } from '../../../platform/http/zod.js';
import { decisionsPolicy } from '../decisions.policy.js';
import { orgById } from '../decisions.repo.js';
import type { ProposeItemBody } from '../decisions.schemas.js';
import { lockCatalogRow } from './catalog.js';
import { publishCatalogVersion } from './catalog-version.js';

/**
 * Proposes a decision item in a catalog (Art 10). In a draft catalog the body or the proposing unit adds it;
 * once the catalog is published, adding an item is a catalog adjustment: only the body may do it, with a
 * reason, and a new catalog version is published and anchored.
 */
export async function proposeItem(db: Db, ctx: RequestCtx, catalogId: string, input: z.infer<typeof ProposeItemBody>) {
  return db.transaction().execute(async (trx) => {
    const c = await lockCatalogRow(trx, ctx, catalogId);
    const lead = await orgById(trx, input.leadOrgId, 'leadOrgId');
    if (!decisionsPolicy.proposeItem(c.actor, c.bodyPath, lead.path)) {
      assertCanSeeOrg(c.actor, c.bodyPath, '决策事项目录');
      throw new AppError('forbidden', '您只能以本单位为承办单位提出决策事项。');
    }
    const adjusting = c.status === 'published';
    if (adjusting && !decisionsPolicy.manageCatalog(c.actor, c.bodyPath)) {
      throw new AppError(
        'forbidden',
        '目录已公布，增加事项属于目录调整，须由决策机关办理。请联系区政府办公室或依法治区办。',
      );
    }
    if (adjusting && !input.adjustmentReason) {
      throw new AppError(
        'unprocessable',
        '目录已公布，增加事项须写明目录调整理由（《上海市重大行政决策事项目录管理办法》第十八条）。',
        { field: 'adjustmentReason' },
      );
    }
    if (input.confidential && !input.confidentialReason) {
      throw new AppError('unprocessable', '事项依法不予公开的，请写明不公开的理由和依据。', {
        field: 'confidentialReason',
      });
    }
    if (Number(input.plannedCompletionOn.slice(0, 4)) < c.year) {
      throw new AppError('unprocessable', `计划完成时间不能早于目录年度（${c.year}年）。`, {
        field: 'plannedCompletionOn',
      });
    }
    const max = await trx
      .selectFrom('decisions')
      .select((eb) => eb.fn.max<number>('seq').as('m'))
      .where('catalog_id', '=', catalogId)
      .executeTakeFirst();
    const row = await trx
      .insertInto('decisions')
      .values({
        catalog_id: catalogId,
        seq: Number(max?.m ?? 0) + 1,
        body_org_id: c.body_org_id,
        lead_org_id: lead.id,
        execution_org_id: null,
        title: input.title,
        summary: input.summary,
        category: input.category,
        planned_completion_on: input.plannedCompletionOn,
        is_technical: input.isTechnical,
        affects_stability: input.affectsStability,
        confidential: input.confidential,
        confidential_reason: input.confidentialReason ?? null,
        assessment: null,
        draft: null,
        suspended_from: null,
        published_text: null,
        published_at: null,
        completed_on: null,
        archived_at: null,
        created_by: c.actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'decision.proposed',
      entityKind: 'decision',
      entityId: row.id,
      orgId: lead.id,
      data: { catalogId, title: row.title, leadOrgId: lead.id, adjustmentReason: input.adjustmentReason ?? null },
    });
    if (adjusting)
      await publishCatalogVersion(
        trx,
        ctx,
        catalogId,
        `增加事项「${row.title}」：${input.adjustmentReason}`,
        c.body_org_id,
      );
    return row;
  });
}
