import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { DataDirLock } from './lock.js';
import type { Database } from './schema.js';

// Dates of legal effect are LocalDate strings ('YYYY-MM-DD'): never let the driver turn a DATE into a
// JS Date at UTC midnight. int8 (bigserial seq, counts) stays a string to keep full precision.
pg.types.setTypeParser(1082, (v: string) => v);

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Anything queries can run on: the database or an open transaction. */
export type Executor = Db | Trx;

export interface DbHandle {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** Present for PGlite: the embedded instance (backup/restore use dumpDataDir). */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | null;
  /** PGlite data directory; 'memory://' for an in-memory database (tests). */
  dataDir?: string;
  /** Take the data-directory lock (always for file-backed PGlite). */
  lock?: boolean;
}

export async function openDatabase(opts: OpenOptions): Promise<DbHandle> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle connection dropped by the server (restart, failover, admin termination) must not crash the
    // process: the pool discards it and the next query opens a new one (or fails with a 503).
    pool.on('error', (err) => process.emitWarning(`PostgreSQL idle connection error: ${err.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  const dir = opts.dataDir ?? './data';
  const inMemory = dir.startsWith('memory://');
  const pgdata = inMemory ? dir : path.join(dir, 'pgdata');
  const lock = !inMemory && opts.lock !== false ? DataDirLock.acquire(dir) : null;
  try {
    const pglite = await PGlite.create(pgdata);
    const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      engine: 'pglite',
      pglite,
      close: async () => {
        await db.destroy();
        await pglite.close();
        lock?.release();
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}
