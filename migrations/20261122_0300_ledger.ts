import { type Kysely, sql } from 'kysely';

/**
 * The tamper-evident ledger (上链): an append-only Merkle log (RFC 6962/9162) with signed checkpoints.
 * See docs/adr/0003-ledger.md.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One row per anchored leaf. Rows arrive with idx null (the pending queue, written inside business
    -- transactions); the sequencer assigns consecutive indexes in batches.
    create table ledger_entries (
      id uuid primary key default gen_random_uuid(),
      seq bigserial not null unique,
      idx bigint unique check (idx >= 0),
      leaf_hash bytea not null check (octet_length(leaf_hash) = 32),
      record_kind text not null,
      record_id text not null,
      content_hash bytea not null check (octet_length(content_hash) = 32),
      attachments_hash bytea check (octet_length(attachments_hash) = 32),
      -- Canonical JSON (RFC 8785) of the public content; null for audit events, which are recomputed
      -- from their audit_events row.
      content text,
      created_at timestamptz not null default now(),
      sequenced_at timestamptz
    );
    create unique index ledger_entries_leaf on ledger_entries (leaf_hash);
    create index ledger_entries_pending on ledger_entries (seq) where idx is null;
    create index ledger_entries_record on ledger_entries (record_kind, record_id, seq desc);
    create index ledger_entries_content_hash on ledger_entries (content_hash);
    create index ledger_entries_attachments_hash on ledger_entries (attachments_hash) where attachments_hash is not null;

    -- Hash of every complete perfect subtree: (level, idx) covers leaves [idx*2^level, (idx+1)*2^level).
    create table ledger_nodes (
      level smallint not null check (level >= 0 and level < 64),
      idx bigint not null check (idx >= 0),
      hash bytea not null check (octet_length(hash) = 32),
      primary key (level, idx)
    );

    create table ledger_keys (
      key_hash text primary key check (key_hash ~ '^[0-9a-f]{8}$'),
      name text not null,
      public_key bytea not null check (octet_length(public_key) = 32),
      verifier_key text not null unique,
      valid_from timestamptz not null default now(),
      valid_until timestamptz,
      created_at timestamptz not null default now()
    );
    create unique index ledger_keys_one_active on ledger_keys ((true)) where valid_until is null;

    -- Several checkpoints may exist for one size (a key rotation re-signs the current size).
    create table ledger_checkpoints (
      id bigserial primary key,
      tree_size bigint not null check (tree_size >= 0),
      root_hash bytea not null check (octet_length(root_hash) = 32),
      note text not null,
      key_hash text not null references ledger_keys(key_hash),
      created_at timestamptz not null default now()
    );
    create index ledger_checkpoints_size on ledger_checkpoints (tree_size desc, id desc);

    create table ledger_alarms (
      id uuid primary key default gen_random_uuid(),
      dedupe_key text not null unique,
      kind text not null,
      entry_index bigint,
      record_kind text,
      record_id text,
      detail jsonb not null default '{}'::jsonb,
      detected_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      acknowledged_at timestamptz,
      acknowledged_by uuid
    );
    create index ledger_alarms_open on ledger_alarms (detected_at desc) where acknowledged_at is null;

    create table ledger_sweeps (
      id uuid primary key default gen_random_uuid(),
      started_at timestamptz not null,
      finished_at timestamptz not null default now(),
      tree_size bigint not null,
      checked_entries bigint not null,
      problems integer not null
    );

    -- Append-only by construction: the only permitted change is the sequencer's one-time index
    -- assignment, and closing a key's validity once.
    create function ledger_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only (% refused)', tg_table_name, tg_op using errcode = 'insufficient_privilege';
    end $$;
    create function ledger_entries_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' then
        if old.idx is null and new.idx is not null and new.leaf_hash = old.leaf_hash
           and new.content_hash = old.content_hash and new.content is not distinct from old.content
           and new.attachments_hash is not distinct from old.attachments_hash
           and new.record_kind = old.record_kind and new.record_id = old.record_id and new.seq = old.seq then
          return new;
        end if;
      end if;
      raise exception 'ledger_entries is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
    end $$;
    create function ledger_keys_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' then
        if old.valid_until is null and new.public_key = old.public_key and new.name = old.name
           and new.key_hash = old.key_hash and new.verifier_key = old.verifier_key then
          return new;
        end if;
      end if;
      raise exception 'ledger_keys is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
    end $$;
    create trigger ledger_entries_append_only before update or delete on ledger_entries
      for each row execute function ledger_entries_guard();
    create trigger ledger_keys_append_only before update or delete on ledger_keys
      for each row execute function ledger_keys_guard();
    create trigger ledger_nodes_append_only before update or delete on ledger_nodes
      for each row execute function ledger_refuse_change();
    create trigger ledger_checkpoints_append_only before update or delete on ledger_checkpoints
      for each row execute function ledger_refuse_change();
    create trigger ledger_no_truncate before truncate on ledger_entries
      for each statement execute function ledger_refuse_change();
    create trigger ledger_nodes_no_truncate before truncate on ledger_nodes
      for each statement execute function ledger_refuse_change();
  `.execute(db);
}
