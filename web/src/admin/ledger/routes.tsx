import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { AdminRoute } from '../types';
import { LedgerAlarmsPage } from './LedgerAlarmsPage';

export const ledgerAdminRoutes: AdminRoute[] = [
  {
    path: 'ledger',
    element: <LedgerAlarmsPage />,
    menu: { label: '账本告警', group: '系统管理', icon: <SafetyCertificateOutlined />, order: 3 },
    roles: ['system_admin'],
  },
];
