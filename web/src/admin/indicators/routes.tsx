import { FundOutlined } from '@ant-design/icons';
import type { AdminRoute } from '../types';
import { IndicatorsPage } from './IndicatorsPage';

export const indicatorsAdminRoutes: AdminRoute[] = [
  {
    path: 'indicators',
    element: <IndicatorsPage />,
    menu: { label: '指标体系', group: '法治政府建设', icon: <FundOutlined />, order: 2 },
  },
];
