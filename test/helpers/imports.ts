import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ImportEdge {
  from: string;
  to: string;
  /** `import type` / `export type`: erased at run time, so it cannot form a run-time cycle. */
  typeOnly: boolean;
}

export function sourceFiles(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(rel);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

const IMPORT_RE =
  /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function resolve(fromFile: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.normalize(path.join(path.dirname(fromFile), spec)).replace(/\.js$/, '');
  for (const cand of [`${base}.ts`, `${base}.tsx`, base, path.join(base, 'index.ts'), path.join(base, 'index.tsx')])
    if (fs.existsSync(path.join(ROOT, cand)) && fs.statSync(path.join(ROOT, cand)).isFile()) return cand;
  return base;
}

/** Every relative import of the given source files, resolved to repository paths. */
export function importEdges(files: string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const f of files) {
    const text = fs.readFileSync(path.join(ROOT, f), 'utf8');
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[3] ?? m[4];
      const to = resolve(f, spec);
      if (!to) continue;
      // `import { type A, type B } from` is type-only too.
      const named = m[0].match(/\{([^}]*)\}/)?.[1];
      const allTypes = !!named && named.split(',').every((x) => !x.trim() || /^type\s/.test(x.trim()));
      edges.push({ from: f, to, typeOnly: !!m[2] || allTypes });
    }
  }
  return edges;
}

/** Strongly connected components with more than one file (Tarjan), each sorted. */
export function cycles(edges: ImportEdge[]): string[][] {
  const adj = new Map<string, string[]>();
  for (const e of edges) {
    if (!adj.has(e.from)) adj.set(e.from, []);
    adj.get(e.from)!.push(e.to);
  }
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of adj.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1) out.push(c.sort());
    }
  };
  for (const v of adj.keys()) if (!idx.has(v)) visit(v);
  return out;
}

export const lineCount = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8').split('\n').length;
