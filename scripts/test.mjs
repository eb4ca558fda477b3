// The test command: type-check and lint, build the web app, then run every test file with node's test
// runner (TAP). Browser tests need Debian's chromium and a CJK font: installed here when missing and we
// are root, otherwise we say exactly what to install. `--no-browser` skips them (and says so).
import { execSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const noBrowser = args.includes('--no-browser') || process.env.FAZHI_NO_BROWSER === '1';
const only = args.filter((a) => !a.startsWith('--'));

function run(cmd) {
  console.log(`\n$ ${cmd}`);
  execSync(cmd, { cwd: root, stdio: 'inherit' });
}

function ensureBrowser() {
  const hasChromium = fs.existsSync('/usr/bin/chromium');
  const hasCjk = (() => {
    try {
      return execSync('fc-list :lang=zh family', { encoding: 'utf8' }).trim().length > 0;
    } catch {
      return false;
    }
  })();
  if (hasChromium && hasCjk) return true;
  const missing = [!hasChromium && 'chromium', !hasCjk && 'fonts-noto-cjk'].filter(Boolean).join(' ');
  if (process.getuid?.() === 0) {
    console.log(`安装浏览器测试所需的系统软件包：${missing}`);
    run('apt-get update -qq');
    run(`DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing}`);
    return true;
  }
  console.error(`浏览器测试需要系统软件包：sudo apt-get install -y ${missing}（或使用 npm run test:unit 跳过浏览器测试）`);
  process.exit(2);
}

function listTests(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules') out.push(...listTests(p));
    else if (/\.test\.tsx?$/.test(e.name)) out.push(path.relative(root, p));
  }
  return out;
}

if (only.length === 0) {
  run('npm run -s check');
  run('node scripts/ensure-build.mjs');
}
let files = only.length ? only : [...listTests(path.join(root, 'src')), ...listTests(path.join(root, 'test'))].sort();
const browserFiles = files.filter((f) => f.includes('e2e'));
if (noBrowser) {
  if (browserFiles.length) console.log(`跳过 ${browserFiles.length} 个浏览器测试文件（--no-browser）。`);
  files = files.filter((f) => !f.includes('e2e'));
} else if (browserFiles.length) {
  ensureBrowser();
}
console.log(`\n运行 ${files.length} 个测试文件，数据库引擎：${process.env.DATABASE_URL ? 'PostgreSQL（DATABASE_URL）' : 'PGlite（嵌入式）'}`);
// Server-side tests run two files at a time; browser tests run one at a time after them, because a browser
// waiting on a page is what suffers when the machine is busy (FAZHI_TEST_CONCURRENCY / FAZHI_E2E_CONCURRENCY).
const groups = [
  [files.filter((f) => !f.includes('e2e')), process.env.FAZHI_TEST_CONCURRENCY ?? 2],
  [files.filter((f) => f.includes('e2e')), process.env.FAZHI_E2E_CONCURRENCY ?? 1],
].filter(([g]) => g.length > 0);
let status = 0;
for (const [group, concurrency] of groups) {
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=tap', `--test-concurrency=${concurrency}`, ...group],
    { cwd: root, stdio: 'inherit', env: { ...process.env, FAZHI_JOBS: '0' } },
  );
  status = status || (res.status ?? 1);
}
process.exit(status);
