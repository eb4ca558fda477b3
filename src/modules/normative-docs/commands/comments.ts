
import { systemCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import type { Db } from '../../../platform/db/engine.js';
import { notFound } from '../../../platform/errors.js';
import type { z } from '../../../platform/http/zod.js';
import {
  acceptSubmission,
  assertPeriodOpen,
  commenterKey,
  duplicateComment,
  receiptNo,
} from '../../../platform/public-comments/intake.js';
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
  now = new Date(),
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
    assertPeriodOpen({ open: d.status === 'commenting', opensOn: d.comment_start, closesOn: d.comment_end }, now);
    const dup = await trx
      .selectFrom('normative_comments')
      .select('receipt_no')
      .where('doc_id', '=', d.id)
      .where('client_key', '=', clientKey)
      .where('body', '=', body)
      .executeTakeFirst();
    if (dup) throw duplicateComment(dup.receipt_no);
    const no = receiptNo('GF', now);
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
