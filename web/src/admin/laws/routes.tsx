import { BookOutlined } from '@ant-design/icons';
import type { AdminRoute } from '../types';
import { LawsPage } from './LawsPage';

export const lawsAdminRoutes: AdminRoute[] = [
  {
    path: 'laws',
    element: <LawsPage />,
    menu: { label: '法律法规库', group: '行政规范性文件', icon: <BookOutlined />, order: 2 },
  },
];
