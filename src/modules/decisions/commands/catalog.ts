import type { RequestCtx } from '../../../platform/access/actor.js';
import { assertCanSeeOrg } from '../../../platform/access/scope.js';
import { recordAudit } from '../../../platform/audit/index.js';
import type { Db, Trx } from '../../../platform/db/engine.js';
import { AppError, conflict, notFound } from '../../../platform/errors.js';
import type { z } from '../../../platform/http/zod.js';
import { decisionsPolicy } from '../decisions.policy.js';
import { orgById } from '../decisions.repo.js';
import type { ApproveCatalogBody, CreateCatalogBody, PublishCatalogBody } from '../decisions.schemas.js';
import { publishCatalogVersion } from './catalog-version.js';
import { nowOf } from '../../../platform/clock.js';

const forbidden = () =>
  new AppError(
    'forbidden',
    '只有决策机关（区政府办公室、依法治区办或本单位主要负责人、法治联络员）可以管理决策事项目录。',
  );

/** Locks a catalog with its decision body's path; 404 when there is none or nobody is signed in. */
export async function lockCatalogRow(trx: Trx, ctx: RequestCtx, id: string) {
  const c = await trx
    .selectFrom('decision_catalogs')
    .innerJoin('organizations', 'organizations.id', 'decision_catalogs.body_org_id')
    .selectAll('decision_catalogs')
    .select('organizations.path as bodyPath')
    .where('decision_catalogs.id', '=', id)
    .forUpdate('decision_catalogs')
    .executeTakeFirst();
  if (!c || !ctx.actor) throw notFound('决策事项目录');
  return { ...c, actor: ctx.actor };
}

/** Locks a catalog the actor may see and manage. */
export async function lockCatalog(trx: Trx, ctx: RequestCtx, id: string) {
  const c = await lockCatalogRow(trx, ctx, id);
  assertCanSeeOrg(c.actor, c.bodyPath, '决策事项目录');
  if (!decisionsPolicy.manageCatalog(c.actor, c.bodyPath)) throw forbidden();
  return c;
}

/** Drafts a decision body's catalog for a year (one per body and year). */
export async function createCatalog(db: Db, ctx: RequestCtx, input: z.infer<typeof CreateCatalogBody>) {
  return db.transaction().execute(async (trx) => {
    const body = await orgById(trx, input.bodyOrgId, 'bodyOrgId');
    if (!decisionsPolicy.manageCatalog(ctx.actor, body.path)) throw forbidden();
    const dup = await trx
      .selectFrom('decision_catalogs')
      .select('id')
      .where('body_org_id', '=', body.id)
      .where('year', '=', input.year)
      .executeTakeFirst();
    if (dup)
      throw conflict(`${body.name}${input.year}年度的决策事项目录已经存在，请在原目录中增加事项或调整。`, {
        field: 'year',
        catalogId: dup.id,
      });
    const row = await trx
      .insertInto('decision_catalogs')
      .values({
        body_org_id: body.id,
        year: input.year,
        title: input.title ?? `${body.name}${input.year}年度重大行政决策事项目录`,
        created_by: ctx.actor?.userId ?? null,
        party_consent_ref: null,
        party_consent_on: null,
        approved_at: null,
        approved_by: null,
        published_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'decision_catalog.created',
      entityKind: 'decision_catalog',
      entityId: row.id,
      orgId: body.id,
      data: { bodyOrgId: body.id, year: row.year, title: row.title },
    });
    return row;
  });
}

/** Records the same-level Party committee's consent (Art 3¶3); the catalog must have at least one item. */
export async function approveCatalog(db: Db, ctx: RequestCtx, id: string, input: z.infer<typeof ApproveCatalogBody>) {
  return db.transaction().execute(async (trx) => {
    const c = await lockCatalog(trx, ctx, id);
    if (c.status !== 'draft') throw conflict('该目录已经同级党委同意，无需重复报批。');
    const items = await trx
      .selectFrom('decisions')
      .select('id')
      .where('catalog_id', '=', id)
      .where('status', '!=', 'withdrawn')
      .execute();
    if (items.length === 0)
      throw new AppError('unprocessable', '目录中还没有决策事项，请先增加事项再报同级党委同意。', { field: 'items' });
    if (input.partyConsentOn < `${c.year - 1}-01-01`)
      throw new AppError('unprocessable', '党委同意日期早于目录年度的上一年，请核对。', { field: 'partyConsentOn' });
    await trx
      .updateTable('decision_catalogs')
      .set({
        status: 'approved',
        party_consent_ref: input.partyConsentRef,
        party_consent_on: input.partyConsentOn,
        approved_at: nowOf(ctx),
        approved_by: ctx.actor?.userId ?? null,
        updated_at: nowOf(ctx),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'decision_catalog.approved',
      entityKind: 'decision_catalog',
      entityId: id,
      orgId: c.body_org_id,
      data: { partyConsentRef: input.partyConsentRef, partyConsentOn: input.partyConsentOn },
    });
  });
}

/** Publishes the approved catalog, or a new version of a published one with a stated reason. */
export async function publishCatalog(db: Db, ctx: RequestCtx, id: string, input: z.infer<typeof PublishCatalogBody>) {
  return db.transaction().execute(async (trx) => {
    const c = await lockCatalog(trx, ctx, id);
    if (c.status === 'draft')
      throw conflict('目录尚未经同级党委同意，不能公布。请先记录党委同意情况（第三条第三款）。', {
        missing: ['party_consent'],
      });
    if (c.status === 'published' && !input.reason)
      throw new AppError('unprocessable', '目录已公布，再次公布属于目录调整，请填写调整理由。', { field: 'reason' });
    return publishCatalogVersion(trx, ctx, id, c.status === 'published' ? (input.reason ?? null) : null, c.body_org_id);
  });
}
