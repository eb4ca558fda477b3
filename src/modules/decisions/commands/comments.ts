import { createHash } from 'node:crypto';
import { type RequestCtx, systemCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import type { Db } from '../../../platform/db/engine.js';
import { AppError, conflict, notFound } from '../../../platform/errors.js';
import type { z } from '../../../platform/http/zod.js';
import {
  acceptSubmission,
  admitComment,
  assertDisposable,
  assertModeration,
  commenterKey,
  earlierReceipt,
  safeFileName,
} from '../../../procedures/public-comment/index.js';
import { ATTACHMENT_TYPES, type DecisionsConfig } from '../decisions.config.js';
import { decisionsPolicy, isBodyManager, isLeadWorker } from '../decisions.policy.js';
import { loadDecision } from '../decisions.repo.js';
import type { DisposeBody, ModerateBody, PublicCommentBody } from '../decisions.schemas.js';

/** Decodes and checks attachments: count, size and type (declared type must match the file's leading bytes). */
export function checkAttachments(list: z.infer<typeof PublicCommentBody>['attachments'], cfg: DecisionsConfig) {
  if (list.length > cfg.commentMaxFiles)
    throw new AppError('unprocessable', `附件最多 ${cfg.commentMaxFiles} 个。`, { field: 'attachments' });
  return list.map((a, i) => {
    const t = ATTACHMENT_TYPES[a.mime];
    if (!t)
      throw new AppError(
        'unprocessable',
        `第 ${i + 1} 个附件类型不支持：只接受 ${Object.values(ATTACHMENT_TYPES)
          .map((x) => x.label)
          .join('、')}。`,
        { field: `attachments.${i}.mime` },
      );
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(a.dataBase64))
      throw new AppError('bad_request', `第 ${i + 1} 个附件编码不正确，请重新选择文件。`, {
        field: `attachments.${i}.dataBase64`,
      });
    const buf = Buffer.from(a.dataBase64, 'base64');
    if (buf.length === 0)
      throw new AppError('unprocessable', `第 ${i + 1} 个附件是空文件。`, { field: `attachments.${i}` });
    if (buf.length > cfg.commentMaxFileBytes) {
      throw new AppError(
        'payload_too_large',
        `第 ${i + 1} 个附件超过 ${Math.round(cfg.commentMaxFileBytes / 1024 / 1024)} MB，请压缩后再上传。`,
        { field: `attachments.${i}` },
      );
    }
    if (t.magic && !t.magic.every((b, k) => buf[k] === b))
      throw new AppError('unprocessable', `第 ${i + 1} 个附件的内容与类型（${t.label}）不符。`, {
        field: `attachments.${i}`,
      });
    if (!t.magic && buf.includes(0))
      throw new AppError('unprocessable', `第 ${i + 1} 个附件不是文本文件。`, { field: `attachments.${i}` });
    return {
      name: safeFileName(a.name),
      mime: a.mime,
      buf,
      size: buf.length,
      sha256: createHash('sha256').update(buf).digest('hex'),
    };
  });
}

/**
 * A public comment on an open comment period, from the portal (anonymous, individual or organisation).
 * Stored pending moderation; returns the receipt number. `clientKey` is a hash of the client address
 * (the address itself is not kept) for duplicate detection.
 */
export async function submitPublicComment(
  db: Db,
  ip: string,
  participationId: string,
  input: z.infer<typeof PublicCommentBody>,
  cfg: DecisionsConfig,
  /** The time of submission, from the injected clock. */
  now: Date,
) {
  const { name, contact, body } = acceptSubmission(input);
  const files = checkAttachments(input.attachments, cfg);
  const clientKey = commenterKey('decisions', ip);
  return db.transaction().execute(async (trx) => {
    const p = /^[0-9a-f-]{36}$/i.test(participationId)
      ? await trx.selectFrom('decision_participations').selectAll().where('id', '=', participationId).executeTakeFirst()
      : undefined;
    const d = p
      ? await trx
          .selectFrom('decisions')
          .select(['id', 'confidential', 'lead_org_id', 'title'])
          .where('id', '=', p.decision_id)
          .executeTakeFirst()
      : undefined;
    if (!p || !d || d.confidential || p.form !== 'comment_period') throw notFound('征求意见');
    const no = await admitComment({
      period: { open: p.status === 'open', opensOn: p.opens_on, closesOn: p.closes_on },
      now,
      prefix: 'YJ',
      duplicateOf: () =>
        earlierReceipt(trx, { table: 'decision_comments', column: 'participation_id', id: p.id }, clientKey, body),
    });
    const row = await trx
      .insertInto('decision_comments')
      .values({
        participation_id: p.id,
        decision_id: d.id,
        receipt_no: no,
        submitter_kind: input.submitterKind,
        submitter_name: name,
        contact,
        body,
        attachments: '[]',
        moderation_reason: null,
        disposition: null,
        disposition_reason: null,
        disposed_by: null,
        client_key: clientKey,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    const metas = [];
    for (const f of files) {
      const fr = await trx
        .insertInto('decision_comment_files')
        .values({ comment_id: row.id, name: f.name, mime: f.mime, size: f.size, sha256: f.sha256, content: f.buf })
        .returning('id')
        .executeTakeFirstOrThrow();
      metas.push({ fileId: fr.id, name: f.name, mime: f.mime, size: f.size, sha256: f.sha256 });
    }
    if (metas.length)
      await trx
        .updateTable('decision_comments')
        .set({ attachments: JSON.stringify(metas) })
        .where('id', '=', row.id)
        .execute();
    await recordAudit(
      trx,
      { ...systemCtx(), ip: null },
      {
        action: 'decision.comment_submitted',
        entityKind: 'decision',
        entityId: d.id,
        orgId: d.lead_org_id,
        data: { participationId: p.id, receiptNo: no, attachments: metas.length },
      },
    );
    return { receiptNo: no, submittedAt: now.toISOString(), closesOn: p.closes_on };
  });
}

/** Loads a comment for staff work on it (404 outside the actor's view, 403 for non-lead units). */
async function commentFor(trx: Parameters<typeof loadDecision>[0], ctx: RequestCtx, commentId: string) {
  const c = /^[0-9a-f-]{36}$/i.test(commentId)
    ? await trx.selectFrom('decision_comments').selectAll().where('id', '=', commentId).forUpdate().executeTakeFirst()
    : undefined;
  const d = c ? await loadDecision(trx, c.decision_id) : null;
  if (!c || !d || !ctx.actor || !decisionsPolicy.view(ctx.actor, d.orgs)) throw notFound('意见');
  if (!isLeadWorker(ctx.actor, d.orgs.leadPath) && !isBodyManager(ctx.actor, d.orgs.bodyPath))
    throw new AppError('forbidden', '只有承办单位可以处理公众意见。');
  const p = await trx
    .selectFrom('decision_participations')
    .select('status')
    .where('id', '=', c.participation_id)
    .executeTakeFirstOrThrow();
  if (p.status === 'closed') throw conflict('征求意见已经结束，意见处理结果已固定，不能再修改。');
  return { c, d };
}

/** Moderation: publish a comment on the portal, or withhold it with a reason (kept in the record). */
export async function moderateComment(db: Db, ctx: RequestCtx, commentId: string, input: z.infer<typeof ModerateBody>) {
  return db.transaction().execute(async (trx) => {
    const { c, d } = await commentFor(trx, ctx, commentId);
    assertModeration(input.moderation, input.reason);
    await trx
      .updateTable('decision_comments')
      .set({
        moderation: input.moderation,
        moderation_reason: input.reason ?? null,
        ...(input.moderation === 'rejected' ? { disposition: null, disposition_reason: null } : {}),
      })
      .where('id', '=', c.id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'decision.comment_moderated',
      entityKind: 'decision',
      entityId: d.id,
      orgId: d.lead_org_id,
      data: { commentId: c.id, moderation: input.moderation, reason: input.reason ?? null },
    });
  });
}

/** Disposition of a comment (Art 18): adopted, partly adopted or not adopted, always with a reason. */
export async function disposeComment(db: Db, ctx: RequestCtx, commentId: string, input: z.infer<typeof DisposeBody>) {
  return db.transaction().execute(async (trx) => {
    const { c, d } = await commentFor(trx, ctx, commentId);
    assertDisposable(c);
    await trx
      .updateTable('decision_comments')
      .set({ disposition: input.disposition, disposition_reason: input.reason, disposed_by: ctx.actor?.userId ?? null })
      .where('id', '=', c.id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'decision.comment_disposed',
      entityKind: 'decision',
      entityId: d.id,
      orgId: d.lead_org_id,
      data: { commentId: c.id, disposition: input.disposition },
    });
  });
}
