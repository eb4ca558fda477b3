import type { PortalRoute } from '../../admin/types';
import { VerifyPage } from './VerifyPage';

export const verifyPortalRoutes: PortalRoute[] = [
  { path: 'verify', element: <VerifyPage />, nav: { label: '存证核验', order: 90 } },
];
