/** A piece of a snippet: `hit` pieces are shown highlighted (the UI renders <mark>, never raw HTML). */
export interface SnippetPart {
  text: string;
  hit: boolean;
}

/**
 * A window of `size` characters around the first place where the most query terms occur, split into
 * highlighted and plain parts. Pure string work: the tsvector only knows tokens, the snippet needs the text.
 */
export function makeSnippet(body: string, terms: string[], size = 120): SnippetPart[] {
  const text = body.replace(/\s+/g, ' ').trim();
  const ts = [...new Set(terms.filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
  if (text.length === 0) return [];
  let start = 0;
  const lower = text.toLowerCase();
  if (ts.length) {
    // The first occurrence of the longest term, or of any term, anchors the window.
    let pos = -1;
    for (const t of ts) {
      const p = lower.indexOf(t);
      if (p >= 0 && (pos < 0 || p < pos || t === ts[0])) {
        pos = p;
        if (t === ts[0]) break;
      }
    }
    if (pos >= 0) start = Math.max(0, pos - Math.floor(size / 4));
  }
  const windowText = text.slice(start, start + size);
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: '…', hit: false });
  const wl = windowText.toLowerCase();
  let i = 0;
  let plain = '';
  while (i < windowText.length) {
    const t = ts.find((x) => wl.startsWith(x, i));
    if (t) {
      if (plain) parts.push({ text: plain, hit: false });
      plain = '';
      parts.push({ text: windowText.slice(i, i + t.length), hit: true });
      i += t.length;
    } else {
      plain += windowText[i];
      i++;
    }
  }
  if (plain) parts.push({ text: plain, hit: false });
  if (start + size < text.length) parts.push({ text: '…', hit: false });
  return parts;
}
