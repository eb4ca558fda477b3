import { FileTextOutlined } from '@ant-design/icons';
import type { AdminRoute } from '../types';
import { ReportEditPage } from './ReportEditPage';
import { ReportsPage } from './ReportsPage';

export const reportsAdminRoutes: AdminRoute[] = [
  {
    path: 'reports',
    element: <ReportsPage />,
    menu: { label: '年度报告', group: '法治政府建设', icon: <FileTextOutlined />, order: 3 },
  },
  { path: 'reports/:id', element: <ReportEditPage /> },
];
