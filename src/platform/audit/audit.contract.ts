/**
 * The audit contract: an audit event as the audit log API sends it. The response schema (audit.routes.ts) is
 * typed against it. Pure types (the web app bundles it).
 */
export interface AuditEventDto {
  id: string;
  /** The event's place in the log (a decimal string). */
  seq: string;
  at: string;
  actorName: string | null;
  orgId: string | null;
  orgName: string | null;
  action: string;
  /** The action's Chinese name (platform/audit/catalog.ts). */
  actionLabel: string;
  entityKind: string;
  entityId: string | null;
  data: unknown;
  requestId: string | null;
  ip: string | null;
}
