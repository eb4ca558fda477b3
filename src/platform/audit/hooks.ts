import type { Executor } from '../db/engine.js';

/** What a hook sees of a freshly written audit event (the same row, as stored). */
export interface WrittenAuditEvent {
  id: string;
  seq: string;
  at: Date;
  action: string;
  entityKind: string;
  entityId: string | null;
  actorUserId: string | null;
  orgId: string | null;
  data: unknown;
}

export type AfterAuditHook = (trx: Executor, event: WrittenAuditEvent) => Promise<void>;

/** Hooks run inside the audit transaction. The ledger registers one to anchor every event. */
export const afterAuditHooks: AfterAuditHook[] = [];

export function onAuditWritten(hook: AfterAuditHook): void {
  if (!afterAuditHooks.includes(hook)) afterAuditHooks.push(hook);
}
