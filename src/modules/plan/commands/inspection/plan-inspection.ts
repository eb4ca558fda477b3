import type { RequestCtx } from '../../../../platform/access/actor.js';
import { recordAudit } from '../../../../platform/audit/index.js';
import { parseLocalDate } from '../../../../platform/calendar/index.js';
import type { Db } from '../../../../platform/db/engine.js';
import { conflict, unprocessable } from '../../../../platform/errors.js';
import type { InspectionDto } from '../../plan.contract.js';

/** What a plan names (Art 15): the inspection's fields as the API sends them, and its targets. */
export type PlanInspectionInput = Pick<
  InspectionDto,
  'title' | 'basis' | 'scope' | 'methods' | 'startsOn' | 'endsOn'
> & {
  targetOrgIds: string[];
};

/** Art 15: no inspection without a plan naming its content, targets and scope; it then awaits approval (Art 11). */
export async function planInspection(
  db: Db,
  ctx: RequestCtx,
  orgId: string,
  input: PlanInspectionInput,
): Promise<{ id: string }> {
  const startsOn = parseLocalDate(input.startsOn, '督查开始日期');
  const endsOn = parseLocalDate(input.endsOn, '督查结束日期');
  if (endsOn < startsOn) throw unprocessable('督查结束日期不能早于开始日期', { field: 'endsOn' });
  return db.transaction().execute(async (trx) => {
    const orgs = await trx
      .selectFrom('organizations')
      .select(['id', 'name'])
      .where('id', 'in', input.targetOrgIds)
      .where('active', '=', true)
      .execute();
    if (orgs.length !== new Set(input.targetOrgIds).size)
      throw unprocessable('督查对象中有单位不存在或已停用，请重新选择', { field: 'targetOrgIds' });
    // Art 15: no duplicate inspection of the same unit on an overlapping period.
    const overlap = await trx
      .selectFrom('inspection_targets')
      .innerJoin('inspections', 'inspections.id', 'inspection_targets.inspection_id')
      .innerJoin('organizations', 'organizations.id', 'inspection_targets.org_id')
      .select(['organizations.name', 'inspections.title'])
      .where('inspection_targets.org_id', 'in', input.targetOrgIds)
      .where('inspections.status', 'in', ['planned', 'approved', 'in_progress'])
      .where('inspections.starts_on', '<=', endsOn)
      .where('inspections.ends_on', '>=', startsOn)
      .executeTakeFirst();
    if (overlap)
      throw conflict(
        `${overlap.name}在同一期间已有督查“${overlap.title}”，不得重复督查（《政府督查工作条例》第十五条）`,
        { field: 'targetOrgIds' },
      );
    const row = await trx
      .insertInto('inspections')
      .values({
        title: input.title,
        basis: input.basis,
        scope: input.scope,
        methods: input.methods,
        starts_on: startsOn,
        ends_on: endsOn,
        org_id: orgId,
        created_by: ctx.actor?.userId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('inspection_targets')
      .values(input.targetOrgIds.map((o) => ({ inspection_id: row.id, org_id: o })))
      .execute();
    await recordAudit(trx, ctx, {
      action: 'inspection.planned',
      entityKind: 'inspection',
      entityId: row.id,
      orgId,
      data: { title: input.title, targets: orgs.length, startsOn, endsOn },
    });
    return row;
  });
}
