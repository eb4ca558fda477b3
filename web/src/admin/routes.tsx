import { calendarAdminRoutes } from './calendar/routes';
import { dashboardAdminRoutes } from './dashboard/routes';
import { indicatorsAdminRoutes } from './indicators/routes';
import { planAdminRoutes } from './plan/routes';
import { reportsAdminRoutes } from './reports/routes';
import { ledgerAdminRoutes } from './ledger/routes';
import { platformAdminRoutes } from './platform/routes';
import { lawsAdminRoutes } from './laws/routes';
import { normativeAdminRoutes } from './normative-docs/routes';
import { decisionsAdminRoutes } from './decisions/routes';
import type { AdminRoute } from './types';

/** Every workbench page. A module adds its pages with one line here. */
export const ADMIN_ROUTES: AdminRoute[] = [...platformAdminRoutes, ...calendarAdminRoutes, ...ledgerAdminRoutes, ...dashboardAdminRoutes, ...planAdminRoutes, ...indicatorsAdminRoutes, ...reportsAdminRoutes, ...normativeAdminRoutes, ...lawsAdminRoutes, ...decisionsAdminRoutes];
