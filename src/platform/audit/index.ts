import type { Executor } from '../db/engine.js';
import type { RequestCtx } from '../access/actor.js';
import type { AuditAction, AuditCatalog } from './catalog.js';
import { afterAuditHooks } from './hooks.js';

export type { AuditAction, AuditCatalog } from './catalog.js';

export interface AuditInput<A extends AuditAction> {
  action: A;
  entityKind: string;
  entityId: string | null;
  orgId?: string | null;
  data: AuditCatalog[A];
  visibility?: 'staff' | 'public';
}

/**
 * The one way to write an audit event. Call it with the transaction of the mutation it describes,
 * so the event and the change commit or roll back together. After the insert, registered hooks run
 * in the same transaction (the ledger anchors every audit event as a leaf).
 */
export async function recordAudit<A extends AuditAction>(
  trx: Executor,
  ctx: RequestCtx,
  input: AuditInput<A>,
): Promise<{ id: string; seq: string }> {
  const row = await trx
    .insertInto('audit_events')
    .values({
      actor_user_id: ctx.actor?.userId ?? null,
      actor_name: ctx.actor?.displayName ?? null,
      org_id: input.orgId ?? ctx.actor?.orgId ?? null,
      action: input.action,
      entity_kind: input.entityKind,
      entity_id: input.entityId,
      data: JSON.stringify(input.data ?? {}),
      request_id: ctx.requestId,
      ip: ctx.ip,
      visibility: input.visibility ?? 'staff',
    })
    .returning(['id', 'seq', 'at', 'data'])
    .executeTakeFirstOrThrow();
  for (const hook of afterAuditHooks) {
    await hook(trx, {
      id: row.id,
      seq: String(row.seq),
      at: row.at,
      action: input.action,
      entityKind: input.entityKind,
      entityId: input.entityId,
      actorUserId: ctx.actor?.userId ?? null,
      orgId: input.orgId ?? ctx.actor?.orgId ?? null,
      data: row.data,
    });
  }
  return { id: row.id, seq: String(row.seq) };
}
