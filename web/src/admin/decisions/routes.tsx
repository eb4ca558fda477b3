import { AuditOutlined, FieldTimeOutlined } from '@ant-design/icons';
import type { AdminRoute } from '../types';
import { CatalogsPage } from './CatalogsPage';
import { MonthlySupervisionPage } from './MonthlySupervisionPage';
import { ItemPage } from './ItemPage';

export const decisionsAdminRoutes: AdminRoute[] = [
  {
    path: 'decisions',
    element: <CatalogsPage />,
    menu: { label: '重大行政决策', group: '依法决策', icon: <AuditOutlined />, order: 0 },
  },
  {
    path: 'decisions/monthly-supervision',
    element: <MonthlySupervisionPage />,
    menu: { label: '决策月月督', group: '依法决策', icon: <FieldTimeOutlined />, order: 1 },
    roles: ['coordinator', 'system_admin', 'leader', 'legality_reviewer'],
  },
  { path: 'decisions/items/:id', element: <ItemPage /> },
];
