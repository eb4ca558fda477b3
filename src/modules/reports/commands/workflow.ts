/** The report's workflow steps; each function is one business action in one transaction. */
import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import { closeDeadlinesFor, today } from '../../../platform/calendar/index.js';
import type { Db } from '../../../platform/db/engine.js';
import { unprocessable } from '../../../platform/errors.js';
import { anchorRecord } from '../../../platform/ledger/index.js';
import { publicReport } from '../reports.presenter.js';
import { loadReport } from '../reports.repo.js';
import { assertTransition, missingSections, reportDueDates } from '../reports.workflow.js';
import { nowOf } from '../../../platform/clock.js';
import { hasRole } from '../../../platform/access/scope.js';

function assertComplete(sections: Parameters<typeof missingSections>[0]) {
  const missing = missingSections(sections);
  if (missing.length)
    throw unprocessable(`以下必备内容尚未填写：${missing.join('、')}。请补充后再提交（内容已保存，不会丢失）`, {
      missing,
    });
}

/** A report covers a whole year: it is submitted and published only after the year has ended. */
function assertYearEnded(year: number, now: Date) {
  if (today(now) <= `${year}-12-31`)
    throw unprocessable(`${year}年度尚未结束，年度报告应在次年报送和公开`, { field: 'year' });
}

/** The liaison asks the principal head to approve. */
export async function requestApproval(db: Db, ctx: RequestCtx, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const r = await loadReport(trx, id, true);
    const to = assertTransition(r.status, 'request_approval');
    assertComplete(r.sections);
    await trx
      .updateTable('annual_reports')
      .set({ status: to, return_reason: null, updated_at: nowOf(ctx) })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'annual_report.approval_requested',
      entityKind: 'annual_report',
      entityId: id,
      orgId: r.org_id,
      data: {},
    });
  });
}

/** The principal head approves (first-responsible-person duty). */
export async function approveReport(db: Db, ctx: RequestCtx, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const r = await loadReport(trx, id, true);
    const to = assertTransition(r.status, 'approve');
    assertComplete(r.sections);
    await trx
      .updateTable('annual_reports')
      .set({ status: to, approved_by: ctx.actor?.userId ?? null, approved_at: nowOf(ctx), updated_at: nowOf(ctx) })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'annual_report.approved',
      entityKind: 'annual_report',
      entityId: id,
      orgId: r.org_id,
      data: {},
    });
  });
}

export async function returnReport(db: Db, ctx: RequestCtx, id: string, reason: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const r = await loadReport(trx, id, true);
    // The unit's head returns its own report; anyone else who may return one is the 依法治区办 sending it back.
    const head = !!ctx.actor && hasRole(ctx.actor, 'principal_head', r.org_path);
    const to = assertTransition(r.status, head ? 'return' : 'send_back');
    await trx
      .updateTable('annual_reports')
      .set({
        status: to,
        return_reason: reason,
        approved_by: null,
        approved_at: null,
        submitted_at: null,
        updated_at: nowOf(ctx),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'annual_report.returned',
      entityKind: 'annual_report',
      entityId: id,
      orgId: r.org_id,
      data: { reason, from: r.status },
    });
  });
}

/** Submitted to the coordinator (依法治区办); closes the 1 March deadline. */
export async function submitReport(db: Db, ctx: RequestCtx, id: string): Promise<{ late: boolean }> {
  return db.transaction().execute(async (trx) => {
    const r = await loadReport(trx, id, true);
    const to = assertTransition(r.status, 'submit');
    assertComplete(r.sections);
    assertYearEnded(r.year, nowOf(ctx));
    const late = today(nowOf(ctx)) > reportDueDates(r.year).submitBy;
    await trx
      .updateTable('annual_reports')
      .set({ status: to, submitted_at: nowOf(ctx), updated_at: nowOf(ctx) })
      .where('id', '=', id)
      .execute();
    await closeDeadlinesFor(trx, ctx, 'annual_report', id, 'report.submit');
    await recordAudit(trx, ctx, {
      action: 'annual_report.submitted',
      entityKind: 'annual_report',
      entityId: id,
      orgId: r.org_id,
      data: { late },
    });
    return { late };
  });
}

/** Published on the portal and anchored in the ledger; closes the 1 April deadline (督察规定 Art 24). */
export async function publishReport(db: Db, ctx: RequestCtx, id: string): Promise<{ late: boolean; leafHash: string }> {
  return db.transaction().execute(async (trx) => {
    const r = await loadReport(trx, id, true);
    const to = assertTransition(r.status, 'publish');
    assertYearEnded(r.year, nowOf(ctx));
    const now = nowOf(ctx);
    const late = today(now) > reportDueDates(r.year).publishBy;
    await trx
      .updateTable('annual_reports')
      .set({ status: to, published_at: now, updated_at: now })
      .where('id', '=', id)
      .execute();
    const content = publicReport({ ...r, status: to, published_at: now });
    const anchored = await anchorRecord(trx, { recordKind: 'annual_report', recordId: id, content });
    await closeDeadlinesFor(trx, ctx, 'annual_report', id, 'report.publish');
    await recordAudit(trx, ctx, {
      action: 'annual_report.published',
      entityKind: 'annual_report',
      entityId: id,
      orgId: r.org_id,
      data: { late, leafHash: anchored.leafHash },
      visibility: 'public',
    });
    return { late, leafHash: anchored.leafHash };
  });
}
