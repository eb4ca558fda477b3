import { today } from '../../src/platform/calendar/index.js';
import type { ReportStatus, Sections } from '../../src/modules/reports/reports.tables.js';
import type { TestApp } from '../helpers/app.js';

/**
 * Puts an annual rule-of-law-government report in any status directly in the database (one row: no audit
 * events, deadlines, figures or ledger leaf). Defaults: the market regulator (SCJ, whose `liaison` and `staff`
 * draft for it and whose `head` approves), last year's report (so it may be submitted and published), every
 * required section written. `sections` replaces sections (e.g. `{ headDuty: '' }` for an incomplete report).
 * A report exists once per unit and year.
 */
export interface ReportFactoryOptions {
  status: ReportStatus;
  orgCode?: string;
  year?: number;
  sections?: Partial<Sections>;
  version?: number;
}

export interface MadeReport {
  id: string;
  orgId: string;
  year: number;
}

export const COMPLETE_SECTIONS: Sections = {
  measures: '全面推行行政执法三项制度，执法案卷评查合格率显著提升。',
  shortcomings: '基层执法人员法治素养仍需提高，部分领域执法不够规范。',
  headDuty: '主要负责人专题听取法治政府建设工作汇报，研究解决重大问题。',
  nextYear: '继续深化法治政府建设示范创建，推进执法规范化建设。',
  other: '',
};

export async function makeReport(t: TestApp, o: ReportFactoryOptions): Promise<MadeReport> {
  const orgId = await t.orgId(o.orgCode ?? 'SCJ');
  const now = t.clock.now();
  const year = o.year ?? Number(today(now).slice(0, 4)) - 1;
  const org = await t.db.selectFrom('organizations').select('name').where('id', '=', orgId).executeTakeFirstOrThrow();
  const s = o.status;
  const approved = s === 'approved' || s === 'submitted' || s === 'published';
  const head = approved
    ? await t.db.selectFrom('users').select('id').where('username', '=', 'head').executeTakeFirst()
    : undefined;
  const row = await t.db
    .insertInto('annual_reports')
    .values({
      org_id: orgId,
      year,
      status: s,
      title: `${org.name}关于${year}年度法治政府建设情况的报告`,
      doc_no: null,
      sections: JSON.stringify({ ...COMPLETE_SECTIONS, ...o.sections }),
      figures: JSON.stringify([]),
      snapshot_at: now,
      ledger_tree_size: null,
      ledger_root: null,
      approved_by: approved ? (head?.id ?? null) : null,
      approved_at: approved ? now : null,
      submitted_at: s === 'submitted' || s === 'published' ? now : null,
      published_at: s === 'published' ? now : null,
      return_reason: null,
      created_by: null,
      ...(o.version ? { version: o.version } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, orgId, year };
}
