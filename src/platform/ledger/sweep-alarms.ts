/**
 * What a sweep leaves behind (see sweep.ts): one deduplicated alarm per new problem (audited, administrators
 * notified), the run in ledger_sweeps, and how far the log is verified, all in one transaction.
 */
import { sql } from 'kysely';
import type { Db, Executor } from '../db/engine.js';
import { recordAudit } from '../audit/index.js';
import { type RequestCtx, systemCtx } from '../access/actor.js';
import { PROBLEM_LABELS, type Problem } from './problems.js';
import type { SweepResult } from './sweep.js';
import './tables.js';

/** The verified point an incremental sweep builds on (ledger_sweep_state). */
export interface SweepStateRow {
  verified_size: string;
  verified_root: Buffer;
  checkpoint_id: string;
  audit_seq: string;
  last_full_at: Date | null;
  rederive_cursor?: string;
}

/** Raises an alarm for each new problem and records the run; returns how many alarms are new. */
export async function raiseAlarms(
  db: Db,
  run: Omit<SweepResult, 'newAlarms'>,
  startedAt: Date,
  next: SweepStateRow | null,
  ctx: RequestCtx | undefined,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let created = 0;
    for (const p of run.problems) {
      const r = await sql<{ id: string; inserted: boolean }>`
        insert into ledger_alarms (dedupe_key, kind, entry_index, record_kind, record_id, detail)
        values (${p.key}, ${p.kind}, ${p.entryIndex}, ${p.recordKind}, ${p.recordId}, ${JSON.stringify(p.detail)}::jsonb)
        on conflict (dedupe_key) do update set last_seen_at = now()
        returning id, (xmax = 0) as inserted`.execute(trx);
      if (!r.rows[0].inserted) continue;
      created++;
      await recordAudit(trx, systemCtx('ledger-sweep'), {
        action: 'ledger.tamper_detected',
        entityKind: 'ledger_alarm',
        entityId: r.rows[0].id,
        data: { kind: p.kind, entryIndex: p.entryIndex, recordKind: p.recordKind, recordId: p.recordId },
      });
      await notifyAdmins(trx, r.rows[0].id, p);
    }
    const sweep = await trx
      .insertInto('ledger_sweeps')
      .values({
        started_at: startedAt,
        tree_size: String(run.treeSize),
        checked_entries: String(run.checkedEntries),
        problems: run.problems.length,
        mode: run.mode,
        from_size: String(run.fromSize),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (next) {
      // Bookkeeping, not evidence: a forged row here cannot hide anything from the full sweep, and its root
      // must match a signed checkpoint before an incremental run builds on it.
      await trx
        .insertInto('ledger_sweep_state')
        .values({ id: true, ...next })
        .onConflict((oc) => oc.column('id').doUpdateSet({ ...next, updated_at: sql`now()` }))
        .execute();
    }
    if (ctx) {
      await recordAudit(trx, ctx, {
        action: 'ledger.sweep_run',
        entityKind: 'ledger_sweep',
        entityId: sweep.id,
        data: { mode: run.mode, fromSize: run.fromSize, treeSize: run.treeSize, problems: run.problems.length },
      });
    }
    return created;
  });
}

async function notifyAdmins(trx: Executor, alarmId: string, p: Problem): Promise<void> {
  const where = p.entryIndex !== null ? `第 ${p.entryIndex} 号上链条目` : p.recordId ? `记录 ${p.recordId}` : '账本';
  await sql`
    insert into notifications (user_id, kind, title, body, link, entity_kind, entity_id, dedupe_key)
    select distinct ra.user_id, 'ledger.alarm', ${`篡改告警：${PROBLEM_LABELS[p.kind]}`},
           ${`完整性巡检发现${where}异常（${PROBLEM_LABELS[p.kind]}）。请在「账本告警」页面核查并处置。`},
           '/admin/ledger', 'ledger_alarm', ${alarmId}, ${`ledger-alarm:${alarmId}`}
    from role_assignments ra join users u on u.id = ra.user_id
    where ra.role = 'system_admin' and u.active
    on conflict (user_id, dedupe_key) do nothing`.execute(trx);
}
