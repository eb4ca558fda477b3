import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import type { Db, Executor } from '../../../platform/db/engine.js';
import { AppError, conflict, unprocessable } from '../../../platform/errors.js';
import type { z } from '../../../platform/http/zod.js';
import { isInterimTitle } from '../normative.config.js';
import { normativePolicy } from '../normative.policy.js';
import { lockDoc } from '../normative.repo.js';
import type { CreateDocBody, IssuingBodyBody, ReviseDocBody } from '../normative.schemas.js';
import { nowOf } from '../../../platform/clock.js';
import { BLANK_PROCEDURE } from '../normative.tables.js';

const forbidden = (what: string) =>
  new AppError('forbidden', `您没有${what}的权限，请由本单位法治联络员或负责人办理。`);

/** Replace the legal bases; every cited law must exist in the law library. */
export async function setBases(
  trx: Executor,
  ctx: RequestCtx,
  docId: string,
  orgId: string,
  bases: { lawId: string; articles: string }[],
) {
  const ids = [...new Set(bases.map((b) => b.lawId))];
  if (ids.length !== bases.length) throw unprocessable('同一部法规只能列一次，请合并条款', { field: 'bases' });
  if (ids.length) {
    const found = await trx.selectFrom('laws').select('id').where('id', 'in', ids).execute();
    const missing = ids.filter((id) => !found.some((f) => f.id === id));
    if (missing.length)
      throw unprocessable('制定依据中有法规在法律法规库中不存在，请从法规库中选择', { field: 'bases', missing });
  }
  await trx.deleteFrom('normative_doc_bases').where('doc_id', '=', docId).execute();
  if (bases.length) {
    await trx
      .insertInto('normative_doc_bases')
      .values(bases.map((b) => ({ doc_id: docId, law_id: b.lawId, articles: b.articles })))
      .execute();
  }
  await recordAudit(trx, ctx, {
    action: 'normative_doc.bases_set',
    entityKind: 'normative_doc',
    entityId: docId,
    orgId,
    data: { lawIds: ids },
  });
}

/**
 * Start a draft. Only a body on the issuing-body list (制定主体清单) may make normative documents; a draft in
 * any other unit's name is refused (沪府令17号; 国办发〔2018〕37号 on who may issue).
 */
export async function createDoc(
  db: Db,
  ctx: RequestCtx,
  input: Omit<z.infer<typeof CreateDocBody>, 'draftingNote'> & { draftingNote?: string },
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const org = await trx
      .selectFrom('organizations')
      .select(['id', 'path', 'name'])
      .where('id', '=', input.orgId)
      .executeTakeFirst();
    if (!org || !ctx.actor || !normativePolicy.view(ctx.actor, org.path))
      throw new AppError('not_found', '制定机关不存在或您无权查看');
    if (!normativePolicy.draft(ctx.actor, org.path)) throw forbidden('以该单位名义起草规范性文件');
    const body = await trx
      .selectFrom('normative_issuing_bodies')
      .select(['active'])
      .where('org_id', '=', org.id)
      .executeTakeFirst();
    if (!body?.active) {
      throw unprocessable(
        `“${org.name}”不在行政规范性文件制定主体清单内，不能制定规范性文件。如确有制定职权，请联系司法局将其列入清单。`,
        {
          field: 'orgId',
        },
      );
    }
    const row = await trx
      .insertInto('normative_docs')
      .values({
        org_id: org.id,
        title: input.title,
        doc_type: isInterimTitle(input.title) ? 'interim' : 'regular',
        business_related: input.businessRelated,
        affects_market: input.affectsMarket,
        // Documents closely tied to business must be put to public comment (上海市优化营商环境条例 Art 74).
        comment_required: input.commentRequired || input.businessRelated,
        status: 'draft',
        body: input.body,
        drafting_note: input.draftingNote ?? '',
        version: 1,
        ...BLANK_PROCEDURE,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('normative_doc_versions')
      .values({
        doc_id: row.id,
        version: 1,
        title: input.title,
        body: input.body,
        change_note: '初稿',
        created_by: ctx.actor.userId,
      })
      .execute();
    await recordAudit(trx, ctx, {
      action: 'normative_doc.drafted',
      entityKind: 'normative_doc',
      entityId: row.id,
      orgId: org.id,
      data: { title: input.title, orgId: org.id },
    });
    if (input.bases.length) await setBases(trx, ctx, row.id, org.id, input.bases);
    return row.id;
  });
}

/** Save a new version of a draft (every version is kept for the diff). Only while drafting. */
export async function reviseDoc(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: z.infer<typeof ReviseDocBody>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const d = await lockDoc(trx, id);
    if (!ctx.actor || !normativePolicy.view(ctx.actor, d.org_path))
      throw new AppError('not_found', '规范性文件不存在或您无权查看');
    if (!normativePolicy.draft(ctx.actor, d.org_path)) throw forbidden('修改本文件');
    if (d.status !== 'draft')
      throw conflict('只有“起草中”的文件可以修改；送审、审议中的文件请先退回起草。', { status: d.status });
    const title = input.title ?? d.title;
    const body = input.body ?? d.body;
    if (title === d.title && body === d.body && input.draftingNote === undefined && input.bases === undefined) {
      throw unprocessable('内容没有变化，无需保存新版本', { field: 'body' });
    }
    const version = d.version + 1;
    await trx
      .updateTable('normative_docs')
      .set({
        title,
        body,
        doc_type: isInterimTitle(title) ? 'interim' : 'regular',
        drafting_note: input.draftingNote ?? d.drafting_note,
        version,
        updated_at: nowOf(ctx),
      })
      .where('id', '=', id)
      .execute();
    await trx
      .insertInto('normative_doc_versions')
      .values({ doc_id: id, version, title, body, change_note: input.changeNote, created_by: ctx.actor.userId })
      .execute();
    await recordAudit(trx, ctx, {
      action: 'normative_doc.revised',
      entityKind: 'normative_doc',
      entityId: id,
      orgId: d.org_id,
      data: { version, changeNote: input.changeNote },
    });
    if (input.bases) await setBases(trx, ctx, id, d.org_id, input.bases);
  });
}

/** Put a unit on (or take it off) the issuing-body list, with its registration-number prefix. */
export async function upsertIssuingBody(
  db: Db,
  ctx: RequestCtx,
  input: z.infer<typeof IssuingBodyBody>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const org = await trx
      .selectFrom('organizations')
      .select(['id', 'active'])
      .where('id', '=', input.orgId)
      .executeTakeFirst();
    if (!org) throw unprocessable('单位不存在，请重新选择', { field: 'orgId' });
    const clash = await trx
      .selectFrom('normative_issuing_bodies')
      .select('org_id')
      .where('number_prefix', '=', input.numberPrefix)
      .where('org_id', '!=', input.orgId)
      .executeTakeFirst();
    if (clash)
      throw conflict(`文号前缀“${input.numberPrefix}”已被其他制定主体使用，请换一个`, { field: 'numberPrefix' });
    await trx
      .insertInto('normative_issuing_bodies')
      .values({ org_id: input.orgId, number_prefix: input.numberPrefix, basis: input.basis, active: input.active })
      .onConflict((oc) =>
        oc.column('org_id').doUpdateSet({
          number_prefix: input.numberPrefix,
          basis: input.basis,
          active: input.active,
          updated_at: nowOf(ctx),
        }),
      )
      .execute();
    await recordAudit(trx, ctx, {
      action: 'issuing_body.listed',
      entityKind: 'issuing_body',
      entityId: input.orgId,
      orgId: input.orgId,
      data: { orgId: input.orgId, numberPrefix: input.numberPrefix, active: input.active },
    });
  });
}
