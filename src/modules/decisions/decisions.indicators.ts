import type { Db } from '../../platform/db/engine.js';
import type { IndicatorDef, IndicatorRecord } from '../../platform/manifest.js';
import { yoyPct } from './decisions.queries.js';

/** Items in the catalogs of `year` (of the unit and its subtree, or all), not withdrawn. */
async function itemsOf(db: Db, year: number, orgId: string | null) {
  let q = db
    .selectFrom('decisions')
    .innerJoin('decision_catalogs', 'decision_catalogs.id', 'decisions.catalog_id')
    .innerJoin('organizations', 'organizations.id', 'decisions.body_org_id')
    .select([
      'decisions.id',
      'decisions.title',
      'decisions.status',
      'decisions.planned_completion_on',
      'decisions.completed_on',
      'decisions.adjustment_count',
    ])
    .where('decision_catalogs.year', '=', year)
    .where('decision_catalogs.status', '=', 'published')
    .where('decisions.in_catalog', '=', true)
    .where('decisions.status', '!=', 'withdrawn');
  if (orgId) {
    const o = await db.selectFrom('organizations').select('path').where('id', '=', orgId).executeTakeFirst();
    q = q.where('organizations.path', 'like', `${o?.path ?? '/none/'}%`);
  }
  return q.orderBy('decisions.seq').execute();
}

const rec = (d: { id: string; title: string }): IndicatorRecord => ({
  kind: 'decision',
  id: d.id,
  label: d.title,
  link: `/admin/decisions/items/${d.id}`,
});

/**
 * Items of `year`'s published catalogs — of any decision body — whose lead (承办) unit is `orgId` or within it: a
 * department's share of the government's decisions (seed 000: "牵头承办区政府重大行政决策事项2项").
 */
async function ledBy(db: Db, year: number, orgId: string) {
  const o = await db.selectFrom('organizations').select('path').where('id', '=', orgId).executeTakeFirst();
  return db
    .selectFrom('decisions')
    .innerJoin('decision_catalogs', 'decision_catalogs.id', 'decisions.catalog_id')
    .innerJoin('organizations', 'organizations.id', 'decisions.lead_org_id')
    .select(['decisions.id', 'decisions.title'])
    .where('decision_catalogs.year', '=', year)
    .where('decision_catalogs.status', '=', 'published')
    .where('decisions.in_catalog', '=', true)
    .where('decisions.status', '!=', 'withdrawn')
    .where('organizations.path', 'like', `${o?.path ?? '/none/'}%`)
    .orderBy('decisions.seq')
    .execute();
}

export const decisionIndicators: IndicatorDef[] = [
  {
    code: 'decisions.led_items',
    label: '牵头承办的重大行政决策事项数（各决策机关目录）',
    unit: '项',
    async compute(db, p) {
      // For the whole government every item has a lead unit: the figure says something only of a unit.
      if (!p.orgId) return { value: null, records: [], basis: '按承办单位统计，适用于部门、街镇的报告' };
      const items = await ledBy(db, p.year, p.orgId);
      return {
        value: items.length,
        records: items.map(rec),
        basis: `${p.year}年度已公布目录中由本单位（含下属机构）牵头承办的事项（不含撤回事项）`,
      };
    },
  },
  {
    code: 'decisions.catalog_items',
    label: '纳入年度目录管理的重大行政决策事项数',
    unit: '项',
    async compute(db, p) {
      const items = await itemsOf(db, p.year, p.orgId);
      return { value: items.length, records: items.map(rec), basis: `${p.year}年度已公布目录中的事项（不含撤回事项）` };
    },
  },
  {
    code: 'decisions.catalog_yoy_pct',
    label: '目录事项数同比变化',
    unit: '%',
    async compute(db, p) {
      const cur = await itemsOf(db, p.year, p.orgId);
      const prev = await itemsOf(db, p.year - 1, p.orgId);
      return {
        value: yoyPct(cur.length, prev.length || null),
        records: cur.map(rec),
        basis: `(${p.year}年目录事项数 − ${p.year - 1}年目录事项数) ÷ ${p.year - 1}年目录事项数`,
      };
    },
  },
  {
    code: 'decisions.legality_review_coverage_pct',
    label: '作出决定的重大行政决策经合法性审查的比例',
    unit: '%',
    async compute(db, p) {
      const items = (await itemsOf(db, p.year, p.orgId)).filter((d) =>
        ['party_report', 'publication', 'executing', 'suspended', 'post_evaluation', 'completed', 'archived'].includes(
          d.status,
        ),
      );
      const reviewed = [];
      for (const d of items) {
        const r = await db
          .selectFrom('decision_legality_reviews')
          .select('id')
          .where('decision_id', '=', d.id)
          .where('level', '=', 'justice')
          .where('conclusion', 'in', ['lawful', 'lawful_with_changes'])
          .executeTakeFirst();
        if (r) reviewed.push(d);
      }
      return {
        value: items.length ? Math.round((reviewed.length / items.length) * 1000) / 10 : null,
        records: reviewed.map(rec),
        basis: '经集体讨论决定的事项中，取得司法局合法性审查意见（合法或修改后合法）的比例',
      };
    },
  },
  {
    code: 'decisions.participation_forms',
    label: '采用的公众参与形式数',
    unit: '种',
    async compute(db, p) {
      const items = await itemsOf(db, p.year, p.orgId);
      const forms = items.length
        ? await db
            .selectFrom('decision_participations')
            .select('form')
            .distinct()
            .where(
              'decision_id',
              'in',
              items.map((i) => i.id),
            )
            .execute()
        : [];
      return {
        value: forms.length,
        records: items.map(rec),
        basis: '目录事项已组织的公众参与形式（公开征求意见、听证会、座谈会、书面征求意见、问卷调查、实地走访）的种类数',
      };
    },
  },
  {
    code: 'decisions.on_schedule_pct',
    label: '目录事项按期完成率',
    unit: '%',
    // As of the end of the year (or today): an item completed after that day was not completed then.
    async compute(db, p) {
      const cut = [p.today, `${p.year}-12-31`].sort()[0]!;
      const doneBy = (d: { completed_on: string | null }) => d.completed_on !== null && d.completed_on <= cut;
      const due = (await itemsOf(db, p.year, p.orgId)).filter((d) => d.planned_completion_on < cut || doneBy(d));
      const ok = due.filter((d) => doneBy(d) && d.completed_on! <= d.planned_completion_on);
      return {
        value: due.length ? Math.round((ok.length / due.length) * 1000) / 10 : null,
        records: ok.map(rec),
        basis: `截至${cut}，计划完成时间已到或已完成的事项中，在计划时间前完成的比例`,
      };
    },
  },
];
