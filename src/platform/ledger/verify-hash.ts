/**
 * The verifier's base: its error type and the RFC 6962 hashes, on WebCrypto (no Node imports — see verify.ts).
 */
import { concatBytes } from './encoding.js';

export const HASH_SIZE = 32;

export class VerificationError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Every malformed input is a VerificationError with a stable code, never a "verified". */
export const fail = (code: string, message: string): never => {
  throw new VerificationError(code, message);
};

export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));
}

/** RFC 6962 §2.1: leaf hash = SHA-256(0x00 || data). */
export const hashLeaf = (data: Uint8Array): Promise<Uint8Array> => sha256(concatBytes(new Uint8Array([0]), data));
/** RFC 6962 §2.1: interior node = SHA-256(0x01 || left || right). */
export const hashChildren = (l: Uint8Array, r: Uint8Array): Promise<Uint8Array> =>
  sha256(concatBytes(new Uint8Array([1]), l, r));
