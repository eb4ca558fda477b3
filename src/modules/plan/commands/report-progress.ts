import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import type { Db } from '../../../platform/db/engine.js';
import { AppError, conflict, notFound, unprocessable } from '../../../platform/errors.js';
import { checkProgress } from '../plan.logic.js';
import type { Evidence } from '../plan.tables.js';
import { nowOf } from '../../../platform/clock.js';

export interface ProgressInput {
  progress: number;
  note: string;
  reason?: string;
  evidence: Evidence[];
}

/** A unit reports progress on its task, with evidence. 100 % completes the task. */
export async function reportProgress(
  db: Db,
  ctx: RequestCtx,
  taskId: string,
  input: ProgressInput,
): Promise<{ progress: number; status: 'open' | 'done' }> {
  return db.transaction().execute(async (trx) => {
    const t = await trx.selectFrom('plan_tasks').selectAll().where('id', '=', taskId).forUpdate().executeTakeFirst();
    if (!t) throw notFound('任务');
    if (t.status === 'done') throw conflict('该任务已完成（100%），不能再报送进展');
    const bad = checkProgress({ current: t.progress, next: input.progress, reason: input.reason });
    if (bad)
      throw new AppError(bad.field === 'progress' ? 'bad_request' : 'unprocessable', bad.message, { field: bad.field });
    if (input.progress === 100 && input.evidence.length === 0) {
      throw unprocessable('任务完成（100%）须附至少一项佐证材料', { field: 'evidence' });
    }
    for (const e of input.evidence) {
      if (!e.fileSha256) continue;
      const f = await trx
        .selectFrom('plan_evidence_files')
        .select('sha256')
        .where('sha256', '=', e.fileSha256)
        .executeTakeFirst();
      if (!f) throw unprocessable(`佐证材料“${e.title}”的附件不存在，请重新上传`, { field: 'evidence' });
    }
    const status = input.progress === 100 ? 'done' : 'open';
    await trx
      .insertInto('plan_progress_reports')
      .values({
        task_id: t.id,
        progress_from: t.progress,
        progress_to: input.progress,
        note: input.note,
        reason: input.reason?.trim() || null,
        evidence: JSON.stringify(input.evidence),
        reported_by: ctx.actor?.userId ?? null,
        // The time of the report, from the injected clock: figures read progress as of a date (plan.indicators.ts).
        reported_at: nowOf(ctx),
      })
      .execute();
    await trx
      .updateTable('plan_tasks')
      .set({ progress: input.progress, status, last_reported_at: nowOf(ctx), updated_at: nowOf(ctx) })
      .where('id', '=', t.id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'plan_task.progress_reported',
      entityKind: 'plan_task',
      entityId: t.id,
      orgId: t.org_id,
      data: {
        from: t.progress,
        to: input.progress,
        reason: input.reason?.trim() || null,
        evidence: input.evidence.length,
      },
    });
    return { progress: input.progress, status };
  });
}
