/**
 * The ledger's API for other modules. Inside the transaction that publishes a record:
 *
 *   const { entryId, leafHash, index } = await anchorRecord(trx, { recordKind: 'decision', recordId, content });
 *
 * for a proof badge: `await getRecordProof(db, 'decision', recordId)`; and once, in the module's `init`, how
 * the tamper sweep re-derives that content from the module's own rows (see sources.ts, ADR 0003):
 *
 *   registerRecordSource('decision', async (db, recordIds) => new Map([[recordId, contentFromRows]]));
 */
export { anchorRecord, anchorRecords, sequence, type AnchorInput, type AnchorResult } from './store.js';
export { getRecordProof, type RecordProof } from './proofs.js';
export { anchoredContents, recordSourceKinds, registerRecordSource, type RecordSource } from './sources.js';
export { ledgerModule } from './ledger.module.js';
