import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import { sql } from 'kysely';
import { systemCtx } from '../../../platform/access/actor.js';
import { closeDeadlinesFor, formatZh, registerDeadline, today } from '../../../platform/calendar/index.js';
import type { Db } from '../../../platform/db/engine.js';
import { AppError, notFound, unprocessable } from '../../../platform/errors.js';
import { catalogDueOn, catalogEntries, catalogTitle, countsOf, entriesHash } from '../normative.catalog.js';
import { normativePolicy } from '../normative.policy.js';
import { anchorVersion, nextVersion } from '../../../procedures/public-list/index.js';
import { nowOf } from '../../../platform/clock.js';

export interface PublishCatalogInput {
  orgId: string;
  year: number;
  /** Required when the catalog of this body and year was published before (a correction). */
  reason?: string;
}

/**
 * Publish an issuing body's catalog of the documents made, amended, repealed and lapsed in a year
 * (上海市人大常委会规范性文件备案审查条例 Art 13: by 31 January of the following year, rule
 * `normative.annual_catalog`). The year must have ended. The entries are computed from the record inside the
 * transaction, stored as published, anchored in the ledger and audited. Publishing again is a correction: it
 * needs a reason and changed entries, and becomes the next version (earlier versions stay on record).
 */
export async function publishCatalog(
  db: Db,
  ctx: RequestCtx,
  input: PublishCatalogInput,
  now = nowOf(ctx),
): Promise<{ id: string; version: number; late: boolean; leafHash: string }> {
  return db.transaction().execute(async (trx) => {
    // Locking the issuing body serializes concurrent publications of its catalogs (versions never collide).
    const body = await trx
      .selectFrom('normative_issuing_bodies as b')
      .innerJoin('organizations as o', 'o.id', 'b.org_id')
      .select(['b.org_id', 'o.name', 'o.path'])
      .where('b.org_id', '=', input.orgId)
      .forUpdate('b')
      .executeTakeFirst();
    if (!body) {
      const org = await trx.selectFrom('organizations').select('path').where('id', '=', input.orgId).executeTakeFirst();
      if (!org || !normativePolicy.view(ctx.actor, org.path)) throw notFound('制定机关');
      throw unprocessable('该单位不在行政规范性文件制定主体清单内，没有年度目录可以公布。请选择清单内的制定机关。', {
        field: 'orgId',
      });
    }
    if (!ctx.actor || !normativePolicy.view(ctx.actor, body.path)) throw notFound('制定机关');
    if (!normativePolicy.manage(ctx.actor, body.path))
      throw new AppError('forbidden', '只有制定机关的法治联络员或负责人可以公布本机关的年度规范性文件目录。');
    const t = today(now);
    const dueOn = catalogDueOn(input.year);
    if (t <= `${input.year}-12-31`) {
      throw unprocessable(
        `${input.year}年度尚未结束，不能公布该年度目录。年度目录应在次年公布（截止${formatZh(dueOn)}），请选择已结束的年度。`,
        { field: 'year', dueOn },
      );
    }
    const entries = (await catalogEntries(trx, [body.org_id], input.year)).get(body.org_id)!;
    const prev = await trx
      .selectFrom('normative_annual_catalogs')
      .select(['version', 'content_hash'])
      .where('org_id', '=', body.org_id)
      .where('year', '=', input.year)
      .orderBy('version', 'desc')
      .executeTakeFirst();
    // A republication is a correction: refused when nothing changed (409), and it needs its reason (422).
    const {
      version,
      contentHash: hash,
      reason,
    } = nextVersion({
      prev: prev && { version: prev.version, contentHash: prev.content_hash },
      content: entries,
      hash: entriesHash(entries),
      label: `${body.name}${input.year}年度目录`,
      reason: input.reason,
    });
    const title = catalogTitle(body.name, input.year);
    const counts = countsOf(entries);
    const late = t > dueOn;
    const anchored = await anchorVersion(trx, {
      recordKind: 'normative_annual_catalog',
      listId: `${body.org_id}:${input.year}`,
      version,
      content: {
        issuingBody: body.name,
        orgId: body.org_id,
        year: input.year,
        version,
        title,
        publishedOn: t,
        entries,
        counts,
        ...(reason && prev ? { correctionReason: reason } : {}),
      },
    });
    const row = await trx
      .insertInto('normative_annual_catalogs')
      .values({
        org_id: body.org_id,
        year: input.year,
        version,
        title,
        entries: JSON.stringify(entries),
        counts: JSON.stringify(counts),
        content_hash: hash,
        leaf_hash: anchored.leafHash,
        due_on: dueOn,
        late,
        reason: prev ? reason : null,
        published_on: t,
        published_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'normative_catalog.published',
      entityKind: 'normative_catalog',
      entityId: row.id,
      orgId: body.org_id,
      visibility: 'public',
      data: { year: input.year, version, counts, late, leafHash: anchored.leafHash, reason: prev ? reason : null },
    });
    // The body's statutory duty for this year is done: its catalog deadline (registered by the sweep) closes.
    await closeDeadlinesFor(trx, ctx, CATALOG_DEADLINE_KIND, `${body.org_id}:${input.year}`);
    return { id: row.id, version, late, leafHash: anchored.leafHash };
  });
}

// Distinct from the catalog rows' own entity kind ('normative_catalog'), so the duty and the publication stay apart in the audit log.
export const CATALOG_DEADLINE_KIND = 'normative_catalog_due';

/**
 * From 1 January, every active issuing body owes the catalog of the year just ended (Art 13, rule
 * `normative.annual_catalog`): the sweep registers that duty with the deadline engine once per body and year,
 * so it is flagged due-soon and overdue and its unit is notified like any statutory deadline. Bodies that have
 * already published get none. Idempotent.
 */
export async function registerCatalogDeadlines(db: Db, now: Date): Promise<number> {
  const year = Number(today(now).slice(0, 4)) - 1;
  const ctx = systemCtx('normative-sweep');
  const owing = await db
    .selectFrom('normative_issuing_bodies as b')
    .innerJoin('organizations as o', 'o.id', 'b.org_id')
    .select(['b.org_id', 'o.name'])
    .where('b.active', '=', true)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('normative_annual_catalogs as c')
            .select('c.id')
            .whereRef('c.org_id', '=', 'b.org_id')
            .where('c.year', '=', year),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('deadlines as d')
            .select('d.id')
            .where('d.entity_kind', '=', CATALOG_DEADLINE_KIND)
            .where('d.entity_id', '=', sql<string>`b.org_id::text || ':' || ${String(year)}`),
        ),
      ),
    )
    .execute();
  for (const b of owing) {
    await db.transaction().execute((trx) =>
      registerDeadline(trx, ctx, {
        entityKind: CATALOG_DEADLINE_KIND,
        entityId: `${b.org_id}:${year}`,
        ruleId: 'normative.annual_catalog',
        triggerDate: `${year}-12-31`,
        orgId: b.org_id,
        label: catalogTitle(b.name, year),
      }),
    );
  }
  return owing.length;
}
