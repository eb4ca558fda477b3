/** The plan module's public face: the manifest, and a plan with its items for the leaders' dashboard. */
export { planModule } from './plan.module.js';
export { planDetail } from './plan.repo.js';
