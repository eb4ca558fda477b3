
import { systemCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import type { Db } from '../../../platform/db/engine.js';
import { notFound } from '../../../platform/errors.js';
import type { z } from '../../../platform/http/zod.js';
import { acceptSubmission, admitComment, commenterKey } from '../../../procedures/public-comment/index.js';
import type { PublicCommentBody } from '../normative.schemas.js';

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
      duplicateOf: async () =>
        (
          await trx
            .selectFrom('normative_comments')
            .select('receipt_no')
            .where('doc_id', '=', d.id)
            .where('client_key', '=', clientKey)
            .where('body', '=', body)
            .executeTakeFirst()
        )?.receipt_no,
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
