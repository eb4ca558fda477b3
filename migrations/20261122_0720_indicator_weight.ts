import { type Kysely, sql } from 'kysely';

/** Each indicator node carries a weight (默认 1) for scoring against the demonstration indicator system. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table indicators add column weight numeric not null default 1 check (weight > 0 and weight <= 100)
  `.execute(db);
}
