import fs from 'node:fs';
import type { Command } from 'commander';
import { fromHex, toHex } from './encoding.js';
import {
  type Checkpoint,
  decodeProof,
  openCheckpoint,
  parseVerifierKey,
  type ProofBundle,
  sha256,
  VerificationError,
  type VerifierKey,
  verifyConsistency,
  verifyProofBundle,
} from './verify.js';

/**
 * `fazhi verify …`: checks the ledger from outside, trusting neither the server nor this installation's
 * database — only the verifier keys given with --key (or, with a warning, the keys the server publishes).
 *
 *   fazhi verify checkpoint <file|url> --key <vkey>
 *   fazhi verify inclusion --server <url> (--hash <hex> | --file <path> | --index <n>) [--key <vkey>]
 *   fazhi verify inclusion --bundle <proof.json> --key <vkey>            (offline)
 *   fazhi verify consistency --server <url> --saved <checkpoint.txt> [--key <vkey>] [--update]
 */
export interface VerifyIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const defaultIo: VerifyIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

class UsageError extends Error {}

const api = (server: string, p: string) => `${server.replace(/\/+$/, '')}/api/public/ledger${p}`;

async function fetchJson(url: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new UsageError(`无法连接 ${url}：${(e as Error).message}`);
  }
  const body = await res.json().catch(() => null);
  if (!res.ok)
    throw new UsageError(`服务器返回 ${res.status}：${(body as { message?: string } | null)?.message ?? url}`);
  return body;
}

/** Reads a local file the user named, as a clear usage error (not a stack trace) when it is not there. */
function readLocal(file: string, what: string): Buffer {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`${what}不存在：${file}`);
  return fs.readFileSync(file);
}

function readBundle(file: string): ProofBundle {
  const text = readLocal(file, '证明文件').toString('utf8');
  try {
    return JSON.parse(text) as ProofBundle;
  } catch {
    // Not JSON at all is a verification failure of the input, never a pass.
    throw new VerificationError('bad_bundle', `证明文件 ${file} 不是有效的 JSON`);
  }
}

async function trustedKeys(
  opts: { key?: string[]; keysFile?: string; server?: string },
  io: VerifyIo,
): Promise<VerifierKey[]> {
  const given = [...(opts.key ?? [])];
  if (opts.keysFile)
    given.push(
      ...readLocal(opts.keysFile, '公钥文件')
        .toString('utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    );
  if (given.length === 0) {
    if (!opts.server) throw new UsageError('请用 --key 指定受信任的验证公钥（门户「公钥」页面公布）。');
    io.err('提示：未用 --key 指定公钥，改用服务器自己公布的公钥——这只能证明数据自洽，不能防止服务器整体伪造。');
    const body = (await fetchJson(api(opts.server, '/keys'))) as { items?: { verifierKey: string }[] } | null;
    if (!Array.isArray(body?.items)) throw new UsageError('服务器没有返回公钥列表，请用 --key 指定验证公钥。');
    given.push(...body.items.map((k) => k?.verifierKey));
  }
  return Promise.all(given.map((k) => parseVerifierKey(k)));
}

async function readSource(source: string): Promise<string> {
  if (/^https?:\/\//.test(source)) {
    const url = source.includes('/api/public/ledger') ? source : api(source, '/checkpoint');
    const body = (await fetchJson(url)) as { note?: string };
    if (typeof body?.note !== 'string') throw new UsageError(`${url} 没有返回检查点`);
    return body.note;
  }
  return readLocal(source, '文件').toString('utf8');
}

function describe(cp: Checkpoint): string {
  return `日志「${cp.origin}」，树大小 ${cp.size}，根哈希 ${toHex(cp.rootHash)}，签名者：${cp.signedBy.join('、')}`;
}

async function run(io: VerifyIo, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof VerificationError) {
      io.err(`✗ 验证失败：${e.message}`);
      process.exitCode = 1;
    } else if (e instanceof UsageError) {
      io.err(`✗ ${e.message}`);
      process.exitCode = 2;
    } else {
      io.err(`✗ 出错：${(e as Error).message}`);
      process.exitCode = 2;
    }
  }
}

export function registerVerifyCommand(program: Command, io: VerifyIo = defaultIo): Command {
  const verify = program.command('verify').description('独立验证上链存证：检查点签名、包含证明、一致性证明');
  const keyOpts = (c: Command) =>
    c
      .option('--key <verifierKey...>', '受信任的验证公钥（名称+密钥哈希+公钥），可多次指定')
      .option('--keys-file <path>', '每行一个验证公钥的文件');

  keyOpts(verify.command('checkpoint <source>').description('验证检查点签名（source 为文件或服务器地址）')).action(
    async (source: string, opts: { key?: string[]; keysFile?: string }) =>
      run(io, async () => {
        const server = /^https?:\/\//.test(source) ? source.replace(/\/api\/public\/ledger.*$/, '') : undefined;
        const keys = await trustedKeys({ ...opts, server }, io);
        const cp = await openCheckpoint(await readSource(source), keys);
        io.out(`✓ 检查点签名有效：${describe(cp)}`);
      }),
  );

  keyOpts(
    verify
      .command('inclusion')
      .description('验证一条记录（文件、哈希或序号）已上链')
      .option('--server <url>', '平台地址，例如 https://fazhi.example.gov.cn')
      .option('--hash <hex>', '内容哈希、附件哈希或叶子哈希（64 位十六进制）')
      .option('--file <path>', '已公开的文件：计算其 SHA-256 后查找')
      .option('--index <n>', '条目序号')
      .option('--bundle <path>', '离线验证：保存下来的证明 JSON（含检查点）')
      .option('--save-bundle <path>', '把取得的证明保存下来，以便离线复核'),
  ).action(async (opts: Record<string, string | string[] | undefined> & { key?: string[] }) =>
    run(io, async () => {
      const server = opts.server as string | undefined;
      let fileHash: string | undefined;
      let bundle: ProofBundle;
      if (opts.bundle) {
        bundle = readBundle(opts.bundle as string);
      } else {
        if (!server) throw new UsageError('请指定 --server，或用 --bundle 离线验证。');
        let index = opts.index as string | undefined;
        if (!index) {
          if (opts.file) fileHash = toHex(await sha256(new Uint8Array(readLocal(opts.file as string, '文件'))));
          else if (opts.hash) {
            if (!/^[0-9a-fA-F]{64}$/.test(opts.hash as string))
              throw new UsageError('--hash 应为 64 位十六进制的 SHA-256 值。');
            fileHash = toHex(fromHex(opts.hash as string));
          } else throw new UsageError('请用 --hash、--file 或 --index 指定要验证的记录。');
          const found = (await fetchJson(api(server, `/entries/by-hash/${fileHash}`))) as {
            items?: { index: string | null; leafHash: string }[];
          } | null;
          if (!Array.isArray(found?.items)) throw new UsageError('服务器返回的查询结果格式错误。');
          const hit = found.items.find((e) => typeof e?.index === 'string');
          if (!hit) {
            throw new VerificationError(
              'not_found',
              found.items.length ? '该记录已提交，尚在排队上链，请稍后再验证。' : '账本中没有与此哈希对应的记录。',
            );
          }
          if (hit.leafHash === fileHash) fileHash = undefined; // a leaf hash, not a content hash
          index = hit.index!;
        }
        if (!/^(0|[1-9][0-9]*)$/.test(index)) throw new UsageError('--index 应为非负整数。');
        bundle = (await fetchJson(api(server, `/entries/${index}/proof`))) as ProofBundle;
        if (opts.saveBundle) fs.writeFileSync(opts.saveBundle as string, JSON.stringify(bundle, null, 2));
      }
      const keys = await trustedKeys({ key: opts.key, keysFile: opts.keysFile as string | undefined, server }, io);
      const res = await verifyProofBundle(bundle, keys, { fileHash });
      io.out(
        `✓ 已验证：第 ${res.index} 号条目（${res.envelope.kind} ${res.envelope.id}）包含在树大小 ${res.treeSize} 的日志中`,
      );
      io.out(`  检查点：日志「${res.origin}」，根哈希 ${res.rootHash}，签名者：${res.signedBy.join('、')}`);
    }),
  );

  keyOpts(
    verify
      .command('consistency')
      .description('验证日志自上次保存的检查点以来只追加、未改写')
      .requiredOption('--saved <path>', '之前保存的检查点文件')
      .requiredOption('--server <url>', '平台地址')
      .option('--update', '验证通过后用最新检查点覆盖保存的文件'),
  ).action(async (opts: { saved: string; server: string; update?: boolean; key?: string[]; keysFile?: string }) =>
    run(io, async () => {
      const keys = await trustedKeys(opts, io);
      const old = await openCheckpoint(await readSource(opts.saved), keys);
      const latestNote = await readSource(opts.server);
      const latest = await openCheckpoint(latestNote, keys, old.origin);
      if (latest.size < old.size)
        throw new VerificationError('shrunk', `日志从 ${old.size} 缩短到了 ${latest.size}：日志被改写`);
      if (old.size === 0n) {
        io.out('✓ 保存的检查点是空树，任何后续日志都与之一致。');
      } else {
        const body = (await fetchJson(api(opts.server, `/consistency?from=${old.size}&to=${latest.size}`))) as {
          hashes?: unknown;
        } | null;
        // Whatever the server sends goes through the verifier: a malformed answer is a failure, never a pass.
        await verifyConsistency(old.size, latest.size, decodeProof(body?.hashes), old.rootHash, latest.rootHash);
        io.out(`✓ 一致：树大小 ${old.size} → ${latest.size}，此前的记录一条未改`);
      }
      io.out(`  最新检查点：${describe(latest)}`);
      if (opts.update) {
        fs.writeFileSync(opts.saved, latestNote);
        io.out(`  已把最新检查点保存到 ${opts.saved}`);
      }
    }),
  );
  return verify;
}
