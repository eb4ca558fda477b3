import { onLawSuperseded } from '../laws/index.js';
import type { ModuleManifest } from '../../platform/manifest.js';
import { flagUpstreamChange, runNormativeSweep } from './commands/lifecycle.js';
import { normativeAnnualRoutes } from './normative.annual-routes.js';
import { normativeHistoricalRoutes } from './normative.historical-routes.js';
import { seedNormativeDemo } from './normative.demo.js';
import { normativeCommentRoutes } from './normative.comment-routes.js';
import { normativeIndicators } from './normative.indicators.js';
import { normativePublicRoutes } from './normative.public-routes.js';
import { normativeRoutes } from './normative.routes.js';
import { normativeWorkflow } from './normative.workflow.js';
import { normativeReport } from './normative.report.js';
import { normativeRecordKinds } from './normative.records.js';

export const NORMATIVE_SWEEP_JOB = 'normative.validity-sweep';

// A new version of a statute flags every document that relies on the old one (registered at load time).
onLawSuperseded(flagUpstreamChange);

/** Administrative normative documents (行政规范性文件): drafting to publication, filing, validity, clean-up. */
export const normativeDocsModule: ModuleManifest = {
  name: 'normative-docs',
  label: '行政规范性文件',
  routes: (app, deps) => {
    normativeRoutes(app, deps);
    normativePublicRoutes(app, deps);
    normativeCommentRoutes(app, deps);
    normativeAnnualRoutes(app, deps);
    normativeHistoricalRoutes(app, deps);
  },
  jobs: () => [
    {
      name: NORMATIVE_SWEEP_JOB,
      intervalMs: 60 * 60_000,
      run: async (db, now) => {
        const r = await runNormativeSweep(db, now);
        return `到期失效${r.lapsed}件，到期评估提醒${r.warned}件，登记年度目录公布期限${r.catalogsDue}项`;
      },
    },
  ],
  seedDemo: async ({ db, clock }) => seedNormativeDemo(db, clock),
  indicators: normativeIndicators,
  report: normativeReport,
  workflows: [normativeWorkflow],
  recordKinds: normativeRecordKinds,
  records: {
    normative_doc: { link: (r) => `/admin/normative-docs/${r.id}`, api: (r) => `/api/normative-docs/${r.id}` },
  },
};
