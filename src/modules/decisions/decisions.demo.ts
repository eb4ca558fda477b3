import type { RequestCtx } from '../../platform/access/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/engine.js';
import { demoActor } from '../../platform/seed/demo.js';
import { approveCatalog, createCatalog, publishCatalog } from './commands/catalog.js';
import { proposeItem } from './commands/propose-item.js';
import { drive } from './decisions.demo-procedure.js';
import { Y2025, Y2026 } from './decisions.demo-items.js';

/**
 * A 2025 and a 2026 catalog for the district government, items at various stages (2026: 20 items, +81.8%). The acts
 * happen at the time of `clock`, the app's clock (AppDeps.clock).
 */
export async function seedDecisionsDemo(db: Db, clock: Clock): Promise<void> {
  if (await db.selectFrom('decision_catalogs').select('id').executeTakeFirst()) return;
  const ctx = async (u: string): Promise<RequestCtx> => ({
    actor: await demoActor(db, u),
    requestId: 'seed-demo',
    ip: null,
    clock,
  });
  const ctxs = {
    coordinator: await ctx('coordinator'),
    reviewer: await ctx('reviewer'),
    admin: await ctx('admin'),
    liaison: await ctx('coordinator'),
  };
  const orgs = new Map(
    (await db.selectFrom('organizations').select(['id', 'code']).execute()).map((o) => [o.code, o.id]),
  );
  for (const [year, items] of [
    [2025, Y2025],
    [2026, Y2026],
  ] as const) {
    const c = await createCatalog(db, ctxs.coordinator, { bodyOrgId: orgs.get('SLQ')!, year });
    const ids: string[] = [];
    for (const it of items) {
      const row = await proposeItem(db, ctxs.coordinator, c.id, {
        title: it.title,
        summary: `${it.title}，由承办单位牵头拟定，按年度计划推进，涉及面广、社会关注度高。`,
        category: it.kind,
        leadOrgId: orgs.get(it.lead)!,
        plannedCompletionOn: it.plan,
        isTechnical: !!it.tech,
        affectsStability: !!it.risk,
        confidential: false,
      });
      ids.push(row.id);
    }
    await approveCatalog(db, ctxs.coordinator, c.id, {
      partyConsentRef: `区委常委会${year - 1}年第${year === 2025 ? 38 : 41}次会议`,
      partyConsentOn: `${year}-01-${year === 2025 ? 20 : 16}`,
    });
    await publishCatalog(db, ctxs.coordinator, c.id, {});
    for (let i = 0; i < items.length; i++) await drive(db, ctxs, ids[i], items[i], year);
  }
}
