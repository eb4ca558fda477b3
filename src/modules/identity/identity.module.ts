import type { ModuleManifest } from '../../platform/manifest.js';
import { identityRoutes } from './identity.routes.js';
import { setupRoutes } from './identity.setup-routes.js';

export const identityModule: ModuleManifest = {
  name: 'identity',
  label: '单位与用户',
  routes: (app, deps) => {
    identityRoutes(app, deps);
    setupRoutes(app, deps);
  },
};
