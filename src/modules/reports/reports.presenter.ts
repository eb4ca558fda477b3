import type { Actor } from '../../platform/access/actor.js';
import { hasAnyRole, hasRole } from '../../platform/access/scope.js';
import { defaultRecipient } from './reports.compare.js';
import type { ReportRow } from './reports.repo.js';
import { SECTIONS, STATUS_ZH, reportDueDates, sectionDefs, sectionHeading } from './reports.workflow.js';

type Row = Pick<
  ReportRow,
  'id' | 'org_id' | 'org_name' | 'year' | 'title' | 'doc_no' | 'sections' | 'figures' | 'status'
> & { published_at: Date | null };

/** What the portal shows and the ledger anchors: the text and the figures, never staff-only fields. */
export function publicReport(r: Row) {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    year: r.year,
    title: r.title,
    docNo: r.doc_no,
    sections: SECTIONS.filter((s) => (r.sections[s.key] ?? '').trim()).map((s) => ({
      key: s.key,
      heading: sectionHeading(s, r.year),
      text: r.sections[s.key],
    })),
    figures: r.figures
      .filter((f) => f.status === 'computed')
      .map((f) => ({ code: f.code, label: f.label, value: f.value, unit: f.unit, basis: f.basis })),
    publishedAt: r.published_at?.toISOString() ?? null,
  };
}

export function reportAbilities(a: Actor, r: Pick<ReportRow, 'status' | 'org_path'>) {
  const unit = hasAnyRole(a, ['liaison', 'principal_head', 'staff'], r.org_path);
  const head = hasRole(a, 'principal_head', r.org_path);
  const coordinator = hasRole(a, 'coordinator');
  return {
    edit: r.status === 'draft' && (unit || coordinator),
    requestApproval: r.status === 'draft' && (unit || coordinator),
    approve: r.status === 'awaiting_approval' && head,
    return:
      (r.status === 'awaiting_approval' && head) ||
      ((r.status === 'submitted' || r.status === 'approved') && (coordinator || head)),
    submit: r.status === 'approved' && (unit || coordinator),
    publish: r.status === 'submitted' && (coordinator || head),
  };
}

export function staffReport(r: ReportRow, a: Actor) {
  const due = reportDueDates(r.year);
  return {
    ...publicReport(r),
    status: r.status,
    statusLabel: STATUS_ZH[r.status],
    rawSections: r.sections,
    sectionDefs: sectionDefs(r.year),
    figures: r.figures,
    cc: r.cc,
    defaultRecipient: defaultRecipient(r.org_kind),
    snapshotAt: r.snapshot_at?.toISOString() ?? null,
    ledgerTreeSize: r.ledger_tree_size === null ? null : String(r.ledger_tree_size),
    ledgerRoot: r.ledger_root,
    ledgerCheckpoint: r.ledger_tree_size === null ? null : `/api/public/ledger/checkpoints/${r.ledger_tree_size}`,
    submitBy: r.org_kind === 'government' ? null : due.submitBy,
    publishBy: due.publishBy,
    submittedAt: r.submitted_at?.toISOString() ?? null,
    approvedAt: r.approved_at?.toISOString() ?? null,
    returnReason: r.return_reason,
    version: r.version,
    abilities: reportAbilities(a, r),
  };
}
