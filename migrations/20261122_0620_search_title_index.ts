import { type Kysely, sql } from 'kysely';

/**
 * Search ranks a bounded set of candidates per page; the title matches among them come from this small index
 * (titles are short, their vectors stay inline), so a common word found in thousands of bodies costs no more
 * than the page being shown.
 *
 * Both GIN indexes are written directly (fastupdate off): entries are added when a record is published, which
 * is rare, while a pending list — scanned linearly by every query until a vacuum merges it — made searches
 * several times slower right after a bulk import.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index search_entries_title_tsv on search_entries using gin (title_tsv) with (fastupdate = off)`.execute(
    db,
  );
  await sql`alter index search_entries_tsv set (fastupdate = off)`.execute(db);
  await sql`select gin_clean_pending_list('search_entries_tsv'::regclass)`.execute(db);
}
