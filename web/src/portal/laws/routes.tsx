import type { PortalRoute } from '../../admin/types';
import { LawPage } from './LawPage';
import { SearchPage } from './SearchPage';

export const lawsPortalRoutes: PortalRoute[] = [
  { path: 'search', element: <SearchPage />, nav: { label: '法规检索', order: 35 } },
  { path: 'laws/:id', element: <LawPage /> },
];
