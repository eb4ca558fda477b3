/**
 * The injected clock. Commands read the time from the request context (`nowOf(ctx)`), never from the wall
 * clock, so a test fixes the date once and no result depends on the day the suite runs. The app puts the
 * process clock (or the one `buildApp({ clock })` was given) on every request's context.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant (tests, replays of historical records). */
export function fixedClock(at: Date | string): Clock & { set(at: Date | string): void; advance(ms: number): void } {
  let t = new Date(at).getTime();
  if (Number.isNaN(t)) throw new Error(`fixedClock: not a date: ${String(at)}`);
  return {
    now: () => new Date(t),
    set: (x) => {
      t = new Date(x).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** The time of a command: the context's clock, or the process clock for contexts built without one. */
export function nowOf(ctx: { clock?: Clock } | null | undefined): Date {
  return (ctx?.clock ?? systemClock).now();
}
