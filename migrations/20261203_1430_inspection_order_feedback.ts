import { type Kysely, sql } from 'kysely';

/**
 * Follow-up orders (督办单, 《政府督查工作条例》第十四条 日常督办) become an assigned reply with feedback: the
 * inspection office accepts the unit's reply or sends it back for re-handling with its reasons (第十八条), and
 * the unit answers again. The statuses are those of the assigned-reply procedure (src/procedures/assigned-reply).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table inspection_orders drop constraint if exists inspection_orders_status_check;
    alter table inspection_orders add constraint inspection_orders_status_check
      check (status in ('issued', 'return_requested', 'returned', 'answered', 'rehandling', 'closed'));
    alter table inspection_orders
      add column feedback text,
      add column feedback_on date,
      add column rounds int not null default 1 check (rounds >= 1);
  `.execute(db);
}
