import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import type { Db, Trx } from '../../../platform/db/engine.js';
import { AppError } from '../../../platform/errors.js';
import type { z } from '../../../platform/http/zod.js';
import { findOrg, orgToDto } from '../identity.repo.js';
import type { CreateOrgBody, OrgDto } from '../identity.schemas.js';

/** Creates a unit under its parent (or the root government when parentId is null and none exists yet). */
export async function createOrg(db: Db, ctx: RequestCtx, input: z.infer<typeof CreateOrgBody>): Promise<OrgDto> {
  return db.transaction().execute((trx) => insertOrg(trx, ctx, input));
}

/** The same, inside the caller's transaction (the first installation creates the government with its admin). */
export async function insertOrg(trx: Trx, ctx: RequestCtx, input: z.infer<typeof CreateOrgBody>): Promise<OrgDto> {
  let parentPath = '/';
  if (input.parentId) {
    const parent = await findOrg(trx, input.parentId);
    if (!parent) throw new AppError('unprocessable', '上级单位不存在，请重新选择。', { field: 'parentId' });
    if (!parent.active)
      throw new AppError('unprocessable', '上级单位已停用，不能在其下新建单位。', { field: 'parentId' });
    parentPath = parent.path;
  } else {
    const root = await trx.selectFrom('organizations').select('id').where('parent_id', 'is', null).executeTakeFirst();
    if (root)
      throw new AppError('unprocessable', '只能有一个顶级单位（政府），请选择上级单位。', { field: 'parentId' });
    if (input.kind !== 'government')
      throw new AppError('unprocessable', '顶级单位的类型必须是“政府”。', { field: 'kind' });
  }
  const dup = await trx
    .selectFrom('organizations')
    .select('id')
    .where('name', '=', input.name)
    .where((eb) => (input.parentId ? eb('parent_id', '=', input.parentId) : eb('parent_id', 'is', null)))
    .executeTakeFirst();
  if (dup) throw new AppError('conflict', `同一上级单位下已有名为「${input.name}」的单位。`, { field: 'name' });
  const inserted = await trx
    .insertInto('organizations')
    .values({
      parent_id: input.parentId,
      name: input.name,
      short_name: input.shortName ?? null,
      kind: input.kind,
      code: input.code ?? null,
      path: 'pending',
      sort_order: input.sortOrder ?? 0,
      active: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await trx
    .updateTable('organizations')
    .set({ path: `${parentPath}${inserted.id}/` })
    .where('id', '=', inserted.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(trx, ctx, {
    action: 'org.created',
    entityKind: 'org',
    entityId: row.id,
    orgId: row.id,
    data: { name: row.name, kind: row.kind, parentId: row.parent_id },
  });
  return orgToDto(row);
}
