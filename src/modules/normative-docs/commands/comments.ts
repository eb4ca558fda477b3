import { type RequestCtx, systemCtx } from '../../../platform/access/actor.js';
import { nowOf } from '../../../platform/clock.js';
import { recordAudit } from '../../../platform/audit/index.js';
import type { Db, Executor } from '../../../platform/db/engine.js';
import { AppError, conflict, forbidden, notFound } from '../../../platform/errors.js';
import type { z } from '../../../platform/http/zod.js';
import {
  acceptSubmission,
  dispositionReportLines,
  admitComment,
  assertAllDisposed,
  commenterKey,
  earlierReceipt,
} from '../../../procedures/public-comment/index.js';
import { normativePolicy } from '../normative.policy.js';
import { type DocRow, findDoc } from '../normative.repo.js';
import type { DisposeCommentBody, PublicCommentBody } from '../normative.schemas.js';

/**
 * A public comment on a draft in its comment period (anonymous, individual or organisation). Returns the
 * receipt number. `ip` is kept only as a hash, to refuse the same text sent twice from the same client.
 */
export async function submitPublicComment(
  db: Db,
  ip: string,
  docId: string,
  input: z.infer<typeof PublicCommentBody>,
  /** The time of submission, from the injected clock. */
  now: Date,
): Promise<{ receiptNo: string; submittedAt: string; commentEnd: string | null }> {
  const { name, contact, body } = acceptSubmission(input);
  const clientKey = commenterKey('normative', ip);
  return db.transaction().execute(async (trx) => {
    const d = await trx
      .selectFrom('normative_docs')
      .select(['id', 'org_id', 'status', 'comment_start', 'comment_end'])
      .where('id', '=', docId)
      .executeTakeFirst();
    if (!d?.comment_start || !d.comment_end) throw notFound('征求意见的文件');
    const no = await admitComment({
      period: { open: d.status === 'commenting', opensOn: d.comment_start, closesOn: d.comment_end },
      now,
      prefix: 'GF',
      duplicateOf: () =>
        earlierReceipt(trx, { table: 'normative_comments', column: 'doc_id', id: d.id }, clientKey, body),
    });
    await trx
      .insertInto('normative_comments')
      .values({
        doc_id: d.id,
        receipt_no: no,
        submitter_kind: input.submitterKind,
        submitter_name: name,
        contact,
        body,
        client_key: clientKey,
      })
      .execute();
    await recordAudit(
      trx,
      { ...systemCtx(), ip: null },
      {
        action: 'normative_doc.comment_submitted',
        entityKind: 'normative_doc',
        entityId: d.id,
        orgId: d.org_id,
        data: { receiptNo: no, submitterKind: input.submitterKind },
      },
    );
    return { receiptNo: no, submittedAt: now.toISOString(), commentEnd: d.comment_end };
  });
}

/**
 * The drafting unit disposes of a public comment while the period runs: adopted, partly adopted or not adopted,
 * always with a reason; the adoption statement is compiled from these when the period is closed. Not visible →
 * 404; not the drafting unit → 403; the period closed → 409 (the statement is fixed).
 */
export async function disposeComment(
  db: Db,
  ctx: RequestCtx,
  docId: string,
  commentId: string,
  input: z.infer<typeof DisposeCommentBody>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const d = await findDoc(trx, docId);
    if (!d || !ctx.actor || !normativePolicy.view(ctx.actor, d.org_path)) throw notFound('规范性文件');
    const c = await trx
      .selectFrom('normative_comments')
      .select(['id', 'receipt_no'])
      .where('id', '=', commentId)
      .where('doc_id', '=', d.id)
      .forUpdate()
      .executeTakeFirst();
    if (!c) throw notFound('意见');
    if (!normativePolicy.draft(ctx.actor, d.org_path)) throw forbidden('只有起草单位可以处理公众意见。');
    if (d.status !== 'commenting') throw conflict('征求意见已经结束，意见处理结果已固定，不能再修改。');
    await trx
      .updateTable('normative_comments')
      .set({
        disposition: input.disposition,
        disposition_reason: input.reason,
        disposed_by: ctx.actor.userId,
        disposed_at: nowOf(ctx),
      })
      .where('id', '=', c.id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'normative_doc.comment_disposed',
      entityKind: 'normative_doc',
      entityId: d.id,
      orgId: d.org_id,
      data: { commentId: c.id, receiptNo: c.receipt_no, disposition: input.disposition },
    });
  });
}

/**
 * The statement of how public comments were adopted (意见采纳情况说明), compiled from the dispositions: refused
 * (422 listing the receipt numbers) while a portal comment is still undisposed.
 */
export async function compileDispositionReport(
  trx: Executor,
  d: Pick<DocRow, 'id' | 'title' | 'comment_start' | 'comment_end' | 'comment_shortened_reason'>,
  offline: { count: number; statement?: string },
): Promise<{ statement: string; count: number }> {
  const cs = await trx
    .selectFrom('normative_comments')
    .select(['receipt_no', 'body', 'disposition', 'disposition_reason'])
    .where('doc_id', '=', d.id)
    .orderBy('created_at')
    .execute();
  const states = cs.map((c) => ({
    receiptNo: c.receipt_no,
    moderation: 'published' as const,
    disposition: c.disposition,
    dispositionReason: c.disposition_reason,
    body: c.body,
  }));
  assertAllDisposed(states);
  if (offline.count > 0 && (offline.statement ?? '').length < 5)
    throw new AppError('unprocessable', '请说明通过其他渠道收到的意见的处理情况（至少 5 个字）。', {
      field: 'offlineStatement',
    });
  const lines = [
    `关于《${d.title}》公众意见采纳情况的说明`,
    ...dispositionReportLines(
      {
        title: '网上公开征求意见',
        opensOn: d.comment_start,
        closesOn: d.comment_end,
        shortenedReason: d.comment_shortened_reason,
      },
      states,
    ),
  ];
  if (offline.count > 0) lines.push(`通过信函、电子邮件等其他渠道收到意见${offline.count}条：${offline.statement}`);
  return { statement: lines.join('\n'), count: cs.length + offline.count };
}
