import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DbHandle, openDatabase } from '../../src/platform/db/engine.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or — when
 * DATABASE_URL is set — a new database created on that PostgreSQL server and dropped on close.
 */
export async function createTestDb(): Promise<DbHandle> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const h = await openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(h.db);
    return h;
  }
  const name = `fazhi_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const h = await openDatabase({ databaseUrl: u.toString() });
  await migrateToLatest(h.db);
  return {
    ...h,
    close: async () => {
      await h.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
