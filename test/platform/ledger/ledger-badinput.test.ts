/**
 * Issue 4, "Bad input": malformed proofs, hashes of the wrong length or encoding, tree sizes out of range, a
 * checkpoint with a bad signature, an unknown key — each a VerificationError with a Chinese message, never
 * a crash and never a "verified". Pure verifier, no database; checkpoints with malformed bodies are signed
 * with a real key so that the parser (not just the signature check) is what rejects them.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { toBase64, toHex } from '../../../src/platform/ledger/encoding.js';
import { hashLeaf } from '../../../src/platform/ledger/hashing.js';
import { checkpointText, generateSigner, signNote } from '../../../src/platform/ledger/keys.js';
import {
  decodeHash,
  decodeProof,
  envelopeLeafHash,
  type LeafEnvelope,
  openCheckpoint,
  parseVerifierKey,
  type ProofBundle,
  VerificationError,
  verifyProofBundle,
} from '../../../src/platform/ledger/verify.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-ledger-bad-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const signer = generateSigner(dir, 'test.fazhi/bad');
const stranger = generateSigner(dir, 'test.fazhi/bad'); // same name, another key: unknown to the verifier
const ROOT = hashLeaf(Buffer.from('root'));

/** Expects a clean rejection: a VerificationError whose Chinese message matches. */
async function rejects(fn: () => unknown, message: RegExp, code?: string): Promise<void> {
  await assert.rejects(
    async () => fn(),
    (e: unknown) => {
      assert.ok(e instanceof VerificationError, `not a VerificationError: ${e}`);
      assert.match(e.message, message);
      assert.match(e.message, /[\u4e00-\u9fff]/, 'the message is Chinese');
      if (code) assert.equal(e.code, code);
      return true;
    },
  );
}

test('checkpoints: bad signature, unknown key, wrong origin, and malformed bodies (validly signed) are refused', async () => {
  const keys = [await parseVerifierKey(signer.verifierKey)];
  const good = signNote(checkpointText(signer.name, 5, ROOT), [signer]);
  assert.equal((await openCheckpoint(good, keys)).size, 5n);

  await rejects(() => openCheckpoint(good.replace('\n5\n', '\n6\n'), keys), /签名无效/, 'bad_signature');
  await rejects(
    () => openCheckpoint(signNote(checkpointText(signer.name, 5, ROOT), [stranger]), keys),
    /受信任公钥/,
    'unknown_key',
  );
  await rejects(() => openCheckpoint(good, keys, 'other.log'), /不是预期的日志/, 'wrong_origin');
  // A signature line whose bytes are not a valid signature for the key (right key hash, wrong length).
  const sigLine = `\u2014 ${signer.name} ${toBase64(Buffer.concat([Buffer.from(signer.keyHash, 'hex'), Buffer.alloc(10)]))}\n`;
  await rejects(() => openCheckpoint(`${checkpointText(signer.name, 5, ROOT)}\n${sigLine}`, keys), /签名无效/);

  const signed = (body: string) => signNote(body, [signer]);
  const b64root = toBase64(ROOT);
  for (const [body, message] of [
    [`${signer.name}\n05\n${b64root}\n`, /树大小/],
    [`${signer.name}\n-1\n${b64root}\n`, /树大小/],
    [`${signer.name}\n1e3\n${b64root}\n`, /树大小/],
    [`${signer.name}\n9223372036854775808\n${b64root}\n`, /超出范围/],
    [`${signer.name}\n99999999999999999999\n${b64root}\n`, /树大小/],
    [`${signer.name}\n5\n${toBase64(ROOT.subarray(0, 31))}\n`, /32 字节/],
    [`${signer.name}\n5\n${toHex(ROOT)}\n`, /根哈希|base64/],
    [`${signer.name}\n5\n%%%\n`, /根哈希|base64/],
    [`${signer.name}\n5\n`, /三行/],
    [`\n5\n${b64root}\n`, /来源/],
    [`${signer.name}\n5\n${b64root}\n\nextra\n`, /扩展行不能为空行/],
  ] as const) {
    await rejects(() => openCheckpoint(signed(body), keys), message);
  }

  // Note structure: empty, CR line endings, no blank line, no signatures, malformed signature lines.
  for (const [note, message] of [
    ['', /为空/],
    [good.replace(/\n/g, '\r\n'), /回车/],
    [checkpointText(signer.name, 5, ROOT), /空行/],
    [`${checkpointText(signer.name, 5, ROOT)}\n`, /签名/],
    [`${checkpointText(signer.name, 5, ROOT)}\n- ${signer.name} AAAA\n`, /签名行格式错误/],
    [`${checkpointText(signer.name, 5, ROOT)}\n\u2014 ${signer.name} !!!!\n`, /base64|签名/],
    [`${checkpointText(signer.name, 5, ROOT)}\n\u2014 ${signer.name} AAAA\n`, /过短/],
  ] as const) {
    await rejects(() => openCheckpoint(note, keys), message);
  }
  await rejects(() => openCheckpoint(undefined as unknown as string, keys), /为空/);
});

test('verifier keys: malformed, mismatched and non-Ed25519 keys are refused', async () => {
  // The base64 part may itself contain '+': split at the first two only.
  const [, name, hash, b64] = /^([^+]*)\+([^+]*)\+(.*)$/.exec(signer.verifierKey)!;
  for (const [key, message] of [
    ['', /格式/],
    ['justaname', /格式/],
    [`${name}+${hash}`, /格式/],
    [`bad name+${hash}+${b64}`, /名称/],
    [`${name}+${hash.toUpperCase()}+${b64}`, /十六进制/],
    [`${name}+00000000+${b64}`, /不符/],
    [`${name}+${hash}+not*base64`, /base64/],
    [`${name}+${hash}+${toBase64(Buffer.concat([Buffer.from([0x02]), signer.publicKey]))}`, /Ed25519/],
    [`${name}+${hash}+${toBase64(Buffer.concat([Buffer.from([0x01]), signer.publicKey.subarray(1)]))}`, /Ed25519/],
  ] as const) {
    await rejects(() => parseVerifierKey(key), message, 'bad_key');
  }
  await rejects(() => parseVerifierKey(42 as unknown as string), /格式/);
});

test('hashes and proofs: wrong length, wrong encoding, wrong type, too long', async () => {
  const hex = toHex(ROOT);
  assert.deepEqual(decodeHash(hex.toUpperCase(), '哈希'), new Uint8Array(ROOT));
  assert.deepEqual(decodeHash(toBase64(ROOT), '哈希'), new Uint8Array(ROOT));
  for (const [v, message] of [
    [hex.slice(2), /32 字节|十六进制|base64/],
    [`${hex}00`, /32 字节|十六进制|base64/],
    ['zz'.repeat(32), /48 字节/], // valid base64 of the wrong length, not hex
    ['#'.repeat(64), /既不是 64 位十六进制，也不是 base64/],
    [toBase64(Buffer.alloc(33)), /33 字节/],
    ['', /0 字节|32 字节/],
    [null, /缺失/],
    [123, /缺失/],
  ] as const) {
    await rejects(() => decodeHash(v, '哈希'), message, 'bad_hash');
  }
  await rejects(() => decodeProof('abc'), /哈希数组/, 'bad_proof');
  await rejects(() => decodeProof(Array(129).fill(hex)), /过长/, 'bad_proof');
  await rejects(() => decodeProof([hex, hex.slice(1)]), /第 2 项/, 'bad_hash');
});

test('proof bundles: every malformed or inconsistent field is refused, never verified', async () => {
  const keys = [await parseVerifierKey(signer.verifierKey)];
  const envelope: LeafEnvelope = { v: 1, kind: 'notice', id: 'G-1', contentHash: 'ab'.repeat(32) };
  const leaf = Buffer.from(await envelopeLeafHash(envelope));
  // A one-leaf tree: the root is the leaf, the proof is empty.
  const good: ProofBundle = {
    entry: { index: '0', envelope, leafHash: leaf.toString('hex') },
    proof: { leafIndex: '0', treeSize: '1', hashes: [] },
    checkpoint: signNote(checkpointText(signer.name, 1, leaf), [signer]),
  };
  assert.equal((await verifyProofBundle(good, keys)).index, 0n);
  const variant = (f: (b: ProofBundle) => void) => {
    const b = structuredClone(good);
    f(b);
    return b;
  };
  const cases: [ProofBundle, RegExp][] = [
    [null as unknown as ProofBundle, /不完整/],
    [{} as ProofBundle, /不完整/],
    [variant((b) => ((b.entry.envelope as { v: number }).v = 2)), /信封/],
    [variant((b) => (b.entry.envelope.contentHash = 'xyz')), /内容哈希/],
    [variant((b) => (b.entry.envelope.attachmentsHash = 'ab')), /附件哈希/],
    [variant((b) => (b.entry.leafHash = 'cd'.repeat(32))), /叶子哈希/],
    [variant((b) => (b.proof.leafIndex = '-1')), /条目序号/],
    [variant((b) => (b.proof.leafIndex = '1')), /不一致|条目序号/],
    [variant((b) => (b.proof.treeSize = '99999999999999999999')), /树大小/],
    [variant((b) => (b.proof.treeSize = '2')), /检查点的树大小/],
    [variant((b) => (b.proof.treeSize = 1.5 as unknown as string)), /树大小/],
    [variant((b) => (b.proof.hashes = [leaf.toString('hex')])), /证明长度/],
    [variant((b) => (b.proof.hashes = 'x' as unknown as string[])), /哈希数组/],
    [variant((b) => (b.checkpoint = '')), /为空/],
  ];
  for (const [bundle, message] of cases) await rejects(() => verifyProofBundle(bundle, keys), message);
  await rejects(() => verifyProofBundle(good, keys, { fileHash: 'cd'.repeat(32) }), /既不包含/);
  await rejects(() => verifyProofBundle(good, keys, { origin: 'other.log' }), /不是预期的日志/);
  const strangers = [await parseVerifierKey(stranger.verifierKey)];
  await rejects(() => verifyProofBundle(good, strangers), /受信任公钥/);
});
