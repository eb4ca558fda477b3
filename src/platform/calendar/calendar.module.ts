import type { ModuleManifest } from '../manifest.js';
import type { Db } from '../db/engine.js';
import { conflict } from '../errors.js';
import { withLease } from '../jobs/index.js';
import { calendarRoutes } from './calendar.routes.js';
import { deadlineRoutes } from './deadlines.routes.js';
import { loadCalendar, refreshCalendarIfChanged } from './store.js';
import { runDeadlineSweep, type SweepResult, sweepSettingsFromEnv } from './sweep.js';

export const SWEEP_JOB = 'calendar.deadline-sweep';
const SWEEP_INTERVAL_MS = 15 * 60_000;
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

/** The statutory calendar as a platform service with routes and a job. */
export const calendarModule: ModuleManifest = {
  name: 'calendar',
  label: '法定期限',
  init: async ({ db }) => {
    await loadCalendar(db);
  },
  routes: (app, { db }) => {
    calendarRoutes(app, db);
    deadlineRoutes(app, db);
  },
  jobs: () => [
    {
      name: REFRESH_JOB,
      intervalMs: calendarRefreshIntervalMs(),
      perInstance: true,
      run: async (db) => ((await refreshCalendarIfChanged(db)) ? '已载入其他实例更新的日历或期限规则' : undefined),
    },
    {
      name: SWEEP_JOB,
      intervalMs: SWEEP_INTERVAL_MS,
      // The scheduler already holds the lease named after the job when it calls run().
      run: async (db, now) => {
        await loadCalendar(db);
        const r = await runDeadlineSweep(db, now, sweepSettingsFromEnv());
        return `到期预警${r.dueSoon}项，超期${r.overdue}项，通知${r.notifications}条`;
      },
    },
  ],
};
