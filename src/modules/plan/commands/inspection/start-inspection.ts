import type { RequestCtx } from '../../../../platform/access/actor.js';
import { recordAudit } from '../../../../platform/audit/index.js';
import type { Db } from '../../../../platform/db/engine.js';
import { assertInspectionTransition, lockInspection } from './shared.js';
import { nowOf } from '../../../../platform/clock.js';

/** Starts an approved inspection: from now on orders may be issued and conclusions served. */
export async function startInspection(db: Db, ctx: RequestCtx, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const i = await lockInspection(trx, id);
    const to = assertInspectionTransition(i.status, 'start')!;
    await trx
      .updateTable('inspections')
      .set({ status: to, updated_at: nowOf(ctx) })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'inspection.started',
      entityKind: 'inspection',
      entityId: id,
      orgId: i.org_id,
      data: {},
    });
  });
}
