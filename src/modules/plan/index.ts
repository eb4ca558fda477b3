/** The plan module's public face: the manifest, and its part of the leaders' dashboard. */
export { planModule } from './plan.module.js';
export { planOverview } from './plan.overview.js';
