import type { reportAbilities } from './reports.presenter.js';
import type { ReportRow } from './reports.repo.js';
import { type ReportAction, SECTIONS, sectionHeading } from './reports.workflow.js';

/** The workflow action each ability stands for (to tell "wrong step" 409 from "wrong role" 403). */
export const ABILITY_ACTION: Record<keyof ReturnType<typeof reportAbilities>, ReportAction> = {
  edit: 'edit',
  requestApproval: 'request_approval',
  approve: 'approve',
  return: 'return',
  submit: 'submit',
  publish: 'publish',
};

/**
 * 主送机关 by default (督察规定 as restated in the 2023 provincial guide, RULES §7.1): a government reports to the
 * same-level Party committee and NPC Standing Committee; a department to the same-level Party committee and
 * government. The export route accepts another recipient as a parameter.
 */
export const DEFAULT_RECIPIENTS = { government: '区委、区人大常委会', unit: '区委、区政府' } as const;
export const defaultRecipient = (orgKind: string) =>
  orgKind === 'government' ? DEFAULT_RECIPIENTS.government : DEFAULT_RECIPIENTS.unit;

type Comparable = Pick<ReportRow, 'id' | 'year' | 'status' | 'figures' | 'sections'>;

/** This year's report beside the previous year's: every figure with its change, every section's two texts. */
export function compareReports(rep: Comparable, prev: Comparable | null) {
  // The report year's own figures (the context figures of adjacent years are compared through those years' reports).
  const own = (r: Comparable) => r.figures.filter((f) => (f.year ?? r.year) === r.year);
  const rows = own(rep).map((f) => {
    const p = (prev ? own(prev) : []).find((x) => x.code === f.code)?.value ?? null;
    return {
      code: f.code,
      label: f.label,
      unit: f.unit,
      current: f.value,
      previous: p,
      change: f.value !== null && p !== null ? Math.round((f.value - p) * 10) / 10 : null,
    };
  });
  const sections = SECTIONS.map((s) => {
    const current = rep.sections[s.key] ?? '';
    const previous = prev ? (prev.sections[s.key] ?? '') : null;
    return {
      key: s.key,
      heading: sectionHeading(s, rep.year),
      current,
      previous,
      changed: previous !== null && previous.trim() !== current.trim(),
    };
  });
  return { previous: prev ? { id: prev.id, year: prev.year, status: prev.status } : null, rows, sections };
}
