import fs from 'node:fs';
import { createGunzip, createGzip } from 'node:zlib';
import readline from 'node:readline';
import { sql } from 'kysely';
import type { Db } from '../db/engine.js';
import { AppError } from '../errors.js';
import { migrationState } from '../db/migrate.js';
import { VERSION } from '../version.js';

/**
 * Logical backup: every application table as JSON rows, in foreign-key order, gzip-compressed JSON lines.
 * The same file restores into either engine (PGlite or PostgreSQL), so it also moves a deployment from
 * the embedded engine to a server. Signing keys live outside the database: back up the key directory too.
 */
interface TableInfo {
  name: string;
  columns: string[];
}

async function tablesInOrder(db: Db): Promise<TableInfo[]> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%'`.execute(db);
  const fks = await sql<{ child: string; parent: string }>`
    select tc.table_name as child, ccu.table_name as parent
    from information_schema.table_constraints tc
    join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
    where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = 'public'`.execute(db);
  const cols = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and is_generated = 'NEVER' and coalesce(generation_expression, '') = ''
    order by table_name, ordinal_position`.execute(db);
  const names = tables.rows.map((t) => t.name).sort();
  const ordered: string[] = [];
  const visit = (n: string, stack: Set<string>) => {
    if (ordered.includes(n) || stack.has(n)) return;
    stack.add(n);
    for (const f of fks.rows) if (f.child === n && f.parent !== n) visit(f.parent, stack);
    ordered.push(n);
  };
  for (const n of names) visit(n, new Set());
  return ordered.map((name) => ({ name, columns: cols.rows.filter((c) => c.table_name === name).map((c) => c.column_name) }));
}

export async function backupTo(db: Db, file: string): Promise<{ tables: number; rows: number }> {
  const tables = await tablesInOrder(db);
  const m = await migrationState(db);
  const gz = createGzip();
  const out = fs.createWriteStream(file);
  gz.pipe(out);
  const write = (o: unknown) => new Promise<void>((res) => (gz.write(`${JSON.stringify(o)}\n`) ? res() : gz.once('drain', res)));
  await write({ format: 'fazhi-backup', formatVersion: 1, appVersion: VERSION, migration: m.latest, createdAt: new Date().toISOString(), tables: tables.map((t) => t.name) });
  let rows = 0;
  for (const t of tables) {
    const list = t.columns.map((c) => `"${c}"`).join(', ');
    const res = await sql<{ r: unknown }>`select row_to_json(x) as r from (select ${sql.raw(list)} from ${sql.table(t.name)}) x`.execute(db);
    await write({ table: t.name, count: res.rows.length });
    for (const r of res.rows) await write(r.r);
    rows += res.rows.length;
  }
  await new Promise<void>((res, rej) => {
    out.on('finish', res);
    out.on('error', rej);
    gz.end();
  });
  return { tables: tables.length, rows };
}

/** Restores into an empty, migrated database, in one transaction: all or nothing. */
export async function restoreFrom(db: Db, file: string): Promise<{ tables: number; rows: number }> {
  if (!fs.existsSync(file)) throw new AppError('bad_request', `备份文件不存在：${file}`);
  const tables = await tablesInOrder(db);
  // Any row at all counts, not only organizations: a server started once (even without demo data) has stored
  // the built-in calendar, a ledger key and its first audit event, and the audit table refuses deletion — a
  // restore over them would fail half-way on a duplicate key instead of saying what to do.
  const occupied: string[] = [];
  for (const t of tables) {
    const r = await sql<{ one: number }>`select 1 as one from ${sql.table(t.name)} limit 1`.execute(db);
    if (r.rows.length) occupied.push(t.name);
  }
  if (occupied.length) {
    throw new AppError(
      'conflict',
      `目标数据库不是空的（${occupied.slice(0, 5).join('、')}${occupied.length > 5 ? ' 等' : ''}已有数据）：请恢复到新的数据目录（FAZHI_DATA_DIR）或空的 PostgreSQL 数据库，并在启动服务之前执行恢复。`,
      { tables: occupied },
    );
  }
  const m = await migrationState(db);
  const rl = readline.createInterface({ input: fs.createReadStream(file).pipe(createGunzip()), crlfDelay: Number.POSITIVE_INFINITY });
  const it = rl[Symbol.asyncIterator]();
  const first = await it.next();
  let header: { format?: string; migration?: string | null };
  try {
    header = JSON.parse(first.value ?? '');
  } catch {
    throw new AppError('bad_request', '备份文件格式不正确（不是 Fazhi 备份）。');
  }
  if (header.format !== 'fazhi-backup') throw new AppError('bad_request', '备份文件格式不正确（不是 Fazhi 备份）。');
  if (header.migration && m.latest && header.migration > m.latest) {
    throw new AppError('conflict', `备份来自更新的版本（迁移 ${header.migration}），请先升级本程序。`);
  }
  let rows = 0;
  let count = 0;
  await db.transaction().execute(async (trx) => {
    // Audit and ledger rows already exist in the backup: the restore itself must not add hooks' leaves.
    let current: TableInfo | null = null;
    let batch: unknown[] = [];
    const flush = async () => {
      if (!current || batch.length === 0) return;
      const list = current.columns.map((c) => `"${c}"`).join(', ');
      await sql`insert into ${sql.table(current.name)} (${sql.raw(list)})
        select ${sql.raw(list)} from json_populate_recordset(null::${sql.table(current.name)}, ${JSON.stringify(batch)}::json)`.execute(trx);
      rows += batch.length;
      batch = [];
    };
    for (let line = await it.next(); !line.done; line = await it.next()) {
      if (!line.value) continue;
      const obj = JSON.parse(line.value);
      if (count === 0 && obj && typeof obj === 'object' && 'table' in obj && 'count' in obj) {
        await flush();
        current = tables.find((t) => t.name === obj.table) ?? null;
        if (!current) throw new AppError('unprocessable', `备份中的表「${obj.table}」在当前版本中不存在。`);
        count = obj.count;
        continue;
      }
      batch.push(obj);
      count--;
      if (batch.length >= 500) await flush();
    }
    await flush();
    // Move sequences past the restored values.
    const seqs = await sql<{ t: string; c: string; s: string }>`
      select table_name as t, column_name as c, pg_get_serial_sequence(quote_ident(table_name), column_name) as s
      from information_schema.columns where table_schema = 'public' and column_default like 'nextval(%'`.execute(trx);
    for (const s of seqs.rows) {
      if (!s.s) continue;
      await sql`select setval(${s.s}::regclass, coalesce((select max(${sql.ref(s.c)}) from ${sql.table(s.t)}), 0) + 1, false)`.execute(trx);
    }
  });
  return { tables: tables.length, rows };
}
