import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import type { Db } from '../db/engine.js';
import type { Logger } from 'pino';

export interface JobDef {
  /** Unique name; also the lease key. */
  name: string;
  /** How often to run, in milliseconds. */
  intervalMs: number;
  /**
   * Run in every instance without taking the lease: for work that refreshes this process's own state (e.g.
   * an in-memory cache) rather than the shared database.
   */
  perInstance?: boolean;
  /** The work. Must be idempotent: a crash between runs may repeat it. */
  run(db: Db, now: Date): Promise<string | undefined>;
}

const HOLDER = `${process.pid}-${randomUUID().slice(0, 8)}`;

/**
 * Run `fn` only if this process obtains the lease `name` (a row in job_leases whose expiry has passed
 * or that we already hold). Several server instances may call this at once: the conditional upsert is
 * atomic, so exactly one wins until the lease expires.
 */
export async function withLease<T>(
  db: Db,
  name: string,
  ttlMs: number,
  fn: () => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  const expires = new Date(Date.now() + ttlMs);
  const got = await sql<{ name: string }>`
    insert into job_leases (name, holder, expires_at) values (${name}, ${HOLDER}, ${expires})
    on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
      where job_leases.expires_at < now() or job_leases.holder = excluded.holder
    returning name`.execute(db);
  if (got.rows.length === 0) return { ran: false };
  try {
    const result = await fn();
    await db
      .updateTable('job_leases')
      .set({ last_run_at: new Date(), last_result: String(result ?? 'ok').slice(0, 500), expires_at: new Date() })
      .where('name', '=', name)
      .where('holder', '=', HOLDER)
      .execute();
    return { ran: true, result };
  } catch (err) {
    await db
      .updateTable('job_leases')
      .set({ last_result: `error: ${(err as Error).message}`.slice(0, 500), expires_at: new Date() })
      .where('name', '=', name)
      .where('holder', '=', HOLDER)
      .execute();
    throw err;
  }
}

/**
 * In-process scheduler: each job runs on its interval under its lease; errors are logged, never thrown. A job is
 * handed the time of the app's clock (`AppDeps.clock`); only the leases above stay on the wall clock, because
 * they expire against the database's now() across processes.
 */
export class Scheduler {
  private timers: NodeJS.Timeout[] = [];
  private running = new Set<Promise<unknown>>();
  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly clock: Clock,
  ) {}

  start(jobs: JobDef[]): void {
    for (const job of jobs) {
      // A frequent job that keeps finding nothing to do should not fill the log: the same result as last time
      // is logged at debug level, a change at info.
      let last: unknown;
      const tick = () => {
        const run = () => job.run(this.db, this.clock.now());
        const leased = job.perInstance
          ? run().then((result) => ({ ran: true as const, result }))
          : withLease(this.db, job.name, Math.max(job.intervalMs, 60_000), run);
        const p = leased
          .then((r) => {
            if (!r.ran) return;
            const same = JSON.stringify(r.result) === JSON.stringify(last);
            last = r.result;
            this.log[same ? 'debug' : 'info']({ job: job.name, result: r.result }, 'job ran');
          })
          .catch((err) => this.log.error({ job: job.name, err }, 'job failed'))
          .finally(() => this.running.delete(p));
        this.running.add(p);
      };
      const t = setInterval(tick, job.intervalMs);
      t.unref();
      this.timers.push(t);
      setTimeout(tick, 2_000).unref();
    }
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await Promise.allSettled([...this.running]);
  }
}
