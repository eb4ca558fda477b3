import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ROOT, cycles, importEdges, lineCount, sourceFiles } from './helpers/imports.js';

/**
 * The floors (ARCHITECTURE §3b, docs/ARCHITECTURE.md): platform → procedures → modules → app. This test reads the
 * import graph of the source tree and fails on an import that crosses a floor the wrong way, a module reaching
 * into another module past its index.ts, a new run-time import cycle, a file over 400 lines, or the web app
 * importing server code other than the shared contracts.
 */
const src = sourceFiles('src');
const web = sourceFiles('web/src');
const edges = importEdges(src);
const webEdges = importEdges(web);

const moduleOf = (f: string) => f.match(/^src\/modules\/([^/]+)\//)?.[1];
const fmt = (es: { from: string; to: string }[]) => es.map((e) => `${e.from} → ${e.to}`).join('\n');

/** Documented benign cycles (docs/ARCHITECTURE.md, "Cycles"): none today. A new one fails the test. */
const BENIGN_CYCLES: string[][] = [];

/** Data files allowed past 400 lines: tables of values, not logic. */
const LONG_DATA_FILES = new Set(['src/platform/calendar/data/rule-pack.ts']);

/** Server files the web app may import: the shared contracts and the ledger verifier bundled for the browser. */
const WEB_MAY_IMPORT = [
  /^src\/modules\/[^/]+\/[^/]+\.contract\.ts$/,
  /^src\/(platform|procedures)\/.*\.contract\.ts$/,
  /^src\/platform\/ledger\/(verify[\w-]*|encoding|hashing|jcs)\.ts$/,
];

/**
 * Files that may read the wall clock (CODE_STYLE §5: everything else takes time from the injected clock), each with
 * its reason. Security timing stays on the wall clock on purpose: a fixed test clock must not keep a session alive.
 */
const WALL_CLOCK_ALLOWED: Record<string, string> = {
  'src/platform/clock.ts': 'systemClock is the wall clock every other file reaches through the injected clock',
  'src/platform/auth/sessions.ts': 'session expiry and renewal (security timing)',
  'src/platform/auth/auth.routes.ts':
    'session cookie expiry, password change stamp, API token expiry and revocation (security timing)',
  'src/platform/auth/plugin.ts': 'API token expiry check and last-used stamp (security timing)',
  'src/platform/auth/throttle.ts': 'login throttle windows (security timing)',
  'src/platform/seed/demo.ts': "demo users' password_changed_at, read by the password-age check (security timing)",
  'src/platform/backup/backup.ts': 'createdAt of a backup file: when the dump was really taken',
  'src/platform/jobs/index.ts':
    "job leases expire against the database's now() across processes (coordination, not legal time)",
};

/** Source text without comments, so a doc comment may name `new Date()` without tripping the guard. */
const code = (f: string) =>
  fs
    .readFileSync(path.join(ROOT, f), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ''))
    .replace(/(^|\s)\/\/.*$/gm, '$1');

describe('architecture: the floors hold', () => {
  test('the graph was read (the scanner finds imports at all)', () => {
    assert.ok(src.length > 150 && edges.length > 500, `${src.length} files, ${edges.length} imports`);
  });

  test('platform imports neither procedures nor modules', () => {
    const bad = edges.filter((e) => e.from.startsWith('src/platform/') && /^src\/(procedures|modules)\//.test(e.to));
    assert.equal(bad.length, 0, fmt(bad));
  });

  test('procedures import no module', () => {
    const bad = edges.filter((e) => e.from.startsWith('src/procedures/') && e.to.startsWith('src/modules/'));
    assert.equal(bad.length, 0, fmt(bad));
  });

  test('a module imports another module only through its index.ts; the module list only index files', () => {
    const bad = edges.filter((e) => {
      const a = moduleOf(e.from);
      const b = moduleOf(e.to);
      if (e.from === 'src/modules/index.ts') return !/^src\/modules\/[^/]+\/index\.ts$|^src\/platform\//.test(e.to);
      return a !== undefined && b !== undefined && a !== b && e.to !== `src/modules/${b}/index.ts`;
    });
    assert.equal(bad.length, 0, fmt(bad));
  });

  test('only the app and the CLI import the module list', () => {
    const bad = edges.filter((e) => e.to === 'src/modules/index.ts' && !['src/app.ts', 'src/main.ts'].includes(e.from));
    assert.equal(bad.length, 0, fmt(bad));
  });

  test('no run-time import cycle other than the documented benign ones', () => {
    const found = cycles(edges.filter((e) => !e.typeOnly));
    const known = new Set(BENIGN_CYCLES.map((c) => c.join(' ')));
    const fresh = found.filter((c) => !known.has(c.join(' ')));
    assert.equal(fresh.length, 0, fresh.map((c) => c.join(' ⇄ ')).join('\n'));
  });

  test('no source file over 400 lines (data files named in the allow-list)', () => {
    const long = [...src, ...web]
      .filter((f) => !LONG_DATA_FILES.has(f))
      .map((f) => [f, lineCount(f)] as const)
      .filter(([, n]) => n > 400);
    assert.deepEqual(long, []);
  });

  test('the web app imports server code only through shared contract files', () => {
    const bad = webEdges.filter((e) => e.to.startsWith('src/') && !WEB_MAY_IMPORT.some((re) => re.test(e.to)));
    assert.equal(bad.length, 0, fmt(bad));
  });

  test('every module has its public face (index.ts) and a contract the web can import', () => {
    const mods = [...new Set(src.map(moduleOf).filter((m): m is string => !!m))];
    const missing = mods.flatMap((m) => [
      ...(src.includes(`src/modules/${m}/index.ts`) ? [] : [`src/modules/${m}/index.ts`]),
      ...(src.includes(`src/modules/${m}/${m}.contract.ts`) ? [] : [`src/modules/${m}/${m}.contract.ts`]),
    ]);
    assert.deepEqual(missing, []);
  });

  test('contracts import nothing from the server (the web bundles them)', () => {
    const bad = edges.filter((e) => e.from.endsWith('.contract.ts') && !e.to.endsWith('.contract.ts'));
    assert.equal(bad.length, 0, fmt(bad));
  });

  test('no source file reads the wall clock outside the allow-list (time comes from the injected clock)', () => {
    const bad = src
      .filter((f) => !(f in WALL_CLOCK_ALLOWED))
      .flatMap((f) =>
        code(f)
          .split('\n')
          .map((line, i) => [i + 1, line] as const)
          .filter(([, line]) => /new Date\(\s*\)|Date\.now\(\s*\)|\btoday\(\s*\)/.test(line))
          .map(([n, line]) => `${f}:${n}: ${line.trim()}`),
      );
    assert.deepEqual(bad, []);
  });

  test('every file in the wall-clock allow-list exists (a stale entry would hide nothing and mislead)', () => {
    assert.deepEqual(
      Object.keys(WALL_CLOCK_ALLOWED).filter((f) => !src.includes(f)),
      [],
    );
  });
});
