import { createHash, randomBytes } from 'node:crypto';

/** Random secret tokens; only their SHA-256 is ever stored. */
export const newSecret = (prefix: string, bytes = 32): string => `${prefix}${randomBytes(bytes).toString('base64url')}`;
export const sha256Hex = (s: string): string => createHash('sha256').update(s).digest('hex');
