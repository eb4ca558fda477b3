import { type Kysely, sql } from 'kysely';

/**
 * "At least N days" periods (public comment ≥30 days, legality review allowance ≥7 working days) have an end date
 * the unit chooses; the engine checks it is long enough and then holds that chosen date as the deadline.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table deadlines add column fixed_due_date date;
    alter table deadlines add column shortened_reason text;
  `.execute(db);
}
