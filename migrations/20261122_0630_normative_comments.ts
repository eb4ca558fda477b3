import { type Kysely, sql } from 'kysely';

/**
 * Public comments on draft normative documents during their comment period (国办发〔2018〕37号; 《优化营商环境条例》
 * 第六十二条). Submitted from the portal without login; the client address is kept only as a salted hash.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table normative_comments (
      id uuid primary key default gen_random_uuid(),
      doc_id uuid not null references normative_docs(id),
      receipt_no text not null unique,
      submitter_kind text not null check (submitter_kind in ('anonymous', 'individual', 'organization')),
      submitter_name text,
      contact text,
      body text not null,
      client_key text not null,
      created_at timestamptz not null default now()
    );
    create index normative_comments_doc on normative_comments (doc_id, created_at);
  `.execute(db);
}
