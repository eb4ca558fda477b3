import { type Kysely, sql } from 'kysely';

/** The indicator tree (示范指标体系), manual figures with evidence, and annual rule-of-law-government reports. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table indicators (
      id uuid primary key default gen_random_uuid(),
      parent_id uuid references indicators(id) on delete cascade,
      level integer not null check (level between 1 and 3),
      seq integer not null,
      no text not null unique,
      title text not null,
      kind text not null check (kind in ('group','computed','manual')),
      source_code text,
      unit text,
      target numeric,
      target_op text check (target_op in ('>=','<=','=')),
      verified boolean not null default false,
      note text,
      created_at timestamptz not null default now(),
      check ((kind = 'computed') = (source_code is not null)),
      check ((level = 1) = (parent_id is null))
    );

    create table indicator_entries (
      id uuid primary key default gen_random_uuid(),
      indicator_id uuid not null references indicators(id) on delete cascade,
      year integer not null check (year between 2000 and 2100),
      org_id uuid not null references organizations(id),
      value numeric not null,
      evidence text not null,
      evidence_links jsonb not null default '[]'::jsonb,
      entered_by uuid references users(id),
      entered_at timestamptz not null default now(),
      unique (indicator_id, year, org_id)
    );

    create table annual_reports (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organizations(id),
      year integer not null check (year between 2000 and 2100),
      status text not null default 'draft' check (status in ('draft','awaiting_approval','approved','submitted','published')),
      title text not null,
      doc_no text,
      sections jsonb not null,
      figures jsonb not null default '[]'::jsonb,
      snapshot_at timestamptz,
      ledger_tree_size bigint,
      ledger_root text,
      cc text not null default '',
      approved_by uuid references users(id),
      approved_at timestamptz,
      submitted_at timestamptz,
      published_at timestamptz,
      return_reason text,
      version integer not null default 1,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (org_id, year)
    );
    create index annual_reports_year_status on annual_reports (year, status);
  `.execute(db);
}
