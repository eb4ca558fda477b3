import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import type { Session, TestApp } from './app.js';

/** Tables whose row counts every refusal must leave unchanged, besides the case's own. */
const ALWAYS = ['audit_events', 'deadlines', 'ledger_entries', 'notifications'] as const;

export interface RefusalCase {
  /** What is tried, in words: 'publish a draft (wrong state)'. */
  name: string;
  as: Session | null;
  request: InjectOptions;
  /** 400 malformed, 401 anonymous, 403 wrong role, 404 invisible, 409 wrong state/order, 422 content. */
  status: 400 | 401 | 403 | 404 | 409 | 422;
  /** A fragment the Chinese message must contain. */
  message?: string | RegExp;
}

export interface RefusalOptions {
  /** The module's tables to count before and after (e.g. ['decisions', 'decision_stage_records']). */
  tables: readonly string[];
  /** A snapshot of the entity row(s) the cases target, compared deep-equal before and after each case. */
  snapshot?: () => Promise<unknown>;
}

async function counts(t: TestApp, tables: readonly string[]) {
  const out: Record<string, number> = {};
  for (const table of [...ALWAYS, ...tables]) {
    const r = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)}`.execute(t.db);
    out[table] = Number(r.rows[0].n);
  }
  return out;
}

/**
 * The refusal rule, table-driven: each case answers its status with a Chinese message in the error body, and
 * changes nothing — the same row counts (module tables, audit, deadlines, ledger, notifications) and the same
 * entity snapshot before and after.
 */
export async function refusalMatrix(t: TestApp, cases: readonly RefusalCase[], opts: RefusalOptions): Promise<void> {
  for (const c of cases) {
    const before = await counts(t, opts.tables);
    const snap = opts.snapshot ? await opts.snapshot() : undefined;
    const res = await t.call(c.as, c.request);
    assert.equal(res.statusCode, c.status, `${c.name}: expected ${c.status}, got ${res.statusCode} ${res.body}`);
    const body = res.json() as { message?: string; error?: string };
    assert.match(body.message ?? '', /\p{Script=Han}/u, `${c.name}: a Chinese message`);
    if (c.message)
      typeof c.message === 'string'
        ? assert.ok(body.message?.includes(c.message), `${c.name}: message ${body.message} lacks ${c.message}`)
        : assert.match(body.message ?? '', c.message, c.name);
    assert.deepEqual(await counts(t, opts.tables), before, `${c.name}: nothing is written`);
    if (opts.snapshot) assert.deepEqual(await opts.snapshot(), snap, `${c.name}: the entity is unchanged`);
  }
}

/**
 * The statuses a refusal matrix tries an action from "out of order": the nearest status before the action's first
 * starting status and the nearest after its last one (in declaration order) that the table does not allow.
 */
export function wrongStates<S extends string, A extends string>(
  wf: { statuses: readonly S[]; actions: Record<A, { from: readonly S[] }>; allows(s: S, a: A): boolean },
  a: A,
): S[] {
  const idx = wf.actions[a].from.map((s) => wf.statuses.indexOf(s));
  const before = [...wf.statuses.slice(0, Math.min(...idx))].reverse().find((s) => !wf.allows(s, a));
  const after = wf.statuses.slice(Math.max(...idx) + 1).find((s) => !wf.allows(s, a));
  return [before, after].filter((s): s is S => s !== undefined);
}
