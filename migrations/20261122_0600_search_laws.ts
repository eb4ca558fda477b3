import { type Kysely, sql } from 'kysely';

/**
 * Chinese full-text search and the law library.
 *
 * Search: text is segmented by jieba in the application (cutForSearch + a legal-terms dictionary) and stored
 * as space-separated tokens; PostgreSQL's 'simple' configuration turns them into a tsvector. Doing the
 * segmentation outside the database keeps PGlite and PostgreSQL identical (no zhparser extension).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table search_entries (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('law', 'normative_doc')),
      ref_id uuid not null,
      title text not null,
      -- Short extra line shown under the title (law category and version date, document number …).
      subtitle text,
      body text not null,
      title_tokens text not null,
      body_tokens text not null,
      tsv tsvector generated always as (
        setweight(to_tsvector('simple', title_tokens), 'A') || setweight(to_tsvector('simple', body_tokens), 'D')
      ) stored,
      title_tsv tsvector generated always as (to_tsvector('simple', title_tokens)) stored,
      -- Facets for filtering without joins.
      org_id uuid references organizations(id),
      status text not null,
      year int,
      -- A superseded law version or a lapsed document ranks below the current one.
      is_current boolean not null default true,
      updated_at timestamptz not null default now(),
      unique (kind, ref_id)
    );
    create index search_entries_tsv on search_entries using gin (tsv);
    create index search_entries_kind on search_entries (kind, status);

    create table laws (
      id uuid primary key default gen_random_uuid(),
      -- Stable identity of a statute across its versions: the normalised title.
      work_key text not null,
      title text not null,
      category text not null,
      version_date date,
      -- Lines between the title and the body (adoption, amendment, promulgation dates).
      history text not null default '',
      status text not null default 'current' check (status in ('current', 'superseded')),
      source_name text not null,
      content_hash text not null,
      article_count int not null default 0,
      imported_by uuid references users(id),
      imported_at timestamptz not null default now()
    );
    create unique index laws_version on laws (work_key, coalesce(version_date, date '0001-01-01'));
    create index laws_work on laws (work_key, status);

    create table law_articles (
      law_id uuid not null references laws(id) on delete cascade,
      seq int not null,
      chapter text,
      number text,
      text text not null,
      primary key (law_id, seq)
    );
  `.execute(db);
}
