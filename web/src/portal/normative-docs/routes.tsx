import type { PortalRoute } from '../../admin/types';
import { CatalogsPage } from './CatalogsPage';
import { DocPage } from './DocPage';
import { DraftPage, DraftsPage } from './DraftsPage';
import { LibraryPage } from './LibraryPage';

export const normativePortalRoutes: PortalRoute[] = [
  { path: 'normative-docs', element: <LibraryPage />, nav: { label: '规范性文件库', order: 30 } },
  { path: 'normative-docs/:id', element: <DocPage /> },
  { path: 'normative-drafts', element: <DraftsPage />, nav: { label: '草案征求意见', order: 31 } },
  { path: 'normative-drafts/:id', element: <DraftPage /> },
  { path: 'normative-catalogs', element: <CatalogsPage />, nav: { label: '规范性文件目录', order: 32 } },
];
