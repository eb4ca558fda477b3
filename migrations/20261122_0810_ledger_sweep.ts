import { type Kysely, sql } from 'kysely';

/**
 * Incremental tamper sweep (ADR 0003): the sweep remembers the last tree size it verified, the signed root
 * of that size and how far it has read the checkpoints and the audit trail, so a routine run checks only
 * what was appended since, plus that the stored tree still folds to the remembered root. A periodic full
 * sweep still re-derives everything (this row is a shortcut, never the evidence: a tampered row here is
 * caught because its root must equal a signed checkpoint, and the full sweep ignores it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table ledger_sweep_state (
      -- One row per log.
      id boolean primary key default true check (id),
      verified_size bigint not null check (verified_size >= 0),
      verified_root bytea not null check (octet_length(verified_root) = 32),
      -- Highest checkpoint id whose signature and root have been checked.
      checkpoint_id bigint not null default 0,
      -- Highest audit_events.seq checked for a missing leaf.
      audit_seq bigint not null default 0,
      last_full_at timestamptz,
      updated_at timestamptz not null default now()
    );

    -- Which kind of run each sweep was, and where it started; every earlier sweep was a full one.
    alter table ledger_sweeps add column mode text not null default 'full' check (mode in ('full', 'incremental'));
    alter table ledger_sweeps add column from_size bigint not null default 0;
  `.execute(db);
}
