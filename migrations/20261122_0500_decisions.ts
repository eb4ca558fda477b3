import { type Kysely, sql } from 'kysely';

/**
 * Major administrative decisions (重大行政决策, 国务院令第713号): annual catalogs with every published version,
 * decisions (catalog items) with their procedure stage, stage records, legality reviews, public participation
 * in several forms, public comments with attachments and dispositions, execution tasks and progress reports.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table decision_catalogs (
      id uuid primary key default gen_random_uuid(),
      body_org_id uuid not null references organizations(id),
      year integer not null check (year between 2000 and 2199),
      title text not null,
      status text not null default 'draft' check (status in ('draft', 'approved', 'published')),
      version integer not null default 0 check (version >= 0),
      party_consent_ref text,
      party_consent_on date,
      approved_at timestamptz,
      approved_by uuid references users(id),
      published_at timestamptz,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (body_org_id, year)
    );

    create table decision_catalog_versions (
      id uuid primary key default gen_random_uuid(),
      catalog_id uuid not null references decision_catalogs(id),
      version integer not null check (version >= 1),
      reason text,
      snapshot jsonb not null,
      content_hash text not null,
      leaf_hash text,
      published_by uuid references users(id),
      published_at timestamptz not null default now(),
      unique (catalog_id, version)
    );

    create table decisions (
      id uuid primary key default gen_random_uuid(),
      catalog_id uuid not null references decision_catalogs(id),
      seq integer not null check (seq >= 1),
      body_org_id uuid not null references organizations(id),
      lead_org_id uuid not null references organizations(id),
      execution_org_id uuid references organizations(id),
      title text not null,
      summary text not null,
      category text not null,
      planned_completion_on date not null,
      status text not null default 'proposed',
      in_catalog boolean not null default true,
      assessment jsonb,
      is_technical boolean not null default false,
      affects_stability boolean not null default false,
      confidential boolean not null default false,
      confidential_reason text,
      draft jsonb,
      suspended_from text,
      adjustment_count integer not null default 0,
      published_text text,
      published_at timestamptz,
      completed_on date,
      archived_at timestamptz,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (catalog_id, seq)
    );
    create index decisions_lead_idx on decisions (lead_org_id);
    create index decisions_body_idx on decisions (body_org_id);
    create index decisions_status_idx on decisions (status);

    create table decision_stage_records (
      id uuid primary key default gen_random_uuid(),
      decision_id uuid not null references decisions(id),
      stage text not null,
      round integer not null default 0,
      outcome jsonb not null,
      public_summary text,
      leaf_hash text,
      content_hash text,
      completed_by uuid references users(id),
      completed_by_name text,
      completed_at timestamptz not null default now()
    );
    create index decision_stage_records_decision_idx on decision_stage_records (decision_id, completed_at);

    create table decision_legality_reviews (
      id uuid primary key default gen_random_uuid(),
      decision_id uuid not null references decisions(id),
      round integer not null default 0,
      level text not null check (level in ('unit', 'justice')),
      submitted_on date not null,
      reply_by date not null,
      materials jsonb not null,
      conclusion text check (conclusion in ('lawful', 'lawful_with_changes', 'unlawful')),
      opinion text,
      reviewer_id uuid references users(id),
      reviewer_name text,
      reviewed_on date,
      created_at timestamptz not null default now()
    );
    create index decision_legality_reviews_decision_idx on decision_legality_reviews (decision_id);

    create table decision_participations (
      id uuid primary key default gen_random_uuid(),
      decision_id uuid not null references decisions(id),
      round integer not null default 0,
      form text not null check (form in ('comment_period', 'hearing', 'symposium', 'written_consultation', 'survey', 'field_visit')),
      status text not null default 'open' check (status in ('open', 'closed')),
      title text not null,
      opens_on date,
      closes_on date,
      shortened_reason text,
      held_on date,
      details jsonb not null default '{}',
      outcome text,
      comment_set_hash text,
      comment_count integer,
      closed_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index decision_participations_decision_idx on decision_participations (decision_id);

    create table decision_comments (
      id uuid primary key default gen_random_uuid(),
      participation_id uuid not null references decision_participations(id),
      decision_id uuid not null references decisions(id),
      receipt_no text not null unique,
      submitter_kind text not null check (submitter_kind in ('anonymous', 'individual', 'organization')),
      submitter_name text,
      contact text,
      body text not null,
      attachments jsonb not null default '[]',
      moderation text not null default 'pending' check (moderation in ('pending', 'published', 'rejected')),
      moderation_reason text,
      disposition text check (disposition in ('adopted', 'partly_adopted', 'not_adopted')),
      disposition_reason text,
      disposed_by uuid references users(id),
      client_key text not null,
      created_at timestamptz not null default now()
    );
    create index decision_comments_participation_idx on decision_comments (participation_id, created_at);
    create index decision_comments_client_idx on decision_comments (client_key, created_at);

    create table decision_comment_files (
      id uuid primary key default gen_random_uuid(),
      comment_id uuid not null references decision_comments(id),
      name text not null,
      mime text not null,
      size integer not null,
      sha256 text not null,
      content bytea not null
    );

    create table decision_execution_tasks (
      id uuid primary key default gen_random_uuid(),
      decision_id uuid not null references decisions(id),
      name text not null,
      weight integer not null check (weight between 1 and 100),
      progress integer not null default 0 check (progress between 0 and 100),
      created_at timestamptz not null default now()
    );

    create table decision_execution_reports (
      id uuid primary key default gen_random_uuid(),
      decision_id uuid not null references decisions(id),
      period text not null,
      note text not null,
      task_progress jsonb not null,
      overall_pct numeric(5, 1) not null,
      problems text,
      reported_by uuid references users(id),
      reported_by_name text,
      created_at timestamptz not null default now(),
      unique (decision_id, period)
    );
  `.execute(db);
}
