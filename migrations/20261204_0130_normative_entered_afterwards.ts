import { type Kysely, sql } from 'kysely';

/**
 * Historical entry (补录): a district adopting the platform enters the documents it already has in force, with
 * their original numbers and dates. Such a record says so — who entered it, when and why — in figures and on the
 * portal, so that it is never mistaken for one made through the platform's procedure.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table normative_docs
      add column entered_afterwards boolean not null default false,
      add column entry_reason text,
      add column entered_by uuid references users(id),
      add column entered_at timestamptz
  `.execute(db);
}
