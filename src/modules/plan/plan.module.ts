import type { ModuleManifest } from '../../platform/manifest.js';
import { escalateOverdueTasks } from './commands/escalate-overdue.js';
import { inspectionRoutes } from './inspection.routes.js';
import { planIndicators } from './plan.indicators.js';
import { planRoutes } from './plan.routes.js';
import { seedPlanDemo } from './plan.seed.js';
import { inspectionTargetWorkflow, inspectionWorkflow, orderWorkflow } from './inspection.workflow.js';
import { planReport } from './plan.report.js';

/** Implementation plans, task decomposition, progress, escalation and government inspection (督查). */
export const planModule: ModuleManifest = {
  name: 'plan',
  label: '实施方案与督查',
  routes: (app, deps) => {
    planRoutes(app, deps);
    inspectionRoutes(app, deps);
  },
  jobs: () => [
    {
      name: 'plan.escalate-overdue',
      intervalMs: 60 * 60_000,
      run: async (db, now) => {
        const r = await escalateOverdueTasks(db, now);
        return `上报超期任务${r.escalated}项，通知${r.notifications}条`;
      },
    },
  ],
  seedDemo: seedPlanDemo,
  indicators: planIndicators,
  report: planReport,
  workflows: [inspectionWorkflow, inspectionTargetWorkflow, orderWorkflow],
  doc: 'docs/modules/plan-and-reports.md',
  records: {
    plan_task: { link: (r) => `/admin/plan/tasks/${r.id}`, api: (r) => `/api/plan/tasks/${r.id}` },
    inspection: { link: (r) => `/admin/inspections/${r.id}`, api: (r) => `/api/plan/inspections/${r.id}` },
    // An order is read on its inspection's page (its link names the inspection).
    inspection_order: { api: (r) => r.link?.replace(/^\/admin\/inspections\//, '/api/plan/inspections/') },
  },
};
