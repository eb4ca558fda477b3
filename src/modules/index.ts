import { calendarModule } from '../platform/calendar/calendar.module.js';
import { ledgerModule } from '../platform/ledger/ledger.module.js';
import { decisionsModule } from './decisions/index.js';
import { identityModule } from './identity/index.js';
import { lawsModule } from './laws/index.js';
import { normativeDocsModule } from './normative-docs/index.js';
import { indicatorsModule } from './indicators/index.js';
import { planModule } from './plan/index.js';
import { reportsModule } from './reports/index.js';
import type { ModuleManifest } from '../platform/manifest.js';

/** Every module of the product, in start-up order. Adding a module is one line here. */
export const MODULES: ModuleManifest[] = [ledgerModule, identityModule, calendarModule, planModule, decisionsModule, lawsModule, normativeDocsModule, indicatorsModule, reportsModule];
