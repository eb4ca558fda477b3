import { PortalHome } from './PortalHome';
import { CalculatorPage } from './calendar/CalculatorPage';
import type { PortalRoute } from '../admin/types';
import { lawsPortalRoutes } from './laws/routes';
import { normativePortalRoutes } from './normative-docs/routes';
import { decisionsPortalRoutes } from './decisions/routes';
import { verifyPortalRoutes } from './verify/routes';
import { reportsPortalRoutes } from './reports/routes';

/** Every public portal page. A module adds its pages with one line here. */
export const PORTAL_ROUTES: PortalRoute[] = [
  { path: '', element: <PortalHome />, nav: { label: '首页', order: 0 } },
  { path: 'calendar', element: <CalculatorPage />, nav: { label: '期限计算器', order: 80 } },
  ...verifyPortalRoutes,
  ...decisionsPortalRoutes,
  ...reportsPortalRoutes,
  ...normativePortalRoutes,
  ...lawsPortalRoutes,
];
