import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import type { Trx } from '../../../platform/db/engine.js';
import { MAJOR_KINDS } from '../decisions.schemas.js';
import { syncPlanDeadlines } from './plan-deadlines.js';
import { anchorVersion, nextVersion } from '../../../procedures/public-list/index.js';
import { nowOf } from '../../../platform/clock.js';

/** The public content of a catalog version: what the portal shows and the ledger anchors. */
export async function catalogSnapshot(trx: Trx, catalogId: string, version: number, reason: string | null) {
  const c = await trx
    .selectFrom('decision_catalogs')
    .innerJoin('organizations', 'organizations.id', 'decision_catalogs.body_org_id')
    .select([
      'decision_catalogs.id',
      'decision_catalogs.year',
      'decision_catalogs.title',
      'decision_catalogs.party_consent_ref',
      'decision_catalogs.party_consent_on',
      'organizations.name as bodyName',
    ])
    .where('decision_catalogs.id', '=', catalogId)
    .executeTakeFirstOrThrow();
  const items = await trx
    .selectFrom('decisions')
    .innerJoin('organizations', 'organizations.id', 'decisions.lead_org_id')
    .select([
      'decisions.id',
      'decisions.seq',
      'decisions.title',
      'decisions.category',
      'decisions.planned_completion_on',
      'organizations.name as leadName',
    ])
    .where('decisions.catalog_id', '=', catalogId)
    .where('decisions.in_catalog', '=', true)
    .where('decisions.status', '!=', 'withdrawn')
    .orderBy('decisions.seq')
    .execute();
  return {
    catalogId: c.id,
    body: c.bodyName,
    year: c.year,
    title: c.title,
    version,
    reason,
    partyConsent: { ref: c.party_consent_ref, on: c.party_consent_on },
    items: items.map((i) => ({
      id: i.id,
      seq: i.seq,
      title: i.title,
      category: MAJOR_KINDS[i.category as keyof typeof MAJOR_KINDS] ?? i.category,
      leadUnit: i.leadName,
      plannedCompletionOn: i.planned_completion_on,
    })),
  };
}

/**
 * Publishes the catalog's next version (every version is kept) and anchors it in the ledger
 * (《重大行政决策程序暂行条例》第三条第三款: the catalog is published and adjusted as circumstances change).
 */
export async function publishCatalogVersion(
  trx: Trx,
  ctx: RequestCtx,
  catalogId: string,
  reason: string | null,
  bodyOrgId: string,
) {
  const cur = await trx
    .selectFrom('decision_catalogs')
    .select('version')
    .where('id', '=', catalogId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const snapshot = await catalogSnapshot(trx, catalogId, cur.version + 1, reason);
  // Art 3¶3: the catalog is adjusted as circumstances change — each adjustment is the next version, with or
  // without a stated reason, and may repeat the items (a re-publication after a date change in the plan).
  const { version, contentHash } = nextVersion({
    prev: cur.version ? { version: cur.version, contentHash: null } : undefined,
    content: snapshot,
    label: '决策事项目录',
    reason,
    correction: { requireReason: false, refuseUnchanged: false },
  });
  const anchored = await anchorVersion(trx, {
    recordKind: 'decision.catalog',
    listId: catalogId,
    version,
    content: snapshot,
  });
  await trx
    .insertInto('decision_catalog_versions')
    .values({
      catalog_id: catalogId,
      version,
      reason,
      snapshot: JSON.stringify(snapshot),
      content_hash: contentHash,
      leaf_hash: anchored.leafHash,
      published_by: ctx.actor?.userId ?? null,
    })
    .execute();
  await trx
    .updateTable('decision_catalogs')
    .set({ version, status: 'published', published_at: nowOf(ctx), updated_at: nowOf(ctx) })
    .where('id', '=', catalogId)
    .execute();
  // The published plan dates become deadlines (added, moved or dropped items included).
  await syncPlanDeadlines(trx, ctx, catalogId);
  await recordAudit(trx, ctx, {
    action: 'decision_catalog.published',
    entityKind: 'decision_catalog',
    entityId: catalogId,
    orgId: bodyOrgId,
    data: { version, items: snapshot.items.length, reason, leafHash: anchored.leafHash },
    visibility: 'public',
  });
  return { version, leafHash: anchored.leafHash, items: snapshot.items.length };
}
