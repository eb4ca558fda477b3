import { type Kysely, sql } from 'kysely';

/**
 * Progress reports are dated by the injected clock (their `reported_at` is when the act is dated, which a test or a
 * historical entry fixes); the order in which they were written is kept apart, so that two reports at the same
 * instant still read in order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table plan_progress_reports add column seq bigserial`.execute(db);
}
