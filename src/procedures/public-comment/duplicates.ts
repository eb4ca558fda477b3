// A re-submission of the same text by the same commenter in the same period is answered with the first receipt
// number instead of becoming a second comment (a double click, a reload). Every module's comment table carries
// the same three columns for this, so the lookup is written once, over any such table.
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/engine.js';
import type { Database } from '../../platform/db/schema.js';

/** The tables that hold portal comments: those with a receipt number, the commenter's key and the text. */
export type CommentTable = {
  [K in keyof Database]: Database[K] extends { receipt_no: unknown; client_key: unknown; body: unknown } ? K : never;
}[keyof Database];

/** Where one period's comments are: the table, and the column naming the period (the decision's participation, the draft). */
export interface CommentScope<T extends CommentTable> {
  table: T;
  column: keyof Database[T] & string;
  id: string;
}

/** The receipt number of an earlier comment in `scope` with this client key and text, if there is one. */
export async function earlierReceipt<T extends CommentTable>(
  db: Executor,
  scope: CommentScope<T>,
  clientKey: string,
  body: string,
): Promise<string | undefined> {
  const { rows } = await sql<{ receipt_no: string }>`
    select receipt_no from ${sql.table(scope.table)}
    where ${sql.ref(scope.column)} = ${scope.id} and client_key = ${clientKey} and body = ${body}
    limit 1`.execute(db);
  return rows[0]?.receipt_no;
}
