import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import type { Db } from '../../../platform/db/engine.js';
import { conflict } from '../../../platform/errors.js';
import { loadReport } from '../reports.repo.js';
import type { Sections } from '../reports.tables.js';
import { assertTransition } from '../reports.workflow.js';
import { nowOf } from '../../../platform/clock.js';

export interface EditInput {
  /** The version the editor started from: a concurrent edit is a conflict, not a silent overwrite. */
  version: number;
  title?: string;
  docNo?: string | null;
  cc?: string;
  sections?: Partial<Sections>;
}

/** Edit the narrative while drafting. */
export async function editReport(db: Db, ctx: RequestCtx, id: string, input: EditInput): Promise<{ version: number }> {
  return db.transaction().execute(async (trx) => {
    const r = await loadReport(trx, id, true);
    assertTransition(r.status, 'edit');
    if (r.version !== input.version)
      throw conflict('报告已被他人修改，请刷新后在最新版本上编辑（您的修改尚未保存，请先复制留存）', {
        version: r.version,
      });
    const sections = { ...r.sections, ...input.sections };
    const fields = [
      ...Object.keys(input.sections ?? {}).map((k) => `sections.${k}`),
      ...(['title', 'docNo', 'cc'] as const).filter((k) => input[k] !== undefined),
    ];
    const version = r.version + 1;
    await trx
      .updateTable('annual_reports')
      .set({
        sections: JSON.stringify(sections),
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.docNo !== undefined ? { doc_no: input.docNo } : {}),
        ...(input.cc !== undefined ? { cc: input.cc } : {}),
        version,
        updated_at: nowOf(ctx),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'annual_report.edited',
      entityKind: 'annual_report',
      entityId: id,
      orgId: r.org_id,
      data: { fields, version },
    });
    return { version };
  });
}
