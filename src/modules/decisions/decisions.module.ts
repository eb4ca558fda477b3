import type { ModuleManifest } from '../types.js';
import { decisionsConfig } from './decisions.config.js';
import { seedDecisionsDemo } from './decisions.demo.js';
import { decisionIndicators } from './decisions.indicators.js';
import { decisionPublicRoutes } from './decisions.public.js';
import { registerDecisionRecordSources } from './decisions.records.js';
import { decisionRoutes } from './decisions.routes.js';
import './decisions.tables.js';

/** Major administrative decisions (重大行政决策): catalogs, the statutory procedure, participation, archive. */
export const decisionsModule: ModuleManifest = {
  name: 'decisions',
  label: '重大行政决策',
  // Reads the configuration once at start so a bad value shows up at start-up, not on the first comment; and
  // tells the ledger's tamper sweep how to re-derive each anchored record from this module's rows (ADR 0003).
  init: () => {
    decisionsConfig();
    registerDecisionRecordSources();
  },
  routes: (app, deps) => {
    decisionRoutes(app, deps);
    decisionPublicRoutes(app, deps);
  },
  seedDemo: async ({ db }) => seedDecisionsDemo(db),
  indicators: decisionIndicators,
};
