import type { ColumnType, Generated } from 'kysely';

/**
 * The database schema as Kysely types. Platform tables are declared here; each module adds its own
 * tables by declaration merging in its `<module>.tables.ts`:
 *
 *   declare module '../../platform/db/schema.js' { interface Database { decisions: DecisionTable } }
 */
/** A timestamptz column that must be written. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamptz column with a database default (now()). */
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A nullable timestamptz column. */
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
export type Json<T = unknown> = ColumnType<T, string | T, string | T>;

export interface OrganizationTable {
  id: Generated<string>;
  parent_id: string | null;
  name: string;
  short_name: string | null;
  kind: 'government' | 'department' | 'subdistrict' | 'town' | 'section' | 'other';
  code: string | null;
  path: string; // materialized path of ids, '/<root>/<child>/', for subtree scoping
  sort_order: number;
  active: boolean;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface UserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  org_id: string;
  password_hash: string;
  must_change_password: boolean;
  active: boolean;
  phone: string | null;
  email: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  password_changed_at: NullableTimestamp;
}

export interface RoleAssignmentTable {
  id: Generated<string>;
  user_id: string;
  role: string;
  org_id: string;
  include_subtree: boolean;
  created_at: GeneratedTimestamp;
}

export interface EnforcementCertificateTable {
  id: Generated<string>;
  user_id: string;
  certificate_no: string;
  issued_on: string;
  valid_until: string;
  created_at: GeneratedTimestamp;
}

export interface SessionTable {
  id: string; // sha256 of the session token; the token itself is never stored
  user_id: string;
  csrf_token: string;
  created_at: GeneratedTimestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: GeneratedTimestamp;
  expires_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface LoginAttemptTable {
  id: Generated<string>;
  username: string;
  ip: string;
  success: boolean;
  at: GeneratedTimestamp;
}

export interface AuditEventTable {
  id: Generated<string>;
  seq: Generated<string>; // bigserial, for stable ordering
  at: GeneratedTimestamp;
  actor_user_id: string | null;
  actor_name: string | null;
  org_id: string | null;
  action: string;
  entity_kind: string;
  entity_id: string | null;
  data: Json;
  request_id: string | null;
  ip: string | null;
  visibility: 'staff' | 'public';
}

export interface JobLeaseTable {
  name: string;
  holder: string;
  expires_at: Timestamp;
  last_run_at: NullableTimestamp;
  last_result: string | null;
}

export interface NotificationTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  entity_kind: string | null;
  entity_id: string | null;
  dedupe_key: string | null;
  created_at: GeneratedTimestamp;
  read_at: NullableTimestamp;
}

export interface FileTable {
  sha256: string;
  size: number;
  mime: string;
  original_name: string;
  created_at: GeneratedTimestamp;
}

export interface Database {
  organizations: OrganizationTable;
  users: UserTable;
  role_assignments: RoleAssignmentTable;
  enforcement_certificates: EnforcementCertificateTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  login_attempts: LoginAttemptTable;
  audit_events: AuditEventTable;
  job_leases: JobLeaseTable;
  notifications: NotificationTable;
  files: FileTable;
}
