import { BarChartOutlined } from '@ant-design/icons';
import type { AdminRoute } from '../types';
import { DashboardPage } from './DashboardPage';

export const dashboardAdminRoutes: AdminRoute[] = [
  {
    path: 'dashboard',
    element: <DashboardPage />,
    menu: { label: '统筹看板', group: '法治政府建设', icon: <BarChartOutlined />, order: 0 },
    roles: ['coordinator', 'leader', 'system_admin'],
  },
];
