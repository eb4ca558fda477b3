import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table organizations (
      id uuid primary key default gen_random_uuid(),
      parent_id uuid references organizations(id),
      name text not null,
      short_name text,
      kind text not null check (kind in ('government','department','subdistrict','town','section','other')),
      code text unique,
      path text not null,
      sort_order integer not null default 0,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index organizations_sibling_name on organizations (coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), name);
    create index organizations_path on organizations (path text_pattern_ops);

    create table users (
      id uuid primary key default gen_random_uuid(),
      username text not null,
      display_name text not null,
      org_id uuid not null references organizations(id),
      password_hash text not null,
      must_change_password boolean not null default true,
      active boolean not null default true,
      phone text,
      email text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      password_changed_at timestamptz
    );
    create unique index users_username on users (lower(username));

    create table role_assignments (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id) on delete cascade,
      role text not null,
      org_id uuid not null references organizations(id),
      include_subtree boolean not null default false,
      created_at timestamptz not null default now(),
      unique (user_id, role, org_id)
    );

    create table enforcement_certificates (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id) on delete cascade,
      certificate_no text not null unique,
      issued_on date not null,
      valid_until date not null,
      created_at timestamptz not null default now(),
      check (valid_until >= issued_on)
    );

    create table sessions (
      id text primary key,
      user_id uuid not null references users(id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null,
      expires_at timestamptz not null,
      ip text,
      user_agent text
    );
    create index sessions_user on sessions (user_id);

    create table api_tokens (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id) on delete cascade,
      name text not null,
      token_hash text not null unique,
      prefix text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz
    );

    create table login_attempts (
      id uuid primary key default gen_random_uuid(),
      username text not null,
      ip text not null,
      success boolean not null,
      at timestamptz not null default now()
    );
    create index login_attempts_user_at on login_attempts (lower(username), at);
    create index login_attempts_ip_at on login_attempts (ip, at);

    create table audit_events (
      id uuid primary key default gen_random_uuid(),
      seq bigserial not null unique,
      at timestamptz not null default now(),
      actor_user_id uuid,
      actor_name text,
      org_id uuid,
      action text not null,
      entity_kind text not null,
      entity_id text,
      data jsonb not null default '{}'::jsonb,
      request_id text,
      ip text,
      visibility text not null default 'staff' check (visibility in ('staff','public'))
    );
    create index audit_events_at on audit_events (at desc);
    create index audit_events_entity on audit_events (entity_kind, entity_id);
    create index audit_events_action on audit_events (action);
    create index audit_events_org on audit_events (org_id);

    -- The audit trail is append-only: the database itself refuses to change or remove it.
    create function audit_events_immutable() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
    end $$;
    create trigger audit_events_no_update before update or delete on audit_events
      for each row execute function audit_events_immutable();
    create trigger audit_events_no_truncate before truncate on audit_events
      for each statement execute function audit_events_immutable();

    create table job_leases (
      name text primary key,
      holder text not null,
      expires_at timestamptz not null,
      last_run_at timestamptz,
      last_result text
    );

    create table notifications (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id) on delete cascade,
      kind text not null,
      title text not null,
      body text not null default '',
      link text,
      entity_kind text,
      entity_id text,
      dedupe_key text,
      created_at timestamptz not null default now(),
      read_at timestamptz,
      unique (user_id, dedupe_key)
    );
    create index notifications_user_unread on notifications (user_id, created_at desc) where read_at is null;

    create table files (
      sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
      size integer not null,
      mime text not null,
      original_name text not null,
      created_at timestamptz not null default now()
    );
  `.execute(db);
}
