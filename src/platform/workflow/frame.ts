import type { Actor, RequestCtx } from '../access/actor.js';
import { type AuditAction, type AuditInput, recordAudit } from '../audit/index.js';
import { nowOf } from '../clock.js';
import type { Db, Trx } from '../db/engine.js';
import { AppError, notFound } from '../errors.js';
import type { Workflow } from './define.js';

/**
 * The one command frame. Every statutory act on an entity with a declared workflow runs through it, in this
 * order (ARCHITECTURE §3, ADR 0004):
 *
 *   transaction → lock and re-read (FOR UPDATE) → visible? (404) → a party to the action? (403)
 *   → transition and gates (409 / 422) → the act itself (content checks: 422) → write → audit
 *   → (the act registers deadlines and anchors ledger leaves inside the same transaction) → commit
 *   → after-commit effects (notifications, indexing).
 *
 * A refusal at any step throws before anything is written, so a refused action changes nothing.
 */
export interface TransitionFrame<E, S extends string, A extends string, P extends string, F> {
  workflow: Workflow<S, A, P, F>;
  /** Loads the entity with `FOR UPDATE`; undefined when it does not exist. */
  load(trx: Trx, id: string): Promise<E | undefined>;
  /** May the actor see it at all (otherwise 404, never 403). */
  visible(actor: Actor, e: E): boolean;
  /** Is the actor this party for this entity (the parties are the workflow's). */
  isParty(actor: Actor, party: P, e: E, action: A): boolean;
  status(e: E): S;
  /** What the gates look at, read inside the transaction. */
  facts?(trx: Trx, e: E): F | Promise<F>;
  /** Writes the new status and the act's patch. */
  save(trx: Trx, e: E, change: { to: S; patch: Record<string, unknown>; now: Date }): Promise<void>;
  /** The audit event of the transition (written in the same transaction). */
  audit(e: E, change: TransitionChange<S, A>): AuditInput<AuditAction>;
}

export interface TransitionChange<S extends string, A extends string> {
  action: A;
  from: S;
  to: S;
  summary?: string;
  /** The columns the act wrote with the status (e.g. a new round number). */
  patch: Record<string, unknown>;
  /** What the act adds to the audit event's data (e.g. whether a submission was late). */
  data: Record<string, unknown>;
  now: Date;
}

/** What the act receives besides the locked entity. */
export interface ActContext<F> {
  trx: Trx;
  ctx: RequestCtx;
  actor: Actor;
  /** The command's time, from the injected clock. */
  now: Date;
  facts: F;
  /** Runs after a successful commit (never when the transaction rolls back). */
  afterCommit(effect: () => Promise<void> | void): void;
}

export interface ActResult<S extends string> {
  /** The chosen target when the action's `to` lists several; otherwise the declared one. */
  to?: S;
  /** Columns to write with the status. */
  patch?: Record<string, unknown>;
  /** One line for the audit event. */
  summary?: string;
  /** Extra data for the audit event. */
  data?: Record<string, unknown>;
}

export type Act<E, S extends string, F> = (e: E, c: ActContext<F>) => Promise<ActResult<S> | undefined | void>;

/** Builds the runner of one workflow: `run(db, ctx, id, action, act)` returns the entity as re-read by `load`. */
export function transitionRunner<E, S extends string, A extends string, P extends string, F>(
  frame: TransitionFrame<E, S, A, P, F>,
) {
  const wf = frame.workflow;
  return async function run(db: Db, ctx: RequestCtx, id: string, action: A, act?: Act<E, S, F>): Promise<E> {
    const effects: (() => Promise<void> | void)[] = [];
    const result = await db.transaction().execute(async (trx) => {
      const e = await frame.load(trx, id);
      const actor = ctx.actor;
      if (!e || !actor || !frame.visible(actor, e)) throw notFound(wf.entity);
      const spec = wf.actions[action];
      if (!spec.by.some((p) => frame.isParty(actor, p, e, action)))
        throw new AppError('forbidden', `您没有“${spec.label}”的权限（由${spec.by.map((p) => wf.parties[p]).join('或')}办理）。`, {
          action,
          parties: spec.by,
        });
      const from = frame.status(e);
      const facts = (frame.facts ? await frame.facts(trx, e) : undefined) as F;
      wf.assertTransition(from, action, frame.facts ? facts : undefined);
      const now = nowOf(ctx);
      const res = (await act?.(e, { trx, ctx, actor, now, facts, afterCommit: (f) => effects.push(f) })) ?? {};
      const to = wf.resolveTarget(from, action, res.to);
      await frame.save(trx, e, { to, patch: res.patch ?? {}, now });
      await recordAudit(trx, ctx, frame.audit(e, { action, from, to, summary: res.summary, patch: res.patch ?? {}, data: res.data ?? {}, now }));
      return (await frame.load(trx, id)) as E;
    });
    // The act is committed: an effect that fails (a notification) must not turn it into an error response.
    for (const f of effects) await Promise.resolve().then(f).catch(() => undefined);
    return result;
  };
}
