// Builds the web app when dist/web is missing or older than any file under web/ (so `npm start` always
// serves the current UI on a fresh clone without a separate build step).
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const index = path.join(root, 'dist/web/index.html');
const newest = (dir) => {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
};
if (!fs.existsSync(index) || fs.statSync(index).mtimeMs < newest(path.join(root, 'web'))) {
  console.log('正在构建前端（web → dist/web）…');
  execSync('npm run -s build', { cwd: root, stdio: 'inherit' });
}
