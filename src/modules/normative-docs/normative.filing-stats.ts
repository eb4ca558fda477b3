import { getRule } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/engine.js';
import type { FilingRatesRowDto } from './normative-docs.contract.js';

/**
 * The filing figures of 示范指标体系 No. 27 (报备率、及时报备率、规范率, target 100%), computed once here for the
 * indicators and for the per-unit table of the filing workbench, so the two always agree.
 */
export interface FilingFacts {
  id: string;
  org_id: string;
  org_name: string;
  title: string;
  registration_no: string | null;
  legality_outcome: string | null;
  filing_status: string | null;
  late: boolean | null;
  submitted_on: string | null;
}

/** Documents published in the year: by the unit's subtree (orgPath prefix), by the given units, or by all. */
export async function publishedIn(
  db: Executor,
  year: number,
  scope: { orgPath?: string | null; orgIds?: string[] } = {},
): Promise<FilingFacts[]> {
  let q = db
    .selectFrom('normative_docs as d')
    .innerJoin('organizations as o', 'o.id', 'd.org_id')
    .leftJoin('normative_filings as f', 'f.doc_id', 'd.id')
    .select([
      'd.id',
      'd.org_id',
      'o.name as org_name',
      'd.title',
      'd.registration_no',
      'd.legality_outcome',
      'f.status as filing_status',
      'f.late',
      'f.submitted_on',
    ])
    .where('d.published_on', '>=', `${year}-01-01`)
    .where('d.published_on', '<=', `${year}-12-31`);
  if (scope.orgPath !== undefined && scope.orgPath !== null) q = q.where('o.path', 'like', `${scope.orgPath}%`);
  if (scope.orgIds) q = q.where('d.org_id', 'in', scope.orgIds.length ? scope.orgIds : [NO_ORG]);
  return q.orderBy('d.published_on').execute();
}

const NO_ORG = '00000000-0000-0000-0000-000000000000';

/** Review outcomes that conclude a filing review (a return for supplement does not). */
export const REVIEW_CONCLUDED = ['accepted', 'correction_required', 'revocation_proposed'];

export const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);

export type FilingRates = FilingRatesRowDto;

/**
 * filed / published; filed on time / published (a filing after the deadline, or none, is not on time);
 * accepted / reviews concluded (correction or revocation requested is not conforming).
 */
export function filingRates(docs: FilingFacts[]): FilingRates {
  const filed = docs.filter((d) => d.submitted_on !== null).length;
  const onTime = docs.filter((d) => d.submitted_on !== null && d.late === false).length;
  const reviewed = docs.filter((d) => REVIEW_CONCLUDED.includes(d.filing_status ?? '')).length;
  const accepted = docs.filter((d) => d.filing_status === 'accepted').length;
  return {
    published: docs.length,
    filed,
    onTime,
    reviewed,
    accepted,
    filingRatePct: pct(filed, docs.length),
    onTimePct: pct(onTime, docs.length),
    conformityPct: pct(accepted, reviewed),
  };
}

/** "30日" or "20个工作日": the filing period of the rule in force (`normative.filing`, configurable). */
export function filingPeriodText(): string {
  const r = getRule('normative.filing');
  const unit = { calendar_days: '日', working_days: '个工作日', months: '个月', years: '年' }[r.unit];
  return `${r.amount}${unit}`;
}

/** The per-unit table: one row per unit with documents published in the year, and the total. */
export function ratesByUnit(docs: FilingFacts[]) {
  const byOrg = new Map<string, { orgId: string; orgName: string; docs: FilingFacts[] }>();
  for (const d of docs) {
    const u = byOrg.get(d.org_id) ?? { orgId: d.org_id, orgName: d.org_name, docs: [] };
    u.docs.push(d);
    byOrg.set(d.org_id, u);
  }
  return {
    units: [...byOrg.values()].map((u) => ({ orgId: u.orgId, orgName: u.orgName, ...filingRates(u.docs) })),
    total: filingRates(docs),
  };
}
