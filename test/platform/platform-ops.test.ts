import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import pino from 'pino';
import { buildApp } from '../../src/app.js';
import { backupTo, restoreFrom } from '../../src/platform/backup/backup.js';
import { loadConfig } from '../../src/platform/config.js';
import { openDatabase } from '../../src/platform/db/engine.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { seedPlatformDemo } from '../../src/platform/seed/demo.js';
import { createTestApp } from '../helpers/app.js';
import { createTestDb } from '../helpers/db.js';

const root = path.resolve(import.meta.dirname, '../..');

/** Every application table's rows as sorted JSON, for comparing two databases. */
async function snapshot(db: Parameters<typeof backupTo>[0]): Promise<Record<string, string[]>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%' order by 1`.execute(
    db,
  );
  const out: Record<string, string[]> = {};
  for (const t of tables.rows) {
    const rows = await sql<{ r: string }>`select row_to_json(x)::text as r from ${sql.table(t.name)} x`.execute(db);
    out[t.name] = rows.rows.map((r) => r.r).sort();
  }
  return out;
}

describe('operations', () => {
  test('backup and restore round-trip every row of every module (same engine, and across engines)', async () => {
    // The whole demo district: every module's tables (ledger, calendar, decisions, documents, plan, reports…).
    const t = await createTestApp({ moduleDemo: true });
    const a = t.h;
    const b = await createTestDb();
    try {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-bk-')), 'backup.jsonl.gz');
      const r = await backupTo(a.db, file);
      const source = await snapshot(a.db);
      const emptyTables = Object.entries(source)
        .filter(([, rows]) => rows.length === 0)
        .map(([n]) => n);
      for (const must of [
        'ledger_entries',
        'calendar_years',
        'decisions',
        'normative_docs',
        'laws',
        'plan_tasks',
        'annual_reports',
        'audit_events',
      ]) {
        assert.ok(source[must]?.length, `演示数据应覆盖 ${must}（空表：${emptyTables.join(',')}）`);
      }
      const restored = await restoreFrom(b.db, file);
      assert.equal(restored.rows, r.rows);
      assert.deepEqual(await snapshot(b.db), source);
      if (process.env.DATABASE_URL) {
        // The same file moves a PostgreSQL deployment onto the embedded engine (and back, by symmetry).
        const lite = await openDatabase({ dataDir: 'memory://' });
        try {
          await migrateToLatest(lite.db);
          await restoreFrom(lite.db, file);
          assert.deepEqual(await snapshot(lite.db), source);
        } finally {
          await lite.close();
        }
      }
      // A second restore into a non-empty database is refused and changes nothing.
      await assert.rejects(restoreFrom(b.db, file), /不是空的/);
      // Sequences moved past restored values: a new audit event gets a higher seq.
      const max = await sql<{ m: string }>`select max(seq)::text as m from audit_events`.execute(b.db);
      const ins = await sql<{
        seq: string;
      }>`insert into audit_events (action, entity_kind) values ('system.restored','system') returning seq::text`.execute(
        b.db,
      );
      assert.ok(BigInt(ins.rows[0].seq) > BigInt(max.rows[0].m));
      const garbage = path.join(path.dirname(file), 'garbage.gz');
      fs.writeFileSync(garbage, execFileSync('gzip', ['-c'], { input: 'not json\n' }));
      const c = await createTestDb();
      await assert.rejects(restoreFrom(c.db, garbage), /格式不正确/);
      await c.close();
    } finally {
      await t.close();
      await b.close();
    }
  });

  test('restore refuses a database a server has already started on, naming what is there, and changes nothing', async () => {
    const src = await createTestDb();
    const t = await createTestApp();
    try {
      await seedPlatformDemo(src.db);
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-bk-')), 'backup.jsonl.gz');
      await backupTo(src.db, file);
      // createTestApp started the platform once: built-in calendar, ledger key, first audit events.
      const before = await snapshot(t.db);
      await assert.rejects(
        restoreFrom(t.db, file),
        (e: Error) => /不是空的/.test(e.message) && /calendar_years|audit_events/.test(e.message),
      );
      assert.deepEqual(await snapshot(t.db), before);
    } finally {
      await src.close();
      await t.close();
    }
  });

  test('the PGlite data directory is locked: a second process gets a clear error and data survives', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-lock-'));
    const h = await openDatabase({ dataDir: dir });
    try {
      await migrateToLatest(h.db);
      await seedPlatformDemo(h.db);
      const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', 'migrate'], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: '', FAZHI_DATA_DIR: dir },
        encoding: 'utf8',
      });
      assert.equal(res.status, 2, res.stderr);
      assert.match(res.stderr, /正被另一个 Fazhi 进程/);
      const n = await h.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      assert.ok(Number(n.n) >= 10);
    } finally {
      await h.close();
    }
    // Once released, the directory opens again with the data intact.
    const again = await openDatabase({ dataDir: dir });
    const n = await again.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    assert.ok(Number(n.n) >= 10);
    await again.close();
  });

  test('a stopped database answers 503 with a Chinese message, and health says down', async () => {
    const h = await createTestDb();
    const config = { ...loadConfig(), jobsEnabled: false };
    const app = await buildApp({ db: h.db, engine: h.engine, config, logger: false });
    await app.ready();
    const up = await app.inject({ method: 'GET', url: '/api/health' });
    assert.equal(up.statusCode, 200);
    await h.close();
    const down = await app.inject({ method: 'GET', url: '/api/health' });
    assert.equal(down.statusCode, 503);
    assert.equal(down.json().database, 'down');
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'x' },
    });
    assert.equal(login.statusCode, 503);
    assert.match(login.json().message, /数据库暂时不可用/);
    await app.close();
    void pino;
  });
});
