import { type Kysely, sql } from 'kysely';

/**
 * The tamper sweep re-derives each anchored published decision (record kind `decision.published`) from the
 * module's rows (ADR 0003, record sources). Its interpretation, channels and unit names exist nowhere else, so
 * the publication stage record now keeps the anchored record as `outcome.record`; this fills it in for
 * decisions published before, from the ledger entry's stored content (itself checked against its hash).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update decision_stage_records s
    set outcome = jsonb_set(s.outcome, '{record}', e.content::jsonb)
    from ledger_entries e
    where e.record_kind = 'decision.published'
      and e.content is not null
      and s.stage = 'publication'
      and s.decision_id::text = split_part(e.record_id, ':r', 1)
      and s.round::text = split_part(e.record_id, ':r', 2)
      and s.outcome -> 'record' is null
  `.execute(db);
}
