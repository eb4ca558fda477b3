import type { PortalRoute } from '../../admin/types';
import { PublicReportPage, PublicReportsPage } from './PublicReportsPage';

export const reportsPortalRoutes: PortalRoute[] = [
  { path: 'reports', element: <PublicReportsPage />, nav: { label: '年度报告', order: 40 } },
  { path: 'reports/:id', element: <PublicReportPage /> },
];
