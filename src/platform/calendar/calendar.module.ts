import type { ModuleManifest } from '../manifest.js';
import { calendarRoutes } from './calendar.routes.js';
import { deadlineRoutes } from './deadlines.routes.js';
import { loadCalendar, refreshCalendarIfChanged } from './store.js';
import { runDeadlineSweep, sweepSettingsFromEnv } from './sweep.js';
import { REFRESH_JOB, SWEEP_INTERVAL_MS, SWEEP_JOB, calendarRefreshIntervalMs } from './sweep-lease.js';
import { calendarReport } from './calendar.report.js';

export { REFRESH_JOB, SWEEP_JOB, calendarRefreshIntervalMs, sweepWithLease } from './sweep-lease.js';

/** The statutory calendar as a platform service with routes and a job. */
export const calendarModule: ModuleManifest = {
  name: 'calendar',
  label: '法定期限',
  report: calendarReport,
  records: {
    // Deadlines are listed per entity: the workbench link carries entityKind and entityId.
    deadline: {
      api: (r) =>
        r.link?.startsWith('/admin/calendar/deadlines?') ? `/api/deadlines?${r.link.split('?')[1]}` : undefined,
    },
  },
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
