import { AuditOutlined, ClearOutlined, FileTextOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { CatalogPage } from './CatalogPage';
import { CleanupPage } from './CleanupPage';
import type { AdminRoute } from '../types';
import { FilingsPage } from './FilingsPage';
import { NormativeDetailPage } from './NormativeDetailPage';
import { NormativeListPage } from './NormativeListPage';

export const normativeAdminRoutes: AdminRoute[] = [
  {
    path: 'normative-docs',
    element: <NormativeListPage />,
    menu: { label: '文件制定', group: '行政规范性文件', icon: <FileTextOutlined />, order: 0 },
  },
  {
    path: 'normative-filings',
    element: <FilingsPage />,
    menu: { label: '备案审查', group: '行政规范性文件', icon: <AuditOutlined />, order: 1 },
  },
  {
    path: 'normative-cleanups',
    element: <CleanupPage />,
    menu: { label: '文件清理', group: '行政规范性文件', icon: <ClearOutlined />, order: 2 },
  },
  {
    path: 'normative-catalogs',
    element: <CatalogPage />,
    menu: { label: '年度目录', group: '行政规范性文件', icon: <UnorderedListOutlined />, order: 3 },
  },
  { path: 'normative-docs/:id', element: <NormativeDetailPage /> },
];
