import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { Db } from './engine.js';

/** Migrations live in /migrations, forward-only, ordered by file name (`YYYYMMDD_HHMM_name.ts`). */
export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../../migrations');

class DirProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts') && !f.includes('.test.'))
      .sort();
    const out: Record<string, Migration> = {};
    for (const f of files) {
      const mod = (await import(pathToFileURL(path.join(MIGRATIONS_DIR, f)).href)) as Migration;
      out[f.replace(/\.(ts|js)$/, '')] = mod;
    }
    return out;
  }
}

export function migrator(db: Db): Migrator {
  return new Migrator({ db: db as Kysely<unknown>, provider: new DirProvider() });
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export interface MigrationState {
  applied: number;
  pending: number;
  latest: string | null;
}

export async function migrationState(db: Db): Promise<MigrationState> {
  const list = await migrator(db).getMigrations();
  const applied = list.filter((m) => m.executedAt);
  return {
    applied: applied.length,
    pending: list.length - applied.length,
    latest: applied.at(-1)?.name ?? null,
  };
}

export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
