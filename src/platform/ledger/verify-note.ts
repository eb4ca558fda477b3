/**
 * Verifier keys and signed checkpoints (C2SP signed-note, tlog-checkpoint). Pure, WebCrypto only (see verify.ts).
 */
import { concatBytes, type EncodingError, fromBase64, toHex, utf8 } from './encoding.js';
import { fail, HASH_SIZE, sha256 } from './verify-hash.js';

export interface VerifierKey {
  name: string;
  keyHash: string; // 8 hex digits
  publicKey: Uint8Array; // 32-byte Ed25519 key
}

const ED25519_ALG = 0x01;

/** C2SP signed-note: key hash = SHA-256(name || 0x0A || 0x01 || public key)[:4]. */
export async function computeKeyHash(name: string, publicKey: Uint8Array): Promise<Uint8Array> {
  const h = await sha256(concatBytes(utf8(name), new Uint8Array([0x0a, ED25519_ALG]), publicKey));
  return h.slice(0, 4);
}

function validKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name);
}

/** Parses `<name>+<hex key hash>+<base64(0x01 || public key)>` and checks the hash matches. */
export async function parseVerifierKey(s: string): Promise<VerifierKey> {
  // The base64 part may itself contain '+': split only at the first two.
  const m = /^([^+]*)\+([^+]*)\+(.*)$/su.exec(typeof s === 'string' ? s.trim() : '');
  if (!m) return fail('bad_key', '验证公钥格式应为「名称+8位十六进制+base64」');
  const [, name, hash, b64] = m;
  if (!validKeyName(name)) fail('bad_key', '验证公钥名称不能为空，也不能含空白或「+」');
  if (!/^[0-9a-f]{8}$/.test(hash)) fail('bad_key', '验证公钥的密钥哈希应为 8 位小写十六进制');
  let raw: Uint8Array = new Uint8Array();
  try {
    raw = fromBase64(b64, '验证公钥');
  } catch (e) {
    fail('bad_key', (e as EncodingError).message);
  }
  if (raw.length !== 33 || raw[0] !== ED25519_ALG) fail('bad_key', '验证公钥不是 Ed25519 公钥（应为 0x01 加 32 字节）');
  const publicKey = raw.slice(1);
  if (toHex(await computeKeyHash(name, publicKey)) !== hash) fail('bad_key', '验证公钥的密钥哈希与公钥内容不符');
  return { name, keyHash: hash, publicKey };
}

export interface Checkpoint {
  origin: string;
  size: bigint;
  rootHash: Uint8Array;
  extensions: string[];
  /** Names of the trusted keys whose signatures verified. */
  signedBy: string[];
  text: string;
}

/** Splits a signed note into its text and signature lines, without judging the signatures. */
export function splitNote(note: string): {
  text: string;
  signatures: { name: string; keyHash: string; sig: Uint8Array }[];
} {
  if (typeof note !== 'string' || note.length === 0) fail('bad_note', '检查点为空');
  if (note.includes('\r')) fail('bad_note', '检查点含有回车符（\\r），应只用换行符分行');
  const cut = note.lastIndexOf('\n\n');
  if (cut < 0 || !note.endsWith('\n')) fail('bad_note', '检查点格式错误：正文与签名之间应有一个空行，且以换行结尾');
  const text = note.slice(0, cut + 1);
  const sigLines = note.slice(cut + 2, -1).split('\n');
  const signatures = sigLines.map((line, i) => {
    const m = /^\u2014 (\S+) (\S+)$/u.exec(line);
    if (!m) return fail('bad_note', `检查点第 ${i + 1} 个签名行格式错误，应为「— 名称 base64签名」`);
    let raw: Uint8Array = new Uint8Array();
    try {
      raw = fromBase64(m[2], '签名');
    } catch (e) {
      fail('bad_note', (e as EncodingError).message);
    }
    if (raw.length < 5) fail('bad_note', `签名「${m[1]}」过短`);
    return { name: m[1], keyHash: toHex(raw.slice(0, 4)), sig: raw.slice(4) };
  });
  if (signatures.length === 0) fail('bad_note', '检查点没有签名');
  return { text, signatures };
}

async function ed25519Verify(publicKey: Uint8Array, sig: Uint8Array, msg: Uint8Array): Promise<boolean> {
  if (sig.length !== 64) return false;
  try {
    const key = await crypto.subtle.importKey('raw', publicKey as Uint8Array<ArrayBuffer>, { name: 'Ed25519' }, false, [
      'verify',
    ]);
    return await crypto.subtle.verify(
      { name: 'Ed25519' },
      key,
      sig as Uint8Array<ArrayBuffer>,
      msg as Uint8Array<ArrayBuffer>,
    );
  } catch {
    return false;
  }
}

/**
 * Verifies a checkpoint against trusted keys and parses it. Signatures by unknown keys are ignored (as the
 * signed-note spec requires); a signature that claims a trusted key but does not verify is an error; at least
 * one trusted signature is required.
 */
export async function openCheckpoint(note: string, keys: VerifierKey[], expectedOrigin?: string): Promise<Checkpoint> {
  const { text, signatures } = splitNote(note);
  const signedBy: string[] = [];
  for (const s of signatures) {
    const key = keys.find((k) => k.name === s.name && k.keyHash === s.keyHash);
    if (!key) continue;
    if (!(await ed25519Verify(key.publicKey, s.sig, utf8(text)))) {
      fail('bad_signature', `检查点上「${s.name}」的签名无效：检查点内容被改动或签名伪造`);
    }
    signedBy.push(key.name);
  }
  if (signedBy.length === 0) {
    fail('unknown_key', '检查点没有由受信任公钥签名：请核对门户公布的验证公钥（可能是未知密钥或密钥已更换）');
  }
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) fail('bad_checkpoint', '检查点正文至少应有三行：来源、树大小、根哈希');
  const [origin, sizeLine, rootLine, ...extensions] = lines;
  if (origin.length === 0) fail('bad_checkpoint', '检查点第一行（日志来源）为空');
  if (expectedOrigin !== undefined && origin !== expectedOrigin) {
    fail('wrong_origin', `检查点来自「${origin}」，不是预期的日志「${expectedOrigin}」`);
  }
  if (!/^(0|[1-9][0-9]{0,18})$/.test(sizeLine)) fail('bad_checkpoint', '检查点第二行（树大小）不是十进制非负整数');
  const size = BigInt(sizeLine);
  if (size >= 1n << 63n) fail('bad_checkpoint', '检查点树大小超出范围');
  let rootHash: Uint8Array = new Uint8Array();
  try {
    rootHash = fromBase64(rootLine, '根哈希');
  } catch (e) {
    fail('bad_checkpoint', (e as EncodingError).message);
  }
  if (rootHash.length !== HASH_SIZE) fail('bad_checkpoint', `根哈希长度为 ${rootHash.length} 字节，应为 32 字节`);
  if (extensions.some((l) => l.length === 0)) fail('bad_checkpoint', '检查点扩展行不能为空行');
  return { origin, size, rootHash, extensions, signedBy, text };
}
