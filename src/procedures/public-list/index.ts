/** The versioned public list anchored in the ledger (see list.ts). Used by decision and normative catalogs. */
export * from './list.js';
