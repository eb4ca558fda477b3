import { createHash } from 'node:crypto';

/** Server-side (synchronous) RFC 6962 hashing; the browser verifier uses WebCrypto in verify.ts. */
export const sha256 = (data: Uint8Array | string): Buffer => createHash('sha256').update(data).digest();

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

export const hashLeaf = (data: Uint8Array): Buffer => createHash('sha256').update(LEAF_PREFIX).update(data).digest();
export const hashChildren = (l: Uint8Array, r: Uint8Array): Buffer =>
  createHash('sha256').update(NODE_PREFIX).update(l).update(r).digest();
/** MTH of the empty tree: SHA-256 of the empty string (RFC 6962 §2.1). */
export const EMPTY_ROOT = sha256(new Uint8Array());
