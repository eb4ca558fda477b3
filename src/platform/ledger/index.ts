/**
 * The ledger's API for other modules. Inside the transaction that publishes a record:
 *
 *   const { entryId, leafHash, index } = await anchorRecord(trx, { recordKind: 'decision', recordId, content });
 *
 * and for a proof badge: `await getRecordProof(db, 'decision', recordId)`.
 */
export { anchorRecord, anchorRecords, sequence, type AnchorInput, type AnchorResult } from './store.js';
export { getRecordProof, type RecordProof } from './proofs.js';
export { ledgerModule } from './ledger.module.js';
