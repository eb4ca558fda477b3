import { calendarModule } from '../platform/calendar/calendar.module.js';
import { ledgerModule } from '../platform/ledger/ledger.module.js';
import { decisionsModule } from './decisions/decisions.module.js';
import { identityModule } from './identity/identity.module.js';
import { lawsModule } from './laws/laws.module.js';
import { normativeDocsModule } from './normative-docs/normative-docs.module.js';
import { indicatorsModule } from './indicators/indicators.module.js';
import { planModule } from './plan/plan.module.js';
import { reportsModule } from './reports/reports.module.js';
import type { ModuleManifest } from '../platform/manifest.js';

/** Every module of the product, in start-up order. Adding a module is one line here. */
export const MODULES: ModuleManifest[] = [ledgerModule, identityModule, calendarModule, planModule, decisionsModule, lawsModule, normativeDocsModule, indicatorsModule, reportsModule];
