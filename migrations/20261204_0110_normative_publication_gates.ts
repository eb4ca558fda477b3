import { type Kysely, sql } from 'kysely';

/**
 * Gates before publication, not after: a document published without holding a public comment period records
 * why none was held, and one that takes effect sooner than the adaptation period after publication records
 * why (优化营商环境条例第六十五条; 沪府令17号). Both reasons are published with the document.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table normative_docs
      add column comment_waiver_reason text,
      add column early_effect_reason text
  `.execute(db);
}
