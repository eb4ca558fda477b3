import {
  ApartmentOutlined,
  AuditOutlined,
  BellOutlined,
  DashboardOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { AdminRoute } from '../types';
import { AccountPage } from './AccountPage';
import { AuditPage } from './AuditPage';
import { NotificationsPage } from './NotificationsPage';
import { OrgsPage } from './OrgsPage';
import { UsersPage } from './UsersPage';
import { WorkbenchPage } from './WorkbenchPage';

export const platformAdminRoutes: AdminRoute[] = [
  {
    path: 'workbench',
    element: <WorkbenchPage />,
    menu: { label: '工作台首页', group: '工作台', icon: <DashboardOutlined />, order: 0 },
  },
  {
    path: 'notifications',
    element: <NotificationsPage />,
    menu: { label: '通知中心', group: '工作台', icon: <BellOutlined />, order: 1 },
  },
  {
    path: 'orgs',
    element: <OrgsPage />,
    menu: { label: '单位管理', group: '系统管理', icon: <ApartmentOutlined />, order: 0 },
    roles: ['system_admin'],
  },
  {
    path: 'users',
    element: <UsersPage />,
    menu: { label: '用户管理', group: '系统管理', icon: <TeamOutlined />, order: 1 },
    roles: ['system_admin'],
  },
  {
    path: 'audit',
    element: <AuditPage />,
    menu: { label: '审计日志', group: '系统管理', icon: <AuditOutlined />, order: 2 },
    roles: ['system_admin'],
  },
  {
    path: 'account',
    element: <AccountPage />,
    menu: { label: '我的账号', group: '工作台', icon: <UserOutlined />, order: 9 },
  },
];
