import type { ReactNode } from 'react';

/** A workbench page contributed by a module; listed in web/src/admin/routes.tsx. */
export interface AdminRoute {
  /** Path under /admin, e.g. 'orgs' or 'decisions/:id'. */
  path: string;
  element: ReactNode;
  /** Shown in the side menu when set (detail pages omit it). */
  menu?: { label: string; group: string; icon?: ReactNode; order?: number };
  /** Only show the menu entry to users holding one of these roles. */
  roles?: string[];
}

/** A public portal page; listed in web/src/portal/routes.tsx. */
export interface PortalRoute {
  path: string;
  element: ReactNode;
  nav?: { label: string; order?: number };
}
