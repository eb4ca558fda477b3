import type { Executor } from '../db/engine.js';
import type { Actor } from './actor.js';

/**
 * Read-only access to one record through a document that cites it. Whoever may approve or read an annual report
 * must be able to open every record its figures are computed from (the report's provenance), and nothing else:
 * a GET of exactly that record's API path, carrying the header `x-fazhi-via: <voucher>` (e.g. `report:<id>`),
 * is answered as if the actor were a read-only leader over the whole tree — for that one request. A module that cites records
 * registers how to check its vouchers; the platform names no module.
 */
export type RecordVoucher = (db: Executor, actor: Actor, voucher: string, apiPath: string) => Promise<boolean>;

const vouchers = new Set<RecordVoucher>();

/** Registers a module's voucher check (from its `init`; registering the same one again is a no-op). */
export function registerRecordVoucher(v: RecordVoucher): void {
  vouchers.add(v);
}

/** The actor for this request: widened read-only when a registered voucher cites exactly this path. */
export async function vouchedActor(db: Executor, actor: Actor, via: string, apiPath: string): Promise<Actor> {
  for (const v of vouchers) {
    if (await v(db, actor, via, apiPath)) {
      return {
        ...actor,
        grants: [...actor.grants, { role: 'leader', orgId: actor.orgId, orgPath: '/', includeSubtree: true }],
      };
    }
  }
  return actor;
}
