import { type Kysely, sql } from 'kysely';

/**
 * Administrative normative documents (行政规范性文件): issuing-body list, documents with versions, legal bases,
 * registration numbers, filing review, validity evaluations, upstream-law flags and clean-up campaigns.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- 制定主体清单: only these bodies may draft normative documents.
    create table normative_issuing_bodies (
      org_id uuid primary key references organizations(id),
      -- Prefix of the registration number, e.g. 示市监规 → 示市监规〔2026〕3号.
      number_prefix text not null unique check (char_length(number_prefix) between 1 and 20),
      basis text not null,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table normative_docs (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organizations(id),
      title text not null,
      -- interim: 暂行 / 试行 documents (shorter default validity).
      doc_type text not null check (doc_type in ('regular', 'interim')),
      business_related boolean not null,
      affects_market boolean not null,
      comment_required boolean not null,
      status text not null check (status in ('draft', 'commenting', 'fair_review', 'legality_review', 'deliberation',
        'approved', 'registered', 'in_force', 'expired', 'repealed')),
      body text not null,
      drafting_note text not null default '',
      version int not null default 1,
      comment_start date,
      comment_end date,
      comment_shortened_reason text,
      comment_count int,
      comment_disposition text,
      comment_done boolean not null default false,
      fair_review_done boolean not null default false,
      fair_review_conclusion text,
      legality_submitted_on date,
      legality_outcome text check (legality_outcome in ('lawful', 'lawful_with_changes', 'unlawful')),
      legality_opinion text,
      legality_reviewed_on date,
      legality_reviewer_id uuid references users(id),
      deliberation_meeting text,
      deliberation_on date,
      registration_year int,
      registration_seq int,
      registration_no text unique,
      interpretation text,
      published_on date,
      effective_on date,
      valid_until date,
      content_hash text,
      ended_on date,
      end_reason text,
      -- Set when an upstream law changed or a clean-up decided to amend; cleared when handled.
      needs_review boolean not null default false,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (org_id, registration_year, registration_seq)
    );
    create index normative_docs_org on normative_docs (org_id, status);
    create index normative_docs_status on normative_docs (status, valid_until);

    create table normative_doc_versions (
      doc_id uuid not null references normative_docs(id),
      version int not null,
      title text not null,
      body text not null,
      change_note text not null,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      primary key (doc_id, version)
    );

    create table normative_doc_bases (
      doc_id uuid not null references normative_docs(id),
      law_id uuid not null references laws(id),
      articles text not null default '',
      primary key (doc_id, law_id)
    );
    create index normative_doc_bases_law on normative_doc_bases (law_id);

    -- 统一编号: one counter per issuing body and year, advanced inside the registering transaction, so a
    -- rollback leaves no gap and concurrent registrations serialize on the row.
    create table normative_number_counters (
      org_id uuid not null references organizations(id),
      year int not null,
      last_seq int not null,
      primary key (org_id, year)
    );

    create table normative_filings (
      id uuid primary key default gen_random_uuid(),
      doc_id uuid not null unique references normative_docs(id),
      org_id uuid not null references organizations(id),
      due_on date not null,
      status text not null check (status in ('pending', 'submitted', 'accepted', 'returned', 'correction_required',
        'revocation_proposed')),
      submitted_on date,
      late boolean,
      materials jsonb not null default '[]',
      report text,
      supplement_due_on date,
      review_opinion text,
      reviewed_on date,
      reviewer_id uuid references users(id),
      submissions int not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index normative_filings_status on normative_filings (status, due_on);

    -- Upstream changes and expiry evaluations: tasks that ask the unit to look at a document again.
    create table normative_review_tasks (
      id uuid primary key default gen_random_uuid(),
      doc_id uuid not null references normative_docs(id),
      org_id uuid not null references organizations(id),
      kind text not null check (kind in ('upstream_change', 'expiry_evaluation')),
      reason text not null,
      law_id uuid references laws(id),
      due_on date,
      dedupe_key text not null unique,
      status text not null default 'open' check (status in ('open', 'done')),
      outcome text,
      done_by uuid references users(id),
      done_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index normative_review_tasks_doc on normative_review_tasks (doc_id, status);

    create table normative_cleanup_campaigns (
      id uuid primary key default gen_random_uuid(),
      title text not null,
      started_on date not null,
      due_on date not null,
      status text not null default 'open' check (status in ('open', 'closed')),
      summary jsonb,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      closed_at timestamptz
    );

    create table normative_cleanup_items (
      campaign_id uuid not null references normative_cleanup_campaigns(id),
      doc_id uuid not null references normative_docs(id),
      org_id uuid not null references organizations(id),
      outcome text check (outcome in ('keep', 'amend', 'repeal', 'lapse')),
      reason text,
      decided_by uuid references users(id),
      decided_at timestamptz,
      primary key (campaign_id, doc_id)
    );
    create index normative_cleanup_items_org on normative_cleanup_items (campaign_id, org_id);
  `.execute(db);
}
