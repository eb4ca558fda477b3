import type { PortalRoute } from '../../admin/types';
import { PublicCatalogPage, PublicCatalogsPage } from './CatalogsPage';
import { PublicItemPage } from './ItemPage';

export const decisionsPortalRoutes: PortalRoute[] = [
  { path: 'decisions', element: <PublicCatalogsPage />, nav: { label: '重大行政决策', order: 20 } },
  { path: 'decisions/catalogs/:id', element: <PublicCatalogPage /> },
  { path: 'decisions/items/:id', element: <PublicItemPage /> },
];
