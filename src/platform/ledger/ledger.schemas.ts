import { z } from '../http/zod.js';
import type * as C from './ledger.contract.js';

/** The ledger's API contract (zod → validation and OpenAPI). Hashes travel as lowercase hex. */
const HEX64 = /^[0-9a-fA-F]{64}$/;
const MAX_INDEX = Number.MAX_SAFE_INTEGER;

const count = (what: string) =>
  z
    .string()
    .regex(/^(0|[1-9][0-9]{0,15})$/, { error: `${what}应为不带前导零的非负整数` })
    .transform(Number)
    .refine((n) => n <= MAX_INDEX, { error: `${what}超出范围` });

export const IndexParam = z.strictObject({ index: count('条目序号') });
export const HashParam = z.strictObject({
  hash: z.string().regex(HEX64, { error: '哈希应为 64 位十六进制的 SHA-256 值（例如文件的 SHA-256 摘要）' }),
});
export const ProofQuery = z.strictObject({ treeSize: count('树大小').optional() });
export const ConsistencyQuery = z.strictObject({ from: count('旧树大小'), to: count('新树大小').optional() });
export const SizeParam = z.strictObject({ treeSize: count('树大小') });

const Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const EnvelopeDto: z.ZodType<C.LedgerEnvelopeDto> = z.object({
  v: z.literal(1),
  kind: z.string(),
  id: z.string(),
  contentHash: Hex,
  attachmentsHash: Hex.optional(),
});

export const EntryDto = z.object({
  entryId: z.string(),
  index: z.string().nullable(),
  leafHash: Hex,
  recordKind: z.string(),
  recordId: z.string(),
  envelope: EnvelopeDto,
  content: z.unknown(),
  createdAt: z.string(),
  sequencedAt: z.string().nullable(),
}) satisfies z.ZodType<C.LedgerEntryDto>;

const RecordState = z.enum(['matches', 'altered', 'missing', 'superseded', 'unchecked']);
export const EntryWithStateDto: z.ZodType<C.LedgerEntryWithStateDto> = EntryDto.extend({ recordState: RecordState });

export const CheckpointDto: z.ZodType<C.LedgerCheckpointDto> = z.object({
  treeSize: z.string(),
  rootHash: Hex,
  note: z.string(),
  keyHash: z.string(),
  createdAt: z.string(),
});

const proofBundleShape = {
  entry: EntryDto.extend({ index: z.string() }),
  proof: z.object({
    leafIndex: z.string(),
    treeSize: z.string(),
    hashes: z.array(Hex),
  }) satisfies z.ZodType<C.MerkleProofDto>,
  checkpoint: z.string(),
  checkpointInfo: CheckpointDto,
};
export const ProofBundleDto: z.ZodType<C.LedgerProofBundleDto> = z.object(proofBundleShape);

/** A record's latest entry with its proof (platform/ledger getRecordProof): pending, or included with the bundle. */
export const RecordProofDto: z.ZodType<C.RecordProofDto> = z.union([
  z.object({ status: z.literal('pending'), entry: EntryDto, recordState: RecordState }),
  z.object({ status: z.literal('included'), ...proofBundleShape, recordState: RecordState }),
]);

export const ConsistencyDto: z.ZodType<C.LedgerConsistencyDto> = z.object({
  from: z.string(),
  to: z.string(),
  hashes: z.array(Hex),
  fromCheckpoint: CheckpointDto,
  toCheckpoint: CheckpointDto,
});

export const KeyDto: z.ZodType<C.LedgerKeyDto> = z.object({
  name: z.string(),
  keyHash: z.string(),
  verifierKey: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
});

export const AlarmDto: z.ZodType<C.LedgerAlarmDto> = z.object({
  id: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  entryIndex: z.string().nullable(),
  recordKind: z.string().nullable(),
  recordId: z.string().nullable(),
  detail: z.unknown(),
  detectedAt: z.string(),
  lastSeenAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
});

export const AlarmQuery = z.strictObject({
  status: z.enum(['open', 'all'], { error: '状态只能是 open 或 all' }).default('open'),
});
export const AcknowledgeBody = z.strictObject({
  note: z
    .string({ error: '请填写处置说明' })
    .trim()
    .min(2, { error: '处置说明至少 2 个字' })
    .max(500, { error: '处置说明不超过 500 字' }),
});

export const StatusDto: z.ZodType<C.LedgerStatusDto> = z.object({
  treeSize: z.string(),
  pending: z.number(),
  latestCheckpoint: CheckpointDto.nullable(),
  openAlarms: z.number(),
  lastSweep: z
    .object({
      finishedAt: z.string(),
      treeSize: z.string(),
      problems: z.number(),
      mode: z.enum(['full', 'incremental']),
      fromSize: z.string(),
    })
    .nullable(),
  /** Last full sweep and the size verified so far (the point incremental sweeps build on). */
  verified: z.object({ treeSize: z.string(), lastFullAt: z.string().nullable() }).nullable(),
  keys: z.array(KeyDto),
});

export const SweepQuery = z.strictObject({
  mode: z.enum(['full', 'incremental'], { error: '巡检方式只能是 full（完整）或 incremental（增量）' }).default('full'),
});

export const SweepDto: z.ZodType<C.LedgerSweepDto> = z.object({
  mode: z.enum(['full', 'incremental']),
  fromSize: z.number(),
  escalated: z.string().nullable(),
  treeSize: z.number(),
  checkedEntries: z.number(),
  problems: z.number(),
  newAlarms: z.number(),
});

/** Where a published record stands in the ledger (embedded in the public view of the record). */
export const RecordAnchorDto: z.ZodType<C.RecordAnchorDto> = z.object({
  status: z.enum(['pending', 'included']),
  leafHash: z.string(),
  index: z.string().nullable(),
  recordState: RecordState,
});
