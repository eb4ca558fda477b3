import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import { addCalendarDays, today } from '../../../platform/calendar/index.js';
import type { Db } from '../../../platform/db/engine.js';
import { AppError, conflict, notFound, unprocessable } from '../../../platform/errors.js';
import type { z } from '../../../platform/http/zod.js';
import { anchorRecord } from '../../../platform/ledger/index.js';
import { isInterimTitle, normativeSettings } from '../normative.config.js';
import { normativePolicy } from '../normative.policy.js';
import { publishedContent } from '../normative.records.js';
import { findDoc, loadBases } from '../normative.repo.js';
import type { HistoricalDocBody } from '../normative.schemas.js';
import { BLANK_PROCEDURE } from '../normative.tables.js';
import { setBases } from './drafting.js';
import { contentHashOf, indexDoc, validityEnd } from './publish.js';
import { nowOf } from '../../../platform/clock.js';

/**
 * Historical entry (补录) of a document the unit published before it used this platform: its original number,
 * publication and effective dates, validity and legal bases, with who entered it and why. It enters the library
 * in force (or already lapsed, when its validity ended), anchored in the ledger like any published text and
 * labelled as entered afterwards wherever it is shown and counted. It is not a way around the procedure: a
 * publication date later than today is refused, and its number may not be one already on record.
 */
export async function enterHistoricalDoc(
  db: Db,
  ctx: RequestCtx,
  input: z.infer<typeof HistoricalDocBody>,
): Promise<string> {
  const now = nowOf(ctx);
  const t = today(now);
  return db.transaction().execute(async (trx) => {
    const org = await trx
      .selectFrom('organizations')
      .select(['id', 'path', 'name'])
      .where('id', '=', input.orgId)
      .executeTakeFirst();
    if (!org || !ctx.actor || !normativePolicy.view(ctx.actor, org.path)) throw notFound('制定机关');
    if (!normativePolicy.manage(ctx.actor, org.path))
      throw new AppError('forbidden', '只有制定单位的法治联络员或负责人可以补录本单位的规范性文件。');
    if (input.publishedOn > t)
      throw unprocessable('补录的公布日期不能晚于今天：尚未公布的文件请按程序制定', { field: 'publishedOn' });
    const effectiveOn = input.effectiveOn ?? input.publishedOn;
    if (effectiveOn < input.publishedOn) throw unprocessable('施行日期不能早于公布日期', { field: 'effectiveOn' });
    const dup = await trx
      .selectFrom('normative_docs')
      .select('id')
      .where('registration_no', '=', input.registrationNo)
      .executeTakeFirst();
    if (dup)
      throw conflict(`文号“${input.registrationNo}”已有文件，不能重复补录`, { field: 'registrationNo', docId: dup.id });
    const docType = isInterimTitle(input.title) ? ('interim' as const) : ('regular' as const);
    const validUntil = validityEnd({ doc_type: docType }, effectiveOn, input.validUntil, normativeSettings());
    const lapsed = validUntil < t;
    const row = await trx
      .insertInto('normative_docs')
      .values({
        org_id: org.id,
        title: input.title,
        doc_type: docType,
        business_related: input.businessRelated,
        affects_market: false,
        comment_required: false,
        status: lapsed ? 'expired' : 'in_force',
        body: input.body,
        version: 1,
        ...BLANK_PROCEDURE,
        registration_year: Number(input.publishedOn.slice(0, 4)),
        registration_seq: null,
        registration_no: input.registrationNo,
        interpretation: input.interpretation || null,
        published_on: input.publishedOn,
        effective_on: effectiveOn,
        valid_until: validUntil,
        ended_on: lapsed ? addCalendarDays(validUntil, 1) : null,
        end_reason: lapsed ? '有效期届满（补录时已失效）' : null,
        created_by: ctx.actor.userId,
        entered_afterwards: true,
        entry_reason: input.reason,
        entered_by: ctx.actor.userId,
        entered_at: now,
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
        change_note: `补录：${input.reason}`,
        created_by: ctx.actor.userId,
        created_at: now,
      })
      .execute();
    await setBases(trx, ctx, row.id, org.id, input.bases);
    const d = (await findDoc(trx, row.id))!;
    const content = publishedContent(d);
    await anchorRecord(trx, {
      recordKind: 'normative_doc',
      recordId: d.id,
      content: { ...content, bases: await loadBases(trx, d.id) },
    });
    await trx
      .updateTable('normative_docs')
      .set({ content_hash: contentHashOf(content) })
      .where('id', '=', d.id)
      .execute();
    await indexDoc(trx, d, now);
    await recordAudit(trx, ctx, {
      action: 'normative_doc.entered_afterwards',
      entityKind: 'normative_doc',
      entityId: d.id,
      orgId: org.id,
      data: { registrationNo: input.registrationNo, publishedOn: input.publishedOn, reason: input.reason },
    });
    return d.id;
  });
}
