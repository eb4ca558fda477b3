import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import type { Db } from '../../../platform/db/engine.js';
import { notFound, unprocessable } from '../../../platform/errors.js';

export type ResolveInput = { orgId: string } | { ignore: true; reason: string };

/**
 * The review screen's decision for one responsible-unit name: map it to a unit (remembered as an alias
 * for later imports, and applied to every other occurrence of the same name in the plan) or leave it out
 * of the decomposition with a reason (e.g. a Party body outside the government's tree).
 */
export async function resolveUnit(
  db: Db,
  ctx: RequestCtx,
  unitId: string,
  input: ResolveInput,
): Promise<{ updated: number }> {
  return db.transaction().execute(async (trx) => {
    const u = await trx
      .selectFrom('plan_item_units')
      .innerJoin('plan_items', 'plan_items.id', 'plan_item_units.item_id')
      .select(['plan_item_units.id', 'raw_name', 'plan_items.plan_id', 'plan_items.seq'])
      .where('plan_item_units.id', '=', unitId)
      .forUpdate()
      .executeTakeFirst();
    if (!u) throw notFound('责任单位');
    let orgId: string | null = null;
    if ('orgId' in input) {
      const org = await trx
        .selectFrom('organizations')
        .select(['id', 'active', 'kind'])
        .where('id', '=', input.orgId)
        .executeTakeFirst();
      if (!org?.active || org.kind === 'section')
        throw unprocessable('所选单位不存在、已停用或是内设科室，请选择一个单位', { field: 'orgId' });
      orgId = org.id;
      await trx
        .insertInto('plan_unit_aliases')
        .values({ alias: u.raw_name, org_id: org.id, created_by: ctx.actor?.userId ?? null })
        .onConflict((oc) => oc.column('alias').doUpdateSet({ org_id: org.id }))
        .execute();
    }
    const same = await trx
      .selectFrom('plan_item_units')
      .innerJoin('plan_items', 'plan_items.id', 'plan_item_units.item_id')
      .select('plan_item_units.id')
      .where('plan_items.plan_id', '=', u.plan_id)
      .where('plan_item_units.raw_name', '=', u.raw_name)
      .where('plan_item_units.resolution', 'in', ['unmatched', 'ignored', 'org'])
      .execute();
    const ids = same.map((s) => s.id);
    await trx
      .updateTable('plan_item_units')
      .set(
        orgId
          ? { resolution: 'org', org_id: orgId, group_key: null }
          : { resolution: 'ignored', org_id: null, group_key: null },
      )
      .where('id', 'in', ids)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'plan.unit_resolved',
      entityKind: 'plan',
      entityId: u.plan_id,
      data: { itemSeq: u.seq, rawName: u.raw_name, resolution: orgId ? 'org' : 'ignored', orgId },
    });
    return { updated: ids.length };
  });
}
