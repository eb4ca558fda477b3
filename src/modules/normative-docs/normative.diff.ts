export interface DiffLine {
  op: 'same' | 'add' | 'del';
  text: string;
}

/**
 * Paragraph diff between two versions of a draft (longest common subsequence over non-empty lines).
 * Drafts are at most a few thousand paragraphs; beyond 4,000 × 4,000 the middle is shown as replaced.
 */
export function diffLines(a: string, b: string): DiffLine[] {
  const x = a
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '');
  const y = b
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '');
  let pre = 0;
  while (pre < x.length && pre < y.length && x[pre] === y[pre]) pre++;
  let suf = 0;
  while (suf < x.length - pre && suf < y.length - pre && x[x.length - 1 - suf] === y[y.length - 1 - suf]) suf++;
  const xs = x.slice(pre, x.length - suf);
  const ys = y.slice(pre, y.length - suf);
  const out: DiffLine[] = x.slice(0, pre).map((t) => ({ op: 'same', text: t }));
  if (xs.length * ys.length > 16_000_000) {
    for (const t of xs) out.push({ op: 'del', text: t });
    for (const t of ys) out.push({ op: 'add', text: t });
  } else {
    const n = xs.length;
    const m = ys.length;
    const L: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        L[i]![j] = xs[i] === ys[j] ? L[i + 1]![j + 1]! + 1 : Math.max(L[i + 1]![j]!, L[i]![j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (xs[i] === ys[j]) {
        out.push({ op: 'same', text: xs[i]! });
        i++;
        j++;
      } else if (L[i + 1]![j]! >= L[i]![j + 1]!) out.push({ op: 'del', text: xs[i++]! });
      else out.push({ op: 'add', text: ys[j++]! });
    }
    while (i < n) out.push({ op: 'del', text: xs[i++]! });
    while (j < m) out.push({ op: 'add', text: ys[j++]! });
  }
  for (const t of x.slice(x.length - suf)) out.push({ op: 'same', text: t });
  return out;
}
