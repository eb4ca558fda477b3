import type { Db } from '../db/engine.js';
import { conflict } from '../errors.js';
import { withLease } from '../jobs/index.js';
import { loadCalendar } from './store.js';
import { runDeadlineSweep, type SweepResult, sweepSettingsFromEnv } from './sweep.js';

export const SWEEP_JOB = 'calendar.deadline-sweep';
export const SWEEP_INTERVAL_MS = 15 * 60_000;
export const REFRESH_JOB = 'calendar.refresh';
/** How often each instance checks whether another one changed the calendar or a rule (FAZHI_CALENDAR_REFRESH_SECONDS). */
export function calendarRefreshIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const s = Number(env.FAZHI_CALENDAR_REFRESH_SECONDS);
  return Number.isFinite(s) && s >= 5 ? s * 1000 : 60_000;
}

/**
 * Reload the calendar (another instance may have published a notice), then sweep, under the DB lease so
 * that with several server instances exactly one sweeps at a time.
 */
export async function sweepWithLease(db: Db, now: Date): Promise<SweepResult> {
  const res = await withLease(db, SWEEP_JOB, SWEEP_INTERVAL_MS, async () => {
    await loadCalendar(db);
    return runDeadlineSweep(db, now, sweepSettingsFromEnv());
  });
  if (!res.ran) throw conflict('期限巡检正在另一实例上执行，请稍后再试');
  return res.result;
}
