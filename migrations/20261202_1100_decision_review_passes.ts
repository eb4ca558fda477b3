import { type Kysely, sql } from 'kysely';

/**
 * Two-level legality review (沪府办发〔2020〕5号; 《重大行政决策程序暂行条例》第二十五条至第二十八条):
 * - `reviewer_org_id`: the organisation the reviewer acted for, so the justice-bureau level can be refused to
 *   the person or organisation that gave the unit-level opinion;
 * - `superseded_at`: set on every review of a pass once the draft is revised (an "unlawful" finding, or the
 *   meeting returned it) — a revised draft needs a fresh unit-level opinion before the bureau level.
 * Backfill: the reviewer's current organisation; reviews created before a later completion of drafting in the
 * same round belong to an earlier pass.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table decision_legality_reviews
      add column reviewer_org_id uuid references organizations(id),
      add column superseded_at timestamptz
  `.execute(db);
  await sql`
    update decision_legality_reviews r set reviewer_org_id = u.org_id
    from users u where u.id = r.reviewer_id
  `.execute(db);
  await sql`
    update decision_legality_reviews r set superseded_at = now()
    where exists (
      select 1 from decision_stage_records s
      where s.decision_id = r.decision_id and s.round = r.round and s.stage = 'drafting'
        and s.completed_at > r.created_at)
  `.execute(db);
}
