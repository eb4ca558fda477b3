/**
 * The decisions module's public face: what the app and other modules may use. Everything else in the folder is
 * the module's own (test/architecture.test.ts enforces it).
 */
export { decisionsModule } from './decisions.module.js';
export { decisionWorkflow } from './decisions.workflow.js';
