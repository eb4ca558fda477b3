import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import type { Db } from '../../../platform/db/engine.js';
import { AppError, notFound } from '../../../platform/errors.js';
import type { z } from '../../../platform/http/zod.js';
import { orgToDto } from '../identity.repo.js';
import type { OrgDto, UpdateOrgBody } from '../identity.schemas.js';
import { nowOf } from '../../../platform/clock.js';

export async function updateOrg(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: z.infer<typeof UpdateOrgBody>,
): Promise<OrgDto> {
  return db.transaction().execute(async (trx) => {
    const org = await trx.selectFrom('organizations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!org) throw notFound('单位');
    const changes: Record<string, unknown> = {};
    if (input.name !== undefined && input.name !== org.name) changes.name = input.name;
    if (input.shortName !== undefined && input.shortName !== org.short_name) changes.short_name = input.shortName;
    if (input.sortOrder !== undefined && input.sortOrder !== org.sort_order) changes.sort_order = input.sortOrder;
    if (input.active !== undefined && input.active !== org.active) {
      if (!input.active && org.parent_id === null) throw new AppError('unprocessable', '不能停用顶级单位。');
      changes.active = input.active;
    }
    if (Object.keys(changes).length === 0) return orgToDto(org);
    if (changes.name) {
      const dup = await trx
        .selectFrom('organizations')
        .select('id')
        .where('name', '=', changes.name as string)
        .where('id', '<>', id)
        .where((eb) => (org.parent_id ? eb('parent_id', '=', org.parent_id) : eb('parent_id', 'is', null)))
        .executeTakeFirst();
      if (dup) throw new AppError('conflict', `同一上级单位下已有名为「${changes.name}」的单位。`, { field: 'name' });
    }
    const row = await trx
      .updateTable('organizations')
      .set({ ...changes, updated_at: nowOf(ctx) })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'org.updated',
      entityKind: 'org',
      entityId: id,
      orgId: id,
      data: { changes },
    });
    return orgToDto(row);
  });
}
