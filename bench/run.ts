// `npm run bench`: runs every bench/*.bench.ts (each exports `run()` and prints its figures and ratios,
// measured side by side in one run), or only those named on the command line: `npm run bench -- ledger`.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();
console.log(`Fazhi benchmarks — node ${process.version}, engine ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, ${new Date().toISOString()}`);
for (const f of files) {
  console.log(`\n## ${f}`);
  const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { run(): Promise<void> };
  await mod.run();
}
