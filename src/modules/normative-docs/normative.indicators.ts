import { sql } from 'kysely';
import type { Db } from '../../platform/db/engine.js';
import type { IndicatorDef, IndicatorRecord } from '../../platform/manifest.js';
import { filingPeriodText, filingRates, pct, publishedIn, REVIEW_CONCLUDED } from './normative.filing-stats.js';

/** Documents published in the year by the unit (and its subtree) or by every unit. */
async function docsOf(db: Db, year: number, orgId: string | null) {
  if (!orgId) return publishedIn(db, year);
  const org = await db.selectFrom('organizations').select('path').where('id', '=', orgId).executeTakeFirst();
  return publishedIn(db, year, { orgPath: org?.path ?? '/none/' });
}

const rec = (d: {
  id: string;
  title: string;
  registration_no: string | null;
  entered_afterwards?: boolean;
}): IndicatorRecord => ({
  kind: 'normative_doc',
  id: d.id,
  // A document entered afterwards (补录) is labelled so wherever a figure lists it.
  label: `${d.registration_no ? `${d.title}（${d.registration_no}）` : d.title}${d.entered_afterwards ? '（补录）' : ''}`,
  link: `/admin/normative-docs/${d.id}`,
});

/** 示范指标体系 No. 27: filing rate, on-time filing rate and conformity rate of normative documents (target 100%). */
export const normativeIndicators: IndicatorDef[] = [
  {
    code: 'normative.filing_rate_pct',
    label: '规范性文件报备率',
    unit: '%',
    async compute(db, p) {
      const docs = await docsOf(db, p.year, p.orgId);
      const r = filingRates(docs);
      return {
        value: r.filingRatePct,
        records: docs.map(rec),
        basis: `${p.year}年公布的规范性文件中已报送备案的比例（${r.filed}/${r.published}）`,
      };
    },
  },
  {
    code: 'normative.on_time_filing_pct',
    label: '规范性文件报备及时率',
    unit: '%',
    async compute(db, p) {
      const docs = await docsOf(db, p.year, p.orgId);
      const r = filingRates(docs);
      // The period is the rule in force (normative.filing, configurable), not a constant.
      return {
        value: r.onTimePct,
        records: docs.map(rec),
        basis: `${p.year}年公布的规范性文件中在公布后${filingPeriodText()}内报送备案的比例（${r.onTime}/${r.published}）`,
      };
    },
  },
  {
    code: 'normative.conformity_pct',
    label: '规范性文件备案审查规范率',
    unit: '%',
    async compute(db, p) {
      const docs = await docsOf(db, p.year, p.orgId);
      const reviewed = docs.filter((d) => REVIEW_CONCLUDED.includes(d.filing_status ?? ''));
      const r = filingRates(docs);
      return {
        value: r.conformityPct,
        records: reviewed.map(rec),
        basis: `${p.year}年完成备案审查的文件中准予备案（未要求纠正或撤销）的比例（${r.accepted}/${r.reviewed}）`,
      };
    },
  },
  {
    code: 'normative.legality_review_coverage_pct',
    label: '规范性文件合法性审核率',
    unit: '%',
    async compute(db, p) {
      const docs = await docsOf(db, p.year, p.orgId);
      const reviewed = docs.filter(
        (d) => d.legality_outcome === 'lawful' || d.legality_outcome === 'lawful_with_changes',
      );
      return {
        value: pct(reviewed.length, docs.length),
        records: docs.map(rec),
        basis: `${p.year}年公布的规范性文件中经合法性审核的比例（${reviewed.length}/${docs.length}）`,
      };
    },
  },
  {
    code: 'normative.in_force_count',
    label: '现行有效规范性文件数',
    unit: '件',
    // A stock: the documents in force at the end of the year (or today, for the current year), judged from their
    // dates — in force from 施行 (or publication when no date of effect is recorded), until they expired or were
    // repealed and not past their 有效期 — never from today's status, so 2023's figure does not count a 2026 document.
    async compute(db, p) {
      const asOf = [p.today, `${p.year}-12-31`].sort()[0]!;
      let q = db
        .selectFrom('normative_docs as d')
        .innerJoin('organizations as o', 'o.id', 'd.org_id')
        .select(['d.id', 'd.title', 'd.registration_no', 'd.entered_afterwards'])
        .where('d.status', 'in', ['in_force', 'expired', 'repealed'])
        .where((eb) => eb.fn.coalesce('d.effective_on', 'd.published_on'), '<=', asOf)
        .where((eb) => eb.or([eb('d.ended_on', 'is', null), eb('d.ended_on', '>', asOf)]))
        .where((eb) => eb.or([eb('d.valid_until', 'is', null), eb('d.valid_until', '>=', asOf)]));
      if (p.orgId) {
        const org = await db.selectFrom('organizations').select('path').where('id', '=', p.orgId).executeTakeFirst();
        q = q.where('o.path', 'like', `${org?.path ?? '/none/'}%`);
      }
      const rows = await q.orderBy('d.registration_no').execute();
      return {
        value: rows.length,
        records: rows.map(rec),
        basis: `截至${asOf}现行有效的规范性文件数（已施行、未失效或废止、未超过有效期）${
          rows.some((r) => r.entered_afterwards) ? `，其中补录${rows.filter((r) => r.entered_afterwards).length}件` : ''
        }`,
      };
    },
  },
  {
    code: 'normative.cleanup_summary',
    label: '规范性文件清理数（继续有效/修改/废止/失效）',
    unit: '件',
    async compute(db, p) {
      let q = db
        .selectFrom('normative_cleanup_items as i')
        .innerJoin('normative_cleanup_campaigns as c', 'c.id', 'i.campaign_id')
        .innerJoin('normative_docs as d', 'd.id', 'i.doc_id')
        .innerJoin('organizations as o', 'o.id', 'i.org_id')
        .select(['d.id', 'd.title', 'd.registration_no', 'i.outcome'])
        .where(sql<boolean>`extract(year from c.started_on) = ${p.year}`);
      if (p.orgId) {
        const org = await db.selectFrom('organizations').select('path').where('id', '=', p.orgId).executeTakeFirst();
        q = q.where('o.path', 'like', `${org?.path ?? '/none/'}%`);
      }
      const rows = await q.execute();
      const n = (o: string) => rows.filter((r) => r.outcome === o).length;
      return {
        value: rows.length,
        records: rows.map(rec),
        basis: `${p.year}年清理现行有效规范性文件${rows.length}件：继续有效${n('keep')}件，修改${n('amend')}件，废止${n('repeal')}件，宣布失效${n('lapse')}件，未定${rows.filter((r) => !r.outcome).length}件`,
      };
    },
  },
];
