import type { ModuleManifest } from '../../platform/manifest.js';
import { lawsCli } from './laws.cli.js';
import { seedDemoLaws } from './laws.demo.js';
import { lawRoutes } from './laws.routes.js';

/** The law library (法律法规库) and the portal's full-text search. */
export const lawsModule: ModuleManifest = {
  name: 'laws',
  label: '法律法规库',
  routes: lawRoutes,
  seedDemo: async ({ db }) => {
    await seedDemoLaws(db);
  },
  cli: lawsCli,
};
