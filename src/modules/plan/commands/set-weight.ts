import type { RequestCtx } from '../../../platform/access/actor.js';
import { registerAuditLabels } from '../../../platform/audit/catalog.js';
import { recordAudit } from '../../../platform/audit/index.js';
import type { Db, Executor } from '../../../platform/db/engine.js';
import { conflict, notFound, unprocessable } from '../../../platform/errors.js';
import '../plan.tables.js';

export type WeightLevel = 'chapter' | 'item' | 'task';

declare module '../../../platform/audit/catalog.js' {
  interface AuditCatalog {
    'plan.weight_changed': { level: WeightLevel; targetId: string; label: string; from: number; to: number };
  }
}

registerAuditLabels({ 'plan.weight_changed': '调整实施方案权重' });

const LEVEL_ZH: Record<WeightLevel, string> = { chapter: '章节', item: '条目', task: '任务' };

/**
 * Set the weight of one chapter, item or task of a plan (默认 1). The roll-up (plan.logic.ts `rollup`) is a
 * weighted mean at each level, so a heavier item counts more in its chapter and a heavier chapter in the plan.
 */
export async function setPlanWeight(
  db: Db,
  ctx: RequestCtx,
  planId: string,
  input: { level: WeightLevel; targetId: string; weight: number },
): Promise<{ level: WeightLevel; targetId: string; weight: number }> {
  return db.transaction().execute(async (trx) => {
    const plan = await trx.selectFrom('plans').selectAll().where('id', '=', planId).forUpdate().executeTakeFirst();
    if (!plan) throw notFound('实施方案');
    if (plan.status === 'closed') throw conflict('实施方案已结束，不能再调整权重');
    const target = await findTarget(trx, planId, input.level, input.targetId);
    if (!target) throw notFound(`本方案的${LEVEL_ZH[input.level]}`);
    const from = Number(target.weight);
    if (from === input.weight)
      throw unprocessable(`该${LEVEL_ZH[input.level]}的权重已是 ${from}，无需调整`, { field: 'weight' });
    const table = input.level === 'chapter' ? 'plan_chapters' : input.level === 'item' ? 'plan_items' : 'plan_tasks';
    await trx
      .updateTable(table)
      .set({ weight: String(input.weight) })
      .where('id', '=', input.targetId)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'plan.weight_changed',
      entityKind: 'plan',
      entityId: planId,
      orgId: target.orgId,
      data: { level: input.level, targetId: input.targetId, label: target.label, from, to: input.weight },
    });
    return { level: input.level, targetId: input.targetId, weight: input.weight };
  });
}

async function findTarget(
  trx: Executor,
  planId: string,
  level: WeightLevel,
  id: string,
): Promise<{ weight: string; label: string; orgId: string | null } | undefined> {
  if (level === 'chapter') {
    const c = await trx
      .selectFrom('plan_chapters')
      .select(['weight', 'numeral', 'title'])
      .where('id', '=', id)
      .where('plan_id', '=', planId)
      .forUpdate()
      .executeTakeFirst();
    return c && { weight: c.weight, label: `${c.numeral}、${c.title}`, orgId: null };
  }
  if (level === 'item') {
    const i = await trx
      .selectFrom('plan_items')
      .select(['weight', 'numeral', 'title', 'general'])
      .where('id', '=', id)
      .where('plan_id', '=', planId)
      .forUpdate()
      .executeTakeFirst();
    if (i?.general)
      throw unprocessable('“总体要求”条目不分解任务、不计入进度汇总，不需要设置权重', { field: 'targetId' });
    return i && { weight: i.weight, label: `（${i.numeral}）${i.title}`, orgId: null };
  }
  const t = await trx
    .selectFrom('plan_tasks')
    .innerJoin('plan_items', 'plan_items.id', 'plan_tasks.item_id')
    .innerJoin('organizations', 'organizations.id', 'plan_tasks.org_id')
    .select(['plan_tasks.weight', 'plan_items.numeral', 'plan_items.title', 'organizations.name', 'plan_tasks.org_id'])
    .where('plan_tasks.id', '=', id)
    .where('plan_tasks.plan_id', '=', planId)
    .forUpdate('plan_tasks')
    .executeTakeFirst();
  return t && { weight: t.weight, label: `${t.name}：（${t.numeral}）${t.title}`, orgId: t.org_id };
}
