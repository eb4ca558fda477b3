import { type Kysely, sql } from 'kysely';

/**
 * 《重大行政决策程序暂行条例》第三十七条: a major adjustment re-runs the *relevant* statutory procedures. The
 * conditional procedures an adjustment round re-runs (participation, expert review, risk assessment) are kept on
 * the decision; null means every procedure the decision's triggers require (the original round).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table decisions add column rerun_stages jsonb
      check (rerun_stages is null or jsonb_typeof(rerun_stages) = 'array')
  `.execute(db);
}
