import { type Kysely, sql } from 'kysely';

/** Implementation plans (实施方案) decomposed into unit tasks, and government inspection (政府督查). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table plans (
      id uuid primary key default gen_random_uuid(),
      title text not null,
      doc_no text,
      year_from integer not null,
      year_to integer not null,
      source_sha256 text not null,
      status text not null default 'review' check (status in ('review','active','closed')),
      default_due_date date,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (year_to >= year_from)
    );

    create table plan_chapters (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plans(id) on delete cascade,
      seq integer not null,
      numeral text not null,
      title text not null,
      weight numeric(8,2) not null default 1 check (weight > 0),
      unique (plan_id, seq)
    );

    create table plan_items (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plans(id) on delete cascade,
      chapter_id uuid not null references plan_chapters(id) on delete cascade,
      seq integer not null,
      numeral text not null,
      title text not null,
      body text not null,
      general boolean not null default false,
      line_no integer not null,
      weight numeric(8,2) not null default 1 check (weight > 0),
      unique (plan_id, seq)
    );

    create table plan_item_units (
      id uuid primary key default gen_random_uuid(),
      item_id uuid not null references plan_items(id) on delete cascade,
      position integer not null,
      raw_name text not null,
      resolution text not null check (resolution in ('org','group','unmatched','ignored')),
      org_id uuid references organizations(id),
      group_key text,
      lead boolean not null default false,
      check ((resolution = 'org') = (org_id is not null)),
      check ((resolution = 'group') = (group_key is not null))
    );
    create index plan_item_units_item on plan_item_units (item_id);

    -- Names confirmed on the review screen, so the next import matches them without asking again.
    create table plan_unit_aliases (
      alias text primary key,
      org_id uuid not null references organizations(id),
      created_by uuid references users(id),
      created_at timestamptz not null default now()
    );

    create table plan_tasks (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plans(id) on delete cascade,
      item_id uuid not null references plan_items(id) on delete cascade,
      org_id uuid not null references organizations(id),
      lead boolean not null default false,
      due_date date not null,
      progress integer not null default 0 check (progress between 0 and 100),
      weight numeric(8,2) not null default 1 check (weight > 0),
      status text not null default 'open' check (status in ('open','done')),
      last_reported_at timestamptz,
      escalated_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (item_id, org_id)
    );
    create index plan_tasks_org on plan_tasks (org_id);
    create index plan_tasks_due_open on plan_tasks (due_date) where status = 'open';

    create table plan_progress_reports (
      id uuid primary key default gen_random_uuid(),
      task_id uuid not null references plan_tasks(id) on delete cascade,
      progress_from integer not null,
      progress_to integer not null check (progress_to between 0 and 100),
      note text not null,
      reason text,
      evidence jsonb not null default '[]'::jsonb,
      reported_by uuid references users(id),
      reported_at timestamptz not null default now()
    );
    create index plan_progress_reports_task on plan_progress_reports (task_id, reported_at);

    create table plan_evidence_files (
      sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
      name text not null,
      mime text not null,
      size integer not null,
      content bytea not null,
      created_at timestamptz not null default now()
    );

    -- 政府督查工作条例: a plan is mandatory before inspecting (Arts 14–15).
    create table inspections (
      id uuid primary key default gen_random_uuid(),
      title text not null,
      basis text not null,
      scope text not null,
      methods text not null,
      starts_on date not null,
      ends_on date not null,
      status text not null default 'planned' check (status in ('planned','in_progress','concluded','closed')),
      org_id uuid not null references organizations(id),
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (ends_on >= starts_on)
    );

    create table inspection_targets (
      id uuid primary key default gen_random_uuid(),
      inspection_id uuid not null references inspections(id) on delete cascade,
      org_id uuid not null references organizations(id),
      status text not null default 'pending' check (status in ('pending','concluded','reexamination_requested','reexamined','rectifying','rectified','verified')),
      conclusion text,
      conclusion_served_on date,
      conclusion_by uuid references users(id),
      reexamination_reason text,
      reexamination_requested_on date,
      reexamination_decision text,
      reexamination_decided_on date,
      reexamination_outcome text check (reexamination_outcome in ('upheld','changed')),
      rectification_report text,
      rectified_on date,
      verification_note text,
      verified_on date,
      updated_at timestamptz not null default now(),
      unique (inspection_id, org_id)
    );

    create table inspection_orders (
      id uuid primary key default gen_random_uuid(),
      inspection_id uuid not null references inspections(id) on delete cascade,
      org_id uuid not null references organizations(id),
      content text not null,
      due_date date not null,
      status text not null default 'issued' check (status in ('issued','answered')),
      answer text,
      answered_on date,
      created_at timestamptz not null default now()
    );
  `.execute(db);
}
