import { BUILTIN_CALENDAR, type CalendarYearData } from './data/notices.js';
import { WorkCalendar } from './workcalendar.js';

/** The newest version of each year in a list of versions. */
export function latestVersions(all: CalendarYearData[]): CalendarYearData[] {
  const best = new Map<number, CalendarYearData>();
  for (const y of all) {
    const cur = best.get(y.year);
    if (!cur || y.version > cur.version) best.set(y.year, y);
  }
  return [...best.values()].sort((a, b) => a.year - b.year);
}

/**
 * The calendar every computation uses unless one is passed explicitly. It starts from the built-in notices
 * so the engine works without a database; the calendar service replaces it with the database's current
 * versions at start-up and after every administrator change.
 */
let active = new WorkCalendar(latestVersions(BUILTIN_CALENDAR));

export function getCalendar(): WorkCalendar {
  return active;
}

export function setCalendar(years: CalendarYearData[]): WorkCalendar {
  active = new WorkCalendar(latestVersions(years));
  return active;
}

export function builtinCalendar(): WorkCalendar {
  return new WorkCalendar(latestVersions(BUILTIN_CALENDAR));
}
