/** `fazhi verify …` against a running server and offline files, including the failure paths. */
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Command } from 'commander';
import { registerVerifyCommand } from '../../../src/platform/ledger/cli.js';
import { anchorRecord, sequence } from '../../../src/platform/ledger/index.js';
import { createTestApp, type TestApp } from '../../helpers/app.js';

let t: TestApp;
let dir: string;
let server: string;
let vkey: string;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-ledger-cli-'));
  t = await createTestApp({ env: { FAZHI_KEY_DIR: path.join(dir, 'keys') } });
  // The published document is the record's canonical JSON (RFC 8785), as the portal serves it.
  fs.writeFileSync(path.join(dir, 'notice.json'), '{"n":1,"title":"公告"}');
  await anchorRecord(t.db, { recordKind: 'notice', recordId: 'G-1', content: { n: 1, title: '公告' } });
  await sequence(t.db);
  server = await t.app.listen({ port: 0, host: '127.0.0.1' });
  vkey = (await (await fetch(`${server}/api/public/ledger/keys`)).json()).items[0].verifierKey;
});
after(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const program = new Command().exitOverride();
  registerVerifyCommand(program, { out: (l) => out.push(l), err: (l) => err.push(l) });
  process.exitCode = 0;
  await program.parseAsync(['node', 'fazhi', 'verify', ...args]);
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('checkpoint signature from the server and from a saved file', async () => {
  const ok = await cli('checkpoint', server, '--key', vkey);
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /检查点签名有效/);
  const note = (await (await fetch(`${server}/api/public/ledger/checkpoint`)).json()).note as string;
  fs.writeFileSync(path.join(dir, 'cp.txt'), note);
  assert.equal((await cli('checkpoint', path.join(dir, 'cp.txt'), '--key', vkey)).code, 0);
  // One changed digit in the tree size: the signature no longer holds.
  fs.writeFileSync(
    path.join(dir, 'bad.txt'),
    note.replace(/\n(\d+)\n/, (_m, n) => `\n${Number(n) + 1}\n`),
  );
  const bad = await cli('checkpoint', path.join(dir, 'bad.txt'), '--key', vkey);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /签名无效/);
  const unknownKey = await cli('checkpoint', path.join(dir, 'cp.txt'), '--key', 'other+00000000+AQ==');
  assert.equal(unknownKey.code, 1);
  assert.match(unknownKey.err, /公钥/);
});

test('inclusion of a published file, then offline from the saved bundle; tampered bundle fails', async () => {
  const bundle = path.join(dir, 'bundle.json');
  const ok = await cli(
    'inclusion',
    '--server',
    server,
    '--file',
    path.join(dir, 'notice.json'),
    '--key',
    vkey,
    '--save-bundle',
    bundle,
  );
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /已验证：第 \d+ 号条目（notice G-1）/);
  assert.equal((await cli('inclusion', '--bundle', bundle, '--key', vkey)).code, 0);
  const b = JSON.parse(fs.readFileSync(bundle, 'utf8'));
  b.proof.hashes[0] = b.proof.hashes[0].replace(/^./, (c: string) => (c === '0' ? '1' : '0'));
  fs.writeFileSync(bundle, JSON.stringify(b));
  const bad = await cli('inclusion', '--bundle', bundle, '--key', vkey);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /验证失败/);
  const missing = await cli('inclusion', '--server', server, '--hash', 'ab'.repeat(32), '--key', vkey);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /没有与此哈希对应的记录/);
  assert.equal((await cli('inclusion', '--server', server, '--hash', 'xyz', '--key', vkey)).code, 2);
});

test('consistency against a previously saved checkpoint', async () => {
  const saved = path.join(dir, 'saved.txt');
  fs.writeFileSync(saved, (await (await fetch(`${server}/api/public/ledger/checkpoint`)).json()).note);
  await anchorRecord(t.db, { recordKind: 'notice', recordId: 'G-2', content: { n: 2 } });
  await sequence(t.db);
  const ok = await cli('consistency', '--server', server, '--saved', saved, '--key', vkey, '--update');
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /一致：树大小 \d+ → \d+/);
  // A forged "saved" checkpoint (re-signed by nobody we trust) is refused.
  fs.writeFileSync(
    path.join(dir, 'forged.txt'),
    fs.readFileSync(saved, 'utf8').replace(/\n[A-Za-z0-9+/]{43}=\n/, `\n${'A'.repeat(43)}=\n`),
  );
  const forged = await cli('consistency', '--server', server, '--saved', path.join(dir, 'forged.txt'), '--key', vkey);
  assert.equal(forged.code, 1);
});

test('bad input: unknown key, missing or malformed files, malformed bundles — clear errors, exit 1 or 2, never ✓', async () => {
  const cp = path.join(dir, 'cp-ok.txt');
  fs.writeFileSync(cp, (await (await fetch(`${server}/api/public/ledger/checkpoint`)).json()).note);
  // A well-formed verifier key for a key that did not sign: unknown, not malformed.
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const name = 'stranger.example/log';
  const hash = createHash('sha256')
    .update(Buffer.concat([Buffer.from(name), Buffer.from([0x0a, 0x01]), raw]))
    .digest()
    .subarray(0, 4)
    .toString('hex');
  const stranger = `${name}+${hash}+${Buffer.concat([Buffer.from([1]), raw]).toString('base64')}`;
  const expect = async (args: string[], code: number, message: RegExp) => {
    const r = await cli(...args);
    assert.equal(r.code, code, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, message, args.join(' '));
    assert.doesNotMatch(r.out, /✓/, `${args.join(' ')} must not report success`);
  };
  await expect(['checkpoint', cp, '--key', stranger], 1, /受信任公钥/);
  await expect(['checkpoint', path.join(dir, 'nope.txt'), '--key', vkey], 2, /文件不存在/);
  fs.writeFileSync(path.join(dir, 'garbage.txt'), 'not a checkpoint at all');
  await expect(['checkpoint', path.join(dir, 'garbage.txt'), '--key', vkey], 1, /检查点格式错误/);
  await expect(['checkpoint', cp, '--keys-file', path.join(dir, 'no-keys.txt')], 2, /公钥文件不存在/);

  const bundleFile = path.join(dir, 'b.json');
  await cli('inclusion', '--server', server, '--index', '0', '--key', vkey, '--save-bundle', bundleFile);
  const good = JSON.parse(fs.readFileSync(bundleFile, 'utf8'));
  const write = (b: unknown) => {
    fs.writeFileSync(bundleFile, typeof b === 'string' ? b : JSON.stringify(b));
    return bundleFile;
  };
  await expect(['inclusion', '--bundle', path.join(dir, 'none.json'), '--key', vkey], 2, /证明文件不存在/);
  await expect(['inclusion', '--bundle', write('{"entry": '), '--key', vkey], 1, /不是有效的 JSON/);
  await expect(['inclusion', '--bundle', write('null'), '--key', vkey], 1, /不完整/);
  const mutate = (f: (b: typeof good) => void) => {
    const b = structuredClone(good);
    f(b);
    return write(b);
  };
  await expect(
    ['inclusion', '--bundle', mutate((b) => b.proof.hashes.push('ab'.repeat(31))), '--key', vkey],
    1,
    /32 字节/,
  );
  await expect(
    ['inclusion', '--bundle', mutate((b) => b.proof.hashes.push('ab'.repeat(32))), '--key', vkey],
    1,
    /证明长度/,
  );
  await expect(
    ['inclusion', '--bundle', mutate((b) => (b.proof.treeSize = '99999999999999999999')), '--key', vkey],
    1,
    /树大小/,
  );
  await expect(['inclusion', '--bundle', write(good), '--key', stranger], 1, /受信任公钥/);
  await expect(
    ['inclusion', '--server', server, '--file', path.join(dir, 'missing.pdf'), '--key', vkey],
    2,
    /文件不存在/,
  );
  await expect(['inclusion', '--server', server, '--index', 'abc', '--key', vkey], 2, /非负整数/);
  await expect(['inclusion', '--server', server, '--index', '999999', '--key', vkey], 2, /服务器返回 404/);
});

test('a lying server: forged or malformed consistency answers and a broken API never pass', async () => {
  const saved = path.join(dir, 'saved-lie.txt');
  fs.writeFileSync(saved, (await (await fetch(`${server}/api/public/ledger/checkpoint`)).json()).note);
  await anchorRecord(t.db, { recordKind: 'notice', recordId: 'G-3', content: { n: 3 } });
  await sequence(t.db);
  let answer: (real: { hashes: string[] }) => unknown = (real) => real;
  // A proxy in front of the real server that rewrites the consistency proof.
  const liar = http.createServer(async (req, res) => {
    const upstream = await fetch(`${server}${req.url}`);
    const body = await upstream.json();
    const out = req.url?.includes('/consistency') ? answer(body) : body;
    res.writeHead(upstream.status, { 'content-type': 'application/json' });
    res.end(typeof out === 'string' ? out : JSON.stringify(out));
  });
  await new Promise<void>((resolve) => liar.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(liar.address() as AddressInfo).port}`;
  try {
    const run = () => cli('consistency', '--server', url, '--saved', saved, '--key', vkey);
    assert.equal((await run()).code, 0, 'the honest answer verifies through the proxy');
    const flip = (h: string) => (h[0] === '0' ? '1' : '0') + h.slice(1);
    for (const [lie, message] of [
      [(r: { hashes: string[] }) => ({ ...r, hashes: r.hashes.map(flip) }), /根哈希不符/],
      [(r: { hashes: string[] }) => ({ ...r, hashes: r.hashes.slice(1) }), /一致性证明长度|根哈希不符/],
      [(r: { hashes: string[] }) => ({ ...r, hashes: [...r.hashes, r.hashes[0]] }), /一致性证明长度/],
      [(r: { hashes: string[] }) => ({ ...r, hashes: r.hashes.map((h) => h.slice(2)) }), /62 位十六进制/],
      [(r: { hashes: string[] }) => ({ ...r, hashes: r.hashes.map((h) => `zz${h.slice(2)}`) }), /十六进制|base64|字节/],
      [() => ({ hashes: 'none' }), /哈希数组/],
      [() => ({}), /哈希数组/],
      [() => 'null', /哈希数组/],
    ] as const) {
      answer = lie;
      const r = await run();
      assert.equal(r.code, 1, r.err);
      assert.match(r.err, message);
      assert.doesNotMatch(r.out, /✓/);
    }
  } finally {
    await new Promise((resolve) => liar.close(resolve));
  }
});
