/**
 * The ledger verifier: pure, WebCrypto only, no Node imports — the same files run in Node (CLI, tests) and
 * in the citizen's browser (portal verification page). It trusts nothing the server says: leaf hashes are
 * recomputed from the record envelope, proofs are checked against a checkpoint whose Ed25519 signature is
 * checked against a verifier key, and every malformed input is an error, never a "verified".
 *
 * Algorithms follow RFC 6962/9162 and transparency-dev/merkle's proof verifier; note format follows C2SP
 * signed-note and tlog-checkpoint.
 *
 * This file is the public API (the CLI, the sweep, the web portal and the tests import it); the verifier
 * lives next to it, and every verify-*.ts file must stay as free of Node imports as this one:
 * - verify-hash.ts: the error type and RFC 6962 hashing;
 * - verify-merkle.ts: inclusion, consistency and subtree proofs;
 * - verify-note.ts: verifier keys and signed checkpoints;
 * - verify-bundle.ts: leaf envelopes, decoding text input, end-to-end proof bundles.
 */
export { HASH_SIZE, hashChildren, hashLeaf, sha256, VerificationError } from './verify-hash.js';
export {
  rootFromInclusionProof,
  rootFromSubtreeConsistencyProof,
  verifyConsistency,
  verifyInclusion,
  verifySubtreeConsistency,
  verifySubtreeInclusion,
} from './verify-merkle.js';
export {
  type Checkpoint,
  computeKeyHash,
  openCheckpoint,
  parseVerifierKey,
  splitNote,
  type VerifierKey,
} from './verify-note.js';
export {
  type BundleResult,
  contentHash,
  decodeHash,
  decodeProof,
  envelopeBytes,
  envelopeLeafHash,
  type LeafEnvelope,
  type ProofBundle,
  verifyProofBundle,
} from './verify-bundle.js';
