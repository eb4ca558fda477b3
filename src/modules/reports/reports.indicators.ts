import { toLocalDate } from '../../platform/calendar/index.js';
import type { Db } from '../../platform/db/engine.js';
import type { IndicatorDef } from '../../platform/manifest.js';
import { subtreeOrgIds } from '../../platform/access/scope.js';
import { reportDueDates } from './reports.workflow.js';

async function reportsOf(db: Db, p: { year: number; orgId: string | null }) {
  return db
    .selectFrom('annual_reports')
    .innerJoin('organizations', 'organizations.id', 'annual_reports.org_id')
    .select([
      'annual_reports.id',
      'organizations.name',
      'annual_reports.status',
      'annual_reports.submitted_at',
      'annual_reports.published_at',
    ])
    .where('annual_reports.org_id', 'in', subtreeOrgIds(db, p.orgId))
    .where('annual_reports.year', '=', p.year)
    .execute();
}
const beijingDay = toLocalDate;

export const reportIndicators: IndicatorDef[] = [
  {
    code: 'reports.published_on_time_pct',
    label: '法治政府建设年度报告按时公开率',
    unit: '%',
    async compute(db, p) {
      const rows = await reportsOf(db, p);
      const due = reportDueDates(p.year).publishBy;
      const ok = rows.filter((r) => r.published_at && beijingDay(r.published_at) <= due);
      return {
        value: rows.length ? Math.round((ok.length / rows.length) * 1000) / 10 : null,
        records: rows.map((r) => ({
          kind: 'annual_report',
          id: r.id,
          label: `${r.name}${p.year}年度报告（${r.published_at ? `公开于${beijingDay(r.published_at)}` : '未公开'}）`,
          link: `/admin/reports/${r.id}`,
        })),
        basis: `${p.year}年度报告中于${due}前向社会公开的比例：${ok.length}/${rows.length}`,
      };
    },
  },
];
