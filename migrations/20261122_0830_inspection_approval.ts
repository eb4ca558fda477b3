import { type Kysely, sql } from 'kysely';

/**
 * 政府督查工作条例 Art 11 / Art 8 / Art 15: the inspection plan is approved by the government (its head) before the
 * inspection starts. Adds the `approved` status between `planned` and `in_progress`, and who approved it, when and
 * with what instruction (批示意见). Inspections already started before this migration keep no approval record.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table inspections drop constraint if exists inspections_status_check;
    alter table inspections add constraint inspections_status_check
      check (status in ('planned','approved','in_progress','concluded','closed'));
    alter table inspections add column approved_by uuid references users(id);
    alter table inspections add column approved_at timestamptz;
    alter table inspections add column approval_opinion text;
    alter table inspections add constraint inspections_approved_fields
      check ((approved_at is null) = (approved_by is null) and (approved_at is null) = (approval_opinion is null));
    alter table inspections add constraint inspections_approved_before_start
      check (status <> 'approved' or approved_at is not null);
  `.execute(db);
}
