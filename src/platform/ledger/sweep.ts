import { sql } from 'kysely';
import type { Db } from '../db/engine.js';
import type { RequestCtx } from '../access/actor.js';
import type { Problem } from './problems.js';
import { raiseAlarms, type SweepStateRow } from './sweep-alarms.js';
import { checkCheckpoints, loadKeys, signedRootAt } from './sweep-checkpoints.js';
import { checkLeaves, checkNodes, checkUnanchoredAudit, MAX_PROBLEMS, rederiveLeaves } from './sweep-entries.js';
import './tables.js';

/**
 * Tamper detection. The sweep re-derives everything the signed checkpoints commit to from what is stored:
 * each leaf from its record (record content — and, for kinds whose module registered a record source, that
 * content re-derived from the module's own rows, sources.ts — or the audit_events row), each interior node from its two
 * children, each checkpoint root from the nodes, each checkpoint signature from the published keys. Every
 * link of that chain is checked locally, so a change anywhere is reported once, where it happened.
 *
 * Two kinds of run (ADR 0003):
 * - full: every leaf, node, checkpoint and audit row — O(n); the only run that can find a change to a
 *   leaf's record or an interior node below the last verified size.
 * - incremental: only what was appended since the last verified size m (leaves [m, n), the nodes that
 *   became complete after m, checkpoints and audit rows newer than the last seen), plus a check that the
 *   stored tree of size m still folds to the signed root remembered for m. The old part of the tree is
 *   bound to the new part only through the ≤ log₂ m border nodes of m, and those are exactly what that fold
 *   reads, so the chain from records to the newest checkpoint stays unbroken — O(new leaves + log n).
 * The scheduled job runs incremental sweeps and a full one when the last is older than the configured
 * interval; an incremental run that finds the remembered checkpoint gone or no longer matching the stored
 * tree becomes a full run at once, to say where.
 *
 * Rolling re-derivation: what a citizen reads is the module's rows, and an edit to an old record's rows is a
 * change no tree check can see. So each incremental run also re-derives, from the modules' rows (sources.ts),
 * the records of the next slice of the older leaves, a cursor going round the log: with the job every
 * `intervalMs` and slices of ⌈m × intervalMs / bound⌉ leaves, every anchored record is re-derived at least
 * once per `rederiveBoundMs` (FAZHI_LEDGER_REDERIVE_MINUTES, default 60).
 */
export { PROBLEM_LABELS, type Problem, type ProblemKind } from './problems.js';

export type SweepMode = 'full' | 'incremental';

export interface SweepResult {
  mode: SweepMode;
  /** First leaf index checked (0 for a full sweep). */
  fromSize: number;
  treeSize: number;
  checkedEntries: number;
  problems: Problem[];
  newAlarms: number;
  /** Why an incremental run became a full one, if it did. */
  escalated: 'checkpoint_missing' | 'checkpoint_broken' | null;
  /** Older entries whose records an incremental run re-derived from the modules' rows (the rolling slice). */
  rederived: number;
}

export interface SweepOptions {
  /** 'auto' (the scheduled job): incremental unless a full sweep is due. Default 'full'. */
  mode?: SweepMode | 'auto';
  /** For 'auto': how old the last full sweep may be. Default from sweepSettingsFromEnv(). */
  fullIntervalMs?: number;
  /** Who asked for the run; a requested run is audited (scheduled runs are logged in ledger_sweeps only). */
  ctx?: RequestCtx;
  /** How often the job runs, for the size of the rolling slice. Default LEDGER_SWEEP_INTERVAL_MS. */
  intervalMs?: number;
  /** Within how long every record is re-derived. Default from sweepSettingsFromEnv(). */
  rederiveBoundMs?: number;
}

export interface SweepSettings {
  fullIntervalMs: number;
  rederiveBoundMs: number;
}

export const DEFAULT_REDERIVE_MINUTES = 60;

export const DEFAULT_FULL_SWEEP_HOURS = 24;

/**
 * Documented default: a full sweep at least every 24 hours (incremental ones in between, at the job's hourly
 * cadence), overridable with FAZHI_LEDGER_FULL_SWEEP_HOURS (a number of hours, > 0 and ≤ 720; anything else
 * falls back to the default so a typo cannot switch full sweeps off). Full sweeps are what catch a change
 * to an old record, so the interval bounds how long such a change can go unnoticed.
 */
export function sweepSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): SweepSettings {
  const v = Number(env.FAZHI_LEDGER_FULL_SWEEP_HOURS);
  const hours = Number.isFinite(v) && v > 0 && v <= 720 ? v : DEFAULT_FULL_SWEEP_HOURS;
  // Documented default 60 minutes, 5 to 1,440 allowed; anything else falls back to the default.
  const r = Number(env.FAZHI_LEDGER_REDERIVE_MINUTES);
  const minutes = Number.isFinite(r) && r >= 5 && r <= 1440 ? r : DEFAULT_REDERIVE_MINUTES;
  return { fullIntervalMs: hours * 3_600_000, rederiveBoundMs: minutes * 60_000 };
}

/** The job's cadence: a quarter of the re-derivation bound, at most hourly (each run takes a quarter of the log). */
export const sweepIntervalMs = (s: SweepSettings) => Math.min(3_600_000, Math.floor(s.rederiveBoundMs / 4));

/**
 * The rolling window over the older leaves [0, m): from the cursor, ⌈m × interval / bound⌉ leaves, wrapping
 * round; returns the ranges to re-derive and where the next run starts.
 */
export function rollingWindow(m: number, cursor: number, intervalMs: number, boundMs: number) {
  if (m <= 0) return { ranges: [] as [number, number][], next: 0 };
  const slice = Math.min(m, Math.max(1, Math.ceil((m * intervalMs) / boundMs)));
  const start = cursor >= 0 && cursor < m ? cursor : 0;
  const end = start + slice;
  if (end <= m) return { ranges: [[start, end]] as [number, number][], next: end % m };
  return {
    ranges: [
      [start, m],
      [0, end - m],
    ] as [number, number][],
    next: end - m,
  };
}

// The checks live next to this file: sweep-entries.ts (leaves, nodes, unanchored audit rows),
// sweep-checkpoints.ts (signatures and roots), sweep-alarms.ts (alarms and the verified point).

/**
 * Runs the checks and raises an alarm (audited, administrators notified) for each new problem; then
 * remembers how far the log is verified. See the file comment for full vs incremental.
 */
export async function sweepLedger(db: Db, now: Date, opts: SweepOptions = {}): Promise<SweepResult> {
  // One snapshot of how far the log, the checkpoints and the audit trail reach; anything written while the
  // sweep runs is left to the next one.
  const snap = (
    await sql<{ size: string | null; max_id: string | null; audit_seq: string | null }>`
      select (select max(tree_size) from ledger_checkpoints)::text as size,
             (select max(id) from ledger_checkpoints)::text as max_id,
             (select max(seq) from audit_events)::text as audit_seq`.execute(db)
  ).rows[0];
  const size = Number(snap.size ?? 0);
  const maxId = snap.max_id ?? '0';
  const auditMax = snap.audit_seq ?? '0';
  const state = (await db.selectFrom('ledger_sweep_state').selectAll().executeTakeFirst()) as SweepStateRow | undefined;
  const keys = await loadKeys(db);

  const problems: Problem[] = [];
  const report = (p: Problem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };

  const requested = opts.mode ?? 'full';
  const fullIntervalMs = opts.fullIntervalMs ?? sweepSettingsFromEnv().fullIntervalMs;
  let mode: SweepMode =
    requested === 'auto'
      ? !state?.last_full_at || now.getTime() - state.last_full_at.getTime() >= fullIntervalMs
        ? 'full'
        : 'incremental'
      : requested;
  if (!state) mode = 'full'; // nothing verified yet to build on
  let escalated: SweepResult['escalated'] = null;

  // The remembered point must still hold: its checkpoint exists, is validly signed, and the stored tree of
  // that size folds to the same root. Checked on every run (it costs O(log n)); only this check can see
  // checkpoints deleted from the top of the log, which a full pass over what is left cannot.
  if (state) {
    const m = Number(state.verified_size);
    const anchor = size < m ? { status: 'missing' as const } : await signedRootAt(db, m, keys, state.verified_root);
    if (anchor.status !== 'ok') {
      if (anchor.status === 'missing') {
        report({
          kind: 'checkpoint_missing',
          key: `checkpoint_missing:${m}`,
          entryIndex: null,
          recordKind: null,
          recordId: null,
          detail: { treeSize: m, currentTreeSize: size },
        });
      }
      if (mode === 'incremental') {
        mode = 'full';
        escalated = anchor.status === 'missing' ? 'checkpoint_missing' : 'checkpoint_broken';
      }
    }
  }

  const incremental = mode === 'incremental' && state;
  const from = incremental ? Number(state.verified_size) : 0;
  await checkLeaves(db, from, size, report);
  await checkNodes(db, from, size, report);
  await checkCheckpoints(db, keys, { afterId: incremental ? state.checkpoint_id : '0', maxId, size }, report);
  await checkUnanchoredAudit(db, { after: incremental ? state.audit_seq : '0', upTo: auditMax }, report);
  let rederived = 0;
  let cursor = state?.rederive_cursor ?? '0';
  if (incremental) {
    const settings = sweepSettingsFromEnv();
    const bound = opts.rederiveBoundMs ?? settings.rederiveBoundMs;
    const w = rollingWindow(from, Number(cursor), opts.intervalMs ?? sweepIntervalMs(settings), bound);
    for (const [a, b] of w.ranges) rederived += await rederiveLeaves(db, a, b, report);
    cursor = String(w.next);
  }

  // Advance the verified point only to a size whose signed root the stored tree reproduces; problems found
  // in the new range are already alarms (and a full sweep finds them again), so they do not hold it back.
  const head = await signedRootAt(db, size, keys);
  const next =
    head.status === 'ok'
      ? {
          verified_size: String(size),
          verified_root: head.root,
          checkpoint_id: maxId,
          audit_seq: auditMax,
          last_full_at: mode === 'full' ? now : (state?.last_full_at ?? null),
          rederive_cursor: cursor,
        }
      : null;
  const result = { mode, fromSize: from, treeSize: size, checkedEntries: size - from, problems, escalated, rederived };
  const newAlarms = await raiseAlarms(db, result, now, next, opts.ctx);
  return { ...result, newAlarms };
}
