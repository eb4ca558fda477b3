import type { ModuleManifest } from '../../platform/manifest.js';
import { decisionsConfig } from './decisions.config.js';
import { seedDecisionsDemo } from './decisions.demo.js';
import { decisionIndicators } from './decisions.indicators.js';
import { decisionPublicRoutes, isPublicDecision } from './decisions.public.js';
import { registerPublicDeadlineKind } from '../../platform/calendar/index.js';
import { registerDecisionRecordSources } from './decisions.records.js';
import { decisionRoutes } from './decisions.routes.js';
import './decisions.tables.js';
import { decisionWorkflow } from './decisions.workflow.js';
import { decisionsReport } from './decisions.report.js';

/** Major administrative decisions (重大行政决策): catalogs, the statutory procedure, participation, archive. */
export const decisionsModule: ModuleManifest = {
  name: 'decisions',
  label: '重大行政决策',
  // Reads the configuration once at start so a bad value shows up at start-up, not on the first comment; and
  // tells the ledger's tamper sweep how to re-derive each anchored record from this module's rows (ADR 0003).
  // The comment period's due date and its trace are public for items on the portal (Art 15: the public must
  // know how long it may comment, and why a shortened period is shorter).
  init: () => {
    decisionsConfig();
    registerDecisionRecordSources();
    registerPublicDeadlineKind('decision', { rules: ['decision.comment_period'], visible: isPublicDecision });
  },
  routes: (app, deps) => {
    decisionRoutes(app, deps);
    decisionPublicRoutes(app, deps);
  },
  seedDemo: async ({ db, clock }) => seedDecisionsDemo(db, clock),
  indicators: decisionIndicators,
  report: decisionsReport,
  workflows: [decisionWorkflow],
  records: {
    decision: { link: (r) => `/admin/decisions/items/${r.id}`, api: (r) => `/api/decisions/items/${r.id}` },
  },
};
