import { systemCtx } from '../../platform/access/actor.js';
import type { AppDeps, ModuleManifest } from '../../platform/manifest.js';
import { draftReport } from './commands/draft-report.js';
import { editReport } from './commands/edit-report.js';
import { approveReport, publishReport, requestApproval, submitReport } from './commands/workflow.js';
import { reportIndicators } from './reports.indicators.js';
import { reportRoutes } from './reports.routes.js';
import { reportWorkflow } from './reports.workflow.js';
import { demoActor } from '../../platform/seed/demo.js';
import { reportsReport } from './reports.report.js';
import { reportRecordKinds } from './reports.records.js';
import { reportVoucher } from './reports.vouchers.js';
import { registerRecordVoucher } from '../../platform/access/vouchers.js';

/** Annual rule-of-law-government reports: drafted from the record, approved, submitted, published. */
export const reportsModule: ModuleManifest = {
  name: 'reports',
  label: '法治政府建设年度报告',
  routes: reportRoutes,
  indicators: reportIndicators,
  report: reportsReport,
  workflows: [reportWorkflow],
  recordKinds: reportRecordKinds,
  init: () => registerRecordVoucher(reportVoucher),
  doc: 'docs/modules/plan-and-reports.md',
  records: { annual_report: { link: (r) => `/admin/reports/${r.id}`, api: (r) => `/api/reports/${r.id}` } },
  seedDemo: seedReportsDemo,
};

/** Demo: the market regulator's 2024 report, published, so its 2025 draft has a year to compare with. */
async function seedReportsDemo({ db, modules, clock }: AppDeps): Promise<void> {
  const ctx = systemCtx('seed', clock);
  const org = await db.selectFrom('organizations').select('id').where('code', '=', 'SCJ').executeTakeFirst();
  if (!org) return;
  const { id } = await draftReport(db, ctx, { orgId: org.id, year: 2024 }, modules);
  await editReport(db, ctx, id, {
    version: 1,
    docNo: '示市监〔2025〕2号',
    cc: '区司法局',
    sections: {
      shortcomings: '部分执法人员对新修订法律法规掌握不够，执法文书说理仍需加强，主要原因是培训覆盖面不足。',
      headDuty: '局主要负责人认真履行推进法治建设第一责任人职责，主持召开党组会专题研究法治建设工作，带头开展述法。',
      nextYear: '继续落实行政执法三项制度，完善裁量基准，推进包容审慎监管。',
    },
  });
  // The steps are taken by the people the procedure names: the liaison, the head, the 依法治区办.
  const as = async (username: string) => ({ ...ctx, actor: await demoActor(db, username) });
  await requestApproval(db, await as('liaison'), id);
  await approveReport(db, await as('head'), id);
  await submitReport(db, await as('liaison'), id);
  await publishReport(db, await as('coordinator'), id);
}
