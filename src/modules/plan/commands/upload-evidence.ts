import { createHash } from 'node:crypto';
import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import type { Db } from '../../../platform/db/engine.js';
import { AppError, badRequest } from '../../../platform/errors.js';

/** Documented default: evidence files up to 512 KB (FAZHI_PLAN_EVIDENCE_MAX_BYTES). */
export const evidenceMaxBytes = (env: NodeJS.ProcessEnv = process.env) => {
  const v = Number(env.FAZHI_PLAN_EVIDENCE_MAX_BYTES);
  return Number.isInteger(v) && v > 0 ? v : 512 * 1024;
};

/** Store an evidence file by its SHA-256 (the same file uploaded twice is stored once). */
export async function uploadEvidence(
  db: Db,
  ctx: RequestCtx,
  input: { name: string; mime: string; contentBase64: string },
): Promise<{ sha256: string; size: number }> {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(input.contentBase64))
    throw badRequest('附件内容不是有效的 Base64 编码', { field: 'contentBase64' });
  const content = Buffer.from(input.contentBase64, 'base64');
  if (content.length === 0) throw badRequest('附件内容为空', { field: 'contentBase64' });
  if (content.length > evidenceMaxBytes())
    throw new AppError('payload_too_large', `附件不能超过 ${Math.floor(evidenceMaxBytes() / 1024)} KB`, {
      field: 'contentBase64',
    });
  const sha256 = createHash('sha256').update(content).digest('hex');
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('plan_evidence_files')
      .values({ sha256, name: input.name, mime: input.mime, size: content.length, content })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    await recordAudit(trx, ctx, {
      action: 'plan_evidence.uploaded',
      entityKind: 'plan_evidence',
      entityId: sha256,
      data: { name: input.name, size: content.length },
    });
    return { sha256, size: content.length };
  });
}
