/**
 * Rolling re-derivation benchmark: what it costs to re-derive 100,000 anchored records from their rows (one
 * full turn of the rolling cursor, i.e. every record within the bound) and one run's slice (a quarter at the
 * default cadence), side by side with merely reading the same entries — on PGlite, or PostgreSQL when
 * DATABASE_URL is set.
 *
 * The records are a table of their own (bench_records) with a registered record source that reads it in one
 * query per batch, as a module's source does; their entries are bulk-generated with SQL (canonical JSON
 * content and its hash, exactly what anchorRecord stores).
 */
import { sql } from 'kysely';
import { registerRecordSource } from '../src/platform/ledger/index.js';
import { rederiveLeaves } from '../src/platform/ledger/sweep-entries.js';
import { createTestDb } from '../test/helpers/db.js';

const RECORDS = Number(process.env.BENCH_REDERIVE_RECORDS ?? 100_000);
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

export async function run(): Promise<void> {
  const h = await createTestDb();
  try {
    const db = h.db;
    await sql`create table bench_records (id text primary key, title text not null)`.execute(db);
    await sql`insert into bench_records select 'R-' || i, '基准测试记录' || i from generate_series(0, ${RECORDS - 1}) i`.execute(
      db,
    );
    // {"id":"R-i","title":"基准测试记录i"} is RFC 8785 canonical (keys in order, no escapes needed).
    await sql`insert into ledger_entries (idx, leaf_hash, record_kind, record_id, content_hash, content, sequenced_at)
      select i, sha256(convert_to('leaf' || i, 'UTF8')), 'bench.record', 'R-' || i, sha256(convert_to(c, 'UTF8')), c, now()
      from (select i, '{"id":"R-' || i || '","title":"基准测试记录' || i || '"}' as c
            from generate_series(0, ${RECORDS - 1}) i) a`.execute(db);
    await sql`analyze ledger_entries`.execute(db);
    registerRecordSource('bench.record', async (ex, ids) => {
      const { rows } = await sql<{ id: string; title: string }>`
        select id, title from bench_records where id = any(${ids}::text[])`.execute(ex);
      return new Map(rows.map((r) => [r.id, { id: r.id, title: r.title }]));
    });

    let t0 = process.hrtime.bigint();
    await sql`select idx, seq, record_kind, record_id, content_hash from ledger_entries`.execute(db);
    const readMs = ms(t0);

    const problems: unknown[] = [];
    t0 = process.hrtime.bigint();
    const n = await rederiveLeaves(db, 0, RECORDS, (p) => problems.push(p));
    const turnMs = ms(t0);
    if (n !== RECORDS || problems.length) throw new Error(`re-derived ${n}, problems ${problems.length}`);

    t0 = process.hrtime.bigint();
    await rederiveLeaves(db, 0, Math.ceil(RECORDS / 4), () => undefined);
    const sliceMs = ms(t0);

    await sql`update bench_records set title = title || '（改）' where id = 'R-77777'`.execute(db);
    const found: unknown[] = [];
    await rederiveLeaves(db, 0, RECORDS, (p) => found.push(p));

    console.log(`# rolling re-derivation — engine: ${h.engine}, ${RECORDS.toLocaleString('en')} anchored records`);
    console.log(`read the entries only:            ${readMs.toFixed(0)} ms`);
    console.log(
      `one full turn (every record):     ${turnMs.toFixed(0)} ms  (${(RECORDS / (turnMs / 1000)).toFixed(0)} records/s)`,
    );
    console.log(`one run's slice (a quarter):      ${sliceMs.toFixed(0)} ms`);
    console.log(`ratio turn / read:                ${(turnMs / readMs).toFixed(1)}×`);
    console.log(`share of the 15-minute cadence one slice takes: ${((sliceMs / (15 * 60_000)) * 100).toFixed(3)} %`);
    console.log(`an edited record is found by the turn: ${found.length === 1 ? 'yes' : `no (${found.length})`}`);
  } finally {
    await h.close();
  }
}
