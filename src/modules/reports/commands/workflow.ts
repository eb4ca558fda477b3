/** The report's workflow steps; each function is one business action in one transaction. */
import type { RequestCtx } from '../../../platform/access/actor.js';
import { closeDeadlinesFor, today } from '../../../platform/calendar/index.js';
import type { Db } from '../../../platform/db/engine.js';
import { unprocessable } from '../../../platform/errors.js';
import { anchorRecord } from '../../../platform/ledger/index.js';
import { publicReport } from '../reports.presenter.js';
import { loadReport } from '../reports.repo.js';
import { reportStep } from '../reports.frame.js';
import { missingSections, reportDueDates } from '../reports.workflow.js';
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
  await reportStep(db, ctx, id, 'request_approval', async (r) => {
    assertComplete(r.sections);
    return { patch: { return_reason: null } };
  });
}

/** The principal head approves (first-responsible-person duty). */
export async function approveReport(db: Db, ctx: RequestCtx, id: string): Promise<void> {
  await reportStep(db, ctx, id, 'approve', async (r, c) => {
    assertComplete(r.sections);
    return { patch: { approved_by: c.actor.userId, approved_at: c.now } };
  });
}

/**
 * Back to drafting with the reason: the unit's head returns its own report at any step before publication; the
 * 依法治区办 sends back a report once it has been approved.
 */
export async function returnReport(db: Db, ctx: RequestCtx, id: string, reason: string): Promise<void> {
  const r0 = await loadReport(db, id);
  const head = !!ctx.actor && hasRole(ctx.actor, 'principal_head', r0.org_path);
  await reportStep(db, ctx, id, head ? 'return' : 'send_back', async (r) => ({
    patch: { return_reason: reason, approved_by: null, approved_at: null, submitted_at: null },
    data: { reason, from: r.status },
  }));
}

/** Submitted to the coordinator (依法治区办); closes the 1 March deadline. */
export async function submitReport(db: Db, ctx: RequestCtx, id: string): Promise<{ late: boolean }> {
  let late = false;
  await reportStep(db, ctx, id, 'submit', async (r, c) => {
    assertComplete(r.sections);
    assertYearEnded(r.year, c.now);
    late = today(c.now) > reportDueDates(r.year).submitBy;
    await closeDeadlinesFor(c.trx, ctx, 'annual_report', id, 'report.submit');
    return { patch: { submitted_at: c.now }, data: { late } };
  });
  return { late };
}

/** Published on the portal and anchored in the ledger; closes the 1 April deadline (督察规定 Art 24). */
export async function publishReport(db: Db, ctx: RequestCtx, id: string): Promise<{ late: boolean; leafHash: string }> {
  let out = { late: false, leafHash: '' };
  await reportStep(db, ctx, id, 'publish', async (r, c) => {
    assertYearEnded(r.year, c.now);
    const late = today(c.now) > reportDueDates(r.year).publishBy;
    const content = publicReport({ ...r, status: 'published', published_at: c.now });
    const anchored = await anchorRecord(c.trx, { recordKind: 'annual_report', recordId: id, content });
    await closeDeadlinesFor(c.trx, ctx, 'annual_report', id, 'report.publish');
    out = { late, leafHash: anchored.leafHash };
    return { patch: { published_at: c.now }, data: out };
  });
  return out;
}
