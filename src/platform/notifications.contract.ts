/**
 * The notifications contract: a workbench notification as the API sends it. The response schema
 * (notifications.routes.ts) is typed against it. Pure types (the web app bundles it).
 */
export interface NotificationDto {
  id: string;
  kind: string;
  title: string;
  body: string;
  /** Workbench path the notification points to, if any. */
  link: string | null;
  createdAt: string;
  read: boolean;
}
