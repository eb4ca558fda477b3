import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Executor } from '../db/engine.js';
import { AppError } from '../errors.js';
import { toBase64 } from './encoding.js';
import './tables.js';

/**
 * Checkpoint signing keys. The private key lives in files under config.keyDir (never in the database, so a
 * database dump cannot forge checkpoints); public keys, with their validity, live in ledger_keys so that
 * checkpoints signed before a rotation stay verifiable.
 */
export interface LedgerSigner {
  name: string;
  keyHash: string;
  publicKey: Buffer;
  verifierKey: string;
  privateKey: KeyObject;
}

/** Origin line of checkpoints (and the key name) when the deployment does not set FAZHI_LEDGER_ORIGIN. */
export const DEFAULT_LEDGER_ORIGIN = 'fazhi.local/ledger';

const keyFile = (keyDir: string, keyHash: string) => path.join(keyDir, `ledger-${keyHash}.key`);

/** C2SP signed-note key hash: SHA-256(name || 0x0A || 0x01 || pubkey)[:4]. */
export function keyHashOf(name: string, publicKey: Buffer): string {
  return createHash('sha256')
    .update(Buffer.concat([Buffer.from(name, 'utf8'), Buffer.from([0x0a, 0x01]), publicKey]))
    .digest()
    .subarray(0, 4)
    .toString('hex');
}

function rawPublicKey(key: KeyObject): Buffer {
  // The SPKI DER of an Ed25519 key ends with the 32 raw key bytes.
  return createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(-32);
}

function signerFrom(name: string, privateKey: KeyObject): LedgerSigner {
  const publicKey = rawPublicKey(privateKey);
  const keyHash = keyHashOf(name, publicKey);
  const verifierKey = `${name}+${keyHash}+${toBase64(Buffer.concat([Buffer.from([0x01]), publicKey]))}`;
  return { name, keyHash, publicKey, verifierKey, privateKey };
}

/** Generates a key and writes it (0600) into keyDir. The file name carries the key hash. */
export function generateSigner(keyDir: string, name: string): LedgerSigner {
  if (!name || /[\s+]/u.test(name)) {
    throw new AppError('bad_request', `账本来源名称「${name}」无效：不能为空，也不能含空白或「+」。`);
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  const signer = signerFrom(name, privateKey);
  fs.mkdirSync(keyDir, { recursive: true, mode: 0o700 });
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
  fs.writeFileSync(keyFile(keyDir, signer.keyHash), `# ${signer.verifierKey}\n${pem}`, { mode: 0o600, flag: 'wx' });
  return signer;
}

export function loadSigner(keyDir: string, name: string, keyHash: string): LedgerSigner | null {
  const file = keyFile(keyDir, keyHash);
  if (!fs.existsSync(file)) return null;
  const pem = fs.readFileSync(file, 'utf8').replace(/^#.*\n/, '');
  const signer = signerFrom(name, createPrivateKey(pem));
  if (signer.keyHash !== keyHash) {
    throw new AppError('unavailable', `密钥文件 ${file} 的内容与文件名中的密钥哈希不符，请检查密钥目录是否被改动。`);
  }
  return signer;
}

export interface KeyRow {
  keyHash: string;
  name: string;
  verifierKey: string;
  validFrom: Date;
  validUntil: Date | null;
}

export async function listKeys(db: Executor): Promise<KeyRow[]> {
  const rows = await db.selectFrom('ledger_keys').selectAll().orderBy('valid_from', 'asc').execute();
  return rows.map((r) => ({
    keyHash: r.key_hash,
    name: r.name,
    verifierKey: r.verifier_key,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
  }));
}

export async function activeKey(db: Executor): Promise<KeyRow | null> {
  return (await listKeys(db)).find((k) => k.validUntil === null) ?? null;
}

export async function registerKey(db: Executor, signer: LedgerSigner): Promise<void> {
  await db
    .insertInto('ledger_keys')
    .values({
      key_hash: signer.keyHash,
      name: signer.name,
      public_key: signer.publicKey,
      verifier_key: signer.verifierKey,
    })
    .execute();
}

/** C2SP signed-note: text, a blank line, then one `— <name> <base64(keyhash || sig)>` line per signer. */
export function signNote(text: string, signers: LedgerSigner[]): string {
  const lines = signers.map((s) => {
    const sig = sign(null, Buffer.from(text, 'utf8'), s.privateKey);
    return `\u2014 ${s.name} ${toBase64(Buffer.concat([Buffer.from(s.keyHash, 'hex'), sig]))}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

/** tlog-checkpoint body: origin, decimal size, base64 root hash, each on its own line. */
export function checkpointText(origin: string, size: number | string, root: Uint8Array): string {
  return `${origin}\n${size}\n${toBase64(root)}\n`;
}
