/** The annual-reports module's public face. */
export { reportsModule } from './reports.module.js';
