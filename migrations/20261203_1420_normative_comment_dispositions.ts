import { type Kysely, sql } from 'kysely';

/**
 * Every public comment on a normative draft is disposed of by the drafting unit in its workbench — adopted,
 * partly adopted or not adopted, always with a reason — and the statement of how the comments were adopted
 * (意见采纳情况说明) is compiled from those dispositions when the comment period is closed, as it is for major
 * decisions. Comments received outside the portal (letters, e-mail) are stated with their count.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table normative_comments
      add column disposition text check (disposition in ('adopted', 'partly_adopted', 'not_adopted')),
      add column disposition_reason text,
      add column disposed_by uuid references users(id),
      add column disposed_at timestamptz,
      add constraint normative_comments_disposition_reason check (disposition is null or disposition_reason is not null);
    alter table normative_docs add column comment_offline_count int check (comment_offline_count >= 0);
    -- The glossary's name for 意见采纳情况说明.
    alter table normative_docs rename column comment_disposition to comment_disposition_report;
  `.execute(db);
}
