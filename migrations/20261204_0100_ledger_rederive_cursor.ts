import { type Kysely, sql } from 'kysely';

/**
 * The rolling re-derivation's place in the log: each scheduled sweep re-derives the records of the next slice
 * of older leaves from their modules' rows, so that an edit to an old record is found within the configured
 * bound (FAZHI_LEDGER_REDERIVE_MINUTES, default 60) instead of at the next full sweep.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table ledger_sweep_state add column rederive_cursor bigint not null default 0`.execute(db);
}
