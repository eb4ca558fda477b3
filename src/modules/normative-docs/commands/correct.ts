import type { RequestCtx } from '../../../platform/access/actor.js';
import type { Db } from '../../../platform/db/engine.js';
import { unprocessable } from '../../../platform/errors.js';
import type { z } from '../../../platform/http/zod.js';
import { anchorRecord } from '../../../platform/ledger/index.js';
import { isInterimTitle } from '../normative.config.js';
import { publishedContent } from '../normative.records.js';
import { loadBases } from '../normative.repo.js';
import type { CorrectionBody } from '../normative.schemas.js';
import { contentHashOf, indexDoc } from './publish.js';
import { step } from './procedure.js';
import { nowOf } from '../../../platform/clock.js';

/**
 * A formal correction (更正) of a published document: the issuing body corrects its title, text or
 * interpretation with a stated reason. The correction is a new version (kept beside the earlier ones for the
 * diff), the corrected text is anchored again in the ledger — the portal's proof then matches the text it
 * shows — and the history on the portal names the correction and its reason. A published document is changed
 * in no other way: a change of substance is an amendment, a new document through the whole procedure.
 */
export function correctDoc(db: Db, ctx: RequestCtx, id: string, input: z.infer<typeof CorrectionBody>) {
  return step(db, ctx, id, 'correct', async (trx, d) => {
    const title = input.title ?? d.title;
    const body = input.body ?? d.body;
    const interpretation = input.interpretation ?? d.interpretation;
    if (title === d.title && body === d.body && interpretation === d.interpretation)
      throw unprocessable('更正内容与已公布文本相同，无需更正', { field: 'body' });
    const version = d.version + 1;
    const next = { ...d, title, body, interpretation };
    const content = publishedContent(next);
    await anchorRecord(trx, {
      recordKind: 'normative_doc',
      recordId: d.id,
      content: { ...content, bases: await loadBases(trx, d.id) },
    });
    await trx
      .insertInto('normative_doc_versions')
      .values({
        doc_id: id,
        version,
        title,
        body,
        change_note: `更正：${input.reason}`,
        created_by: ctx.actor?.userId ?? null,
        created_at: nowOf(ctx),
      })
      .execute();
    await indexDoc(trx, next, nowOf(ctx));
    return {
      patch: {
        title,
        body,
        interpretation,
        version,
        doc_type: isInterimTitle(title) ? 'interim' : d.doc_type,
        content_hash: contentHashOf(content),
      },
      note: `更正：${input.reason}`,
    };
  });
}
