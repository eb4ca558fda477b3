import { type Kysely, sql } from 'kysely';

/**
 * Normative documents, second round:
 * - the annual catalog of documents made, amended, repealed and lapsed (年度规范性文件目录; 上海市人大常委会
 *   规范性文件备案审查条例 Art 13: by 31 January of the following year). Each publication is a version of the
 *   catalog of one issuing body and year, kept whole (the entries as published) and anchored in the ledger;
 * - the reason recorded when a legality opinion is given before the minimum review time (国办发〔2018〕115号).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table normative_annual_catalogs (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organizations(id),
      year int not null check (year between 1990 and 2100),
      version int not null check (version >= 1),
      title text not null,
      -- The entries as published: { made: [...], amended: [...], repealed: [...], lapsed: [...] }.
      entries jsonb not null,
      counts jsonb not null,
      content_hash text not null,
      leaf_hash text not null,
      due_on date not null,
      late boolean not null,
      -- Why a catalog already published was published again (required from version 2).
      reason text,
      published_on date not null,
      published_by uuid references users(id),
      published_at timestamptz not null default now(),
      unique (org_id, year, version)
    );
    create index normative_annual_catalogs_year on normative_annual_catalogs (year, org_id);

    alter table normative_docs add column legality_early_reason text;
  `.execute(db);
}
