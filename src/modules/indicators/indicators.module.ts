import type { ModuleManifest } from '../../platform/manifest.js';
import { indicatorRoutes } from './indicators.routes.js';
import { indicatorTrendRoutes } from './indicators.trend.js';
import { platformIndicators } from './indicators.platform.js';
import { loadDefaultTree } from './indicators.service.js';
import { systemCtx } from '../../platform/access/actor.js';
import { indicatorsReport } from './indicators.report.js';

/** The indicator system: a configurable tree whose leaves are computed by modules or entered with evidence. */
export const indicatorsModule: ModuleManifest = {
  name: 'indicators',
  label: '指标体系',
  routes: (app, deps) => {
    indicatorRoutes(app, deps);
    indicatorTrendRoutes(app, deps);
  },
  indicators: platformIndicators,
  report: indicatorsReport,
  seedDemo: async ({ db }) => {
    await loadDefaultTree(db, systemCtx('seed'));
  },
};
