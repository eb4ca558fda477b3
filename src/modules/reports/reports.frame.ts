import type { RequestCtx } from '../../platform/access/actor.js';
import { canSeeOrg, hasAnyRole, hasRole } from '../../platform/access/scope.js';
import type { AuditAction, AuditInput } from '../../platform/audit/index.js';
import type { Db } from '../../platform/db/engine.js';
import { type Act, transitionRunner } from '../../platform/workflow/index.js';
import { loadReport, type ReportRow } from './reports.repo.js';
import type { ReportStatus } from './reports.tables.js';
import { type ReportAction, reportWorkflow } from './reports.workflow.js';

/** The audit event each step writes. */
const AUDIT: Record<Exclude<ReportAction, 'edit'>, AuditAction> = {
  request_approval: 'annual_report.approval_requested',
  approve: 'annual_report.approved',
  return: 'annual_report.returned',
  send_back: 'annual_report.returned',
  submit: 'annual_report.submitted',
  publish: 'annual_report.published',
};

/**
 * Every step of an annual report runs in the kernel's command frame (ADR 0004): lock and re-read, 404 unless the
 * actor sees the unit, 403 unless a party the declaration names (the unit's liaison, staff or head; its head; the
 * 依法治区办), 409 out of order, then the step's own content checks (422), the status write and its audit event.
 */
const runner = transitionRunner<ReportRow, ReportStatus, ReportAction, 'unit' | 'head' | 'coordinator', undefined>({
  workflow: reportWorkflow,
  load: async (trx, id) => loadReport(trx, id, true),
  visible: (actor, r) => canSeeOrg(actor, r.org_path),
  isParty: (actor, party, r) =>
    party === 'unit'
      ? hasAnyRole(actor, ['liaison', 'principal_head', 'staff'], r.org_path)
      : party === 'head'
        ? hasRole(actor, 'principal_head', r.org_path)
        : hasRole(actor, 'coordinator'),
  status: (r) => r.status as ReportStatus,
  save: async (trx, r, { to, patch, now }) => {
    await trx
      .updateTable('annual_reports')
      .set({ ...patch, status: to, updated_at: now })
      .where('id', '=', r.id)
      .execute();
  },
  // The events' data are the act's (typed per event in reports.tables.ts).
  audit: (r, c) =>
    ({
      action: AUDIT[c.action as Exclude<ReportAction, 'edit'>],
      entityKind: 'annual_report',
      entityId: r.id,
      orgId: r.org_id,
      data: c.data,
      ...(c.action === 'publish' ? { visibility: 'public' as const } : {}),
    }) as AuditInput<AuditAction>,
});

export const reportStep = (
  db: Db,
  ctx: RequestCtx,
  id: string,
  action: Exclude<ReportAction, 'edit'>,
  act: Act<ReportRow, ReportStatus, undefined>,
) => runner(db, ctx, id, action, act);
