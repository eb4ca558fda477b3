/**
 * The ledger contract: the records the ledger API sends (entries, checkpoints, keys, proofs, alarms, status), as
 * the workbench and the portal read them. The response schemas (ledger.schemas.ts) are typed against these, so the
 * web's types cannot drift from what the server sends. Hashes travel as lowercase hex, tree sizes and indexes as
 * decimal strings. Pure types (the web app bundles it).
 */

/**
 * Whether the record's current rows still say what was anchored: only `matches` (or `unchecked`, kinds the
 * ledger checks itself) may be shown as "已上链"; `altered` and `missing` are shown as the discrepancy they are;
 * `superseded`: a newer version of the record was anchored.
 */
export type RecordStateDto = 'matches' | 'altered' | 'missing' | 'superseded' | 'unchecked';

/** Where a published record stands in the ledger: awaiting its sequence number, or included at `index`. */
export interface RecordAnchorDto {
  status: 'pending' | 'included';
  leafHash: string;
  index: string | null;
  recordState: RecordStateDto;
}

export interface LedgerEnvelopeDto {
  v: 1;
  kind: string;
  id: string;
  contentHash: string;
  attachmentsHash?: string;
}

export interface LedgerEntryDto {
  entryId: string;
  index: string | null;
  leafHash: string;
  recordKind: string;
  recordId: string;
  envelope: LedgerEnvelopeDto;
  content: unknown;
  createdAt: string;
  sequencedAt: string | null;
}

/** An entry found by hash, with whether its record's current rows still match it (the portal's proof badge). */
export type LedgerEntryWithStateDto = LedgerEntryDto & { recordState: RecordStateDto };

export interface LedgerCheckpointDto {
  treeSize: string;
  rootHash: string;
  note: string;
  keyHash: string;
  createdAt: string;
}

export interface MerkleProofDto {
  leafIndex: string;
  treeSize: string;
  hashes: string[];
}

/** An entry, its inclusion proof and the signed checkpoint it was computed against (what the verifier checks). */
export interface LedgerProofBundleDto {
  entry: LedgerEntryDto & { index: string };
  proof: MerkleProofDto;
  checkpoint: string;
  checkpointInfo: LedgerCheckpointDto;
}

/** A record's latest ledger entry with its proof: awaiting its checkpoint, or included with the full bundle. */
export type RecordProofDto = (
  | { status: 'pending'; entry: LedgerEntryDto }
  | ({ status: 'included' } & LedgerProofBundleDto)
) & { recordState: RecordStateDto };

export interface LedgerKeyDto {
  name: string;
  keyHash: string;
  verifierKey: string;
  validFrom: string;
  validUntil: string | null;
}

export interface LedgerAlarmDto {
  id: string;
  kind: string;
  kindLabel: string;
  entryIndex: string | null;
  recordKind: string | null;
  recordId: string | null;
  detail: unknown;
  detectedAt: string;
  lastSeenAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

export interface LedgerStatusDto {
  treeSize: string;
  pending: number;
  latestCheckpoint: LedgerCheckpointDto | null;
  openAlarms: number;
  lastSweep: {
    finishedAt: string;
    treeSize: string;
    problems: number;
    mode: 'full' | 'incremental';
    fromSize: string;
  } | null;
  /** Last full sweep and the size verified so far (the point incremental sweeps build on). */
  verified: {
    treeSize: string;
    lastFullAt: string | null;
  } | null;
  keys: LedgerKeyDto[];
}

export interface LedgerSweepDto {
  mode: 'full' | 'incremental';
  fromSize: number;
  escalated: string | null;
  treeSize: number;
  checkedEntries: number;
  problems: number;
  newAlarms: number;
}

export interface LedgerConsistencyDto {
  from: string;
  to: string;
  hashes: string[];
  fromCheckpoint: LedgerCheckpointDto;
  toCheckpoint: LedgerCheckpointDto;
}
