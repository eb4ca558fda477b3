import type { Generated } from 'kysely';
import type { GeneratedTimestamp, Json, NullableTimestamp, Timestamp } from '../db/schema.js';

export interface LedgerEntryTable {
  id: Generated<string>;
  seq: Generated<string>;
  idx: string | null;
  leaf_hash: Buffer;
  record_kind: string;
  record_id: string;
  content_hash: Buffer;
  attachments_hash: Buffer | null;
  content: string | null;
  created_at: GeneratedTimestamp;
  sequenced_at: NullableTimestamp;
}

export interface LedgerNodeTable {
  level: number;
  idx: string;
  hash: Buffer;
}

export interface LedgerKeyTable {
  key_hash: string;
  name: string;
  public_key: Buffer;
  verifier_key: string;
  valid_from: GeneratedTimestamp;
  valid_until: NullableTimestamp;
  created_at: GeneratedTimestamp;
}

export interface LedgerCheckpointTable {
  id: Generated<string>;
  tree_size: string;
  root_hash: Buffer;
  note: string;
  key_hash: string;
  created_at: GeneratedTimestamp;
}

export interface LedgerAlarmTable {
  id: Generated<string>;
  dedupe_key: string;
  kind: string;
  entry_index: string | null;
  record_kind: string | null;
  record_id: string | null;
  detail: Json;
  detected_at: GeneratedTimestamp;
  last_seen_at: GeneratedTimestamp;
  acknowledged_at: NullableTimestamp;
  acknowledged_by: string | null;
}

export interface LedgerSweepTable {
  id: Generated<string>;
  started_at: Timestamp;
  finished_at: GeneratedTimestamp;
  tree_size: string;
  checked_entries: string;
  problems: number;
  mode: Generated<'full' | 'incremental'>;
  from_size: Generated<string>;
}

/** Where the last sweep got to (one row): what an incremental sweep can take as already verified. */
export interface LedgerSweepStateTable {
  id: Generated<boolean>;
  verified_size: string;
  verified_root: Buffer;
  checkpoint_id: string;
  audit_seq: string;
  last_full_at: NullableTimestamp;
  /** Next leaf index the rolling re-derivation starts from (older leaves only; see sweep.ts). */
  rederive_cursor: Generated<string>;
  updated_at: GeneratedTimestamp;
}

declare module '../db/schema.js' {
  interface Database {
    ledger_entries: LedgerEntryTable;
    ledger_nodes: LedgerNodeTable;
    ledger_keys: LedgerKeyTable;
    ledger_checkpoints: LedgerCheckpointTable;
    ledger_alarms: LedgerAlarmTable;
    ledger_sweeps: LedgerSweepTable;
    ledger_sweep_state: LedgerSweepStateTable;
  }
}

declare module '../audit/catalog.js' {
  interface AuditCatalog {
    'ledger.key_generated': { keyHash: string; verifierKey: string };
    'ledger.key_rotated': { oldKeyHash: string; newKeyHash: string; verifierKey: string };
    'ledger.tamper_detected': {
      kind: string;
      entryIndex: string | null;
      recordKind: string | null;
      recordId: string | null;
    };
    'ledger.alarm_acknowledged': { kind: string; note: string };
    'ledger.sweep_run': { mode: 'full' | 'incremental'; fromSize: number; treeSize: number; problems: number };
  }
}
