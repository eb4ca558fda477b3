import { type Kysely, sql } from 'kysely';

/**
 * Statutory calendar: versioned holiday arrangements per year (one row per version; the highest version of
 * a year is in force), administrator settings for configurable rule values, and stored deadlines.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table calendar_years (
      id uuid primary key default gen_random_uuid(),
      year integer not null check (year between 1990 and 2199),
      version integer not null check (version >= 1),
      notices jsonb not null,
      festivals jsonb not null,
      note text,
      source text not null check (source in ('builtin', 'admin')),
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      unique (year, version)
    );

    create table calendar_rule_settings (
      rule_id text primary key,
      setting jsonb not null,
      updated_by uuid references users(id),
      updated_at timestamptz not null default now()
    );

    create table deadlines (
      id uuid primary key default gen_random_uuid(),
      entity_kind text not null,
      entity_id text not null,
      rule_id text not null,
      label text,
      org_id uuid not null references organizations(id),
      trigger_date date not null,
      pauses jsonb not null default '[]',
      extensions jsonb not null default '[]',
      extension_days integer not null default 0 check (extension_days >= 0),
      due_date date,
      trace text not null,
      provisional boolean not null default false,
      status text not null default 'open' check (status in ('open', 'paused', 'closed')),
      alert text not null default 'none' check (alert in ('none', 'due_soon', 'overdue')),
      responsible_user_ids jsonb not null default '[]',
      closed_on date,
      closed_at timestamptz,
      met boolean,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (status = 'paused' or due_date is not null)
    );
    create index deadlines_entity on deadlines (entity_kind, entity_id);
    create index deadlines_open_due on deadlines (due_date) where status = 'open';
    create index deadlines_org on deadlines (org_id, status);
  `.execute(db);
}
