import fs from 'node:fs';
import path from 'node:path';
import type { LawFileInput } from './commands/import-laws.js';

/** Category of a statute from the folder it sits in (宪法, 行政法规, 部门规章 …). */
export function categoryFromPath(rel: string): string {
  const parts = rel.split(/[\\/]/).filter(Boolean);
  if (parts.length < 2) return '其他';
  if (parts[0] === 'DLC') return parts.includes('地方性法规') ? '地方性法规' : (parts[1] ?? '其他');
  return parts[0]!;
}

/** Every statute file under `dir` (recursively; folder index pages skipped), as import input. */
export function readLawDir(dir: string, filter?: (rel: string) => boolean): LawFileInput[] {
  const out: LawFileInput[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.md') && e.name !== '_index.md') {
        const rel = path.relative(dir, full);
        if (filter && !filter(rel)) continue;
        out.push({ name: e.name, content: fs.readFileSync(full, 'utf8'), category: categoryFromPath(rel) });
      }
    }
  };
  walk(dir);
  return out;
}
