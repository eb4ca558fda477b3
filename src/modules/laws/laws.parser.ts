/**
 * Parser for statutes in Markdown: `# 标题`, date lines, optional `<!-- INFO END -->`, `## 第N章` (and
 * `### 第N节`) headings, `第N条` articles whose later paragraphs follow on their own lines. Pure: returns the
 * parsed statute or the list of problems with line numbers, never a half result.
 */

export interface ParsedArticle {
  chapter: string | null;
  /** '第十条'; null for documents without numbered articles (a decision's paragraphs). */
  number: string | null;
  text: string;
}

export interface ParsedLaw {
  title: string;
  versionDate: string | null;
  history: string;
  articles: ParsedArticle[];
}

export interface LineError {
  line: number;
  message: string;
}

export type ParseResult = { ok: true; law: ParsedLaw } | { ok: false; errors: LineError[] };

const ARTICLE = /^第([一二三四五六七八九十百千零〇两]+|\d+)条(?:之[一二三四五六七八九十]+)?(?:[\s\u3000]+|$)(.*)$/;
const CN_DATE = /(\d{4})年(\d{1,2})月(\d{1,2})日/g;
const FILE_DATE = /\((\d{4}-\d{2}-\d{2})\)\.md$/i;
const MAX_TITLE = 200;

const pad = (n: string) => n.padStart(2, '0');

function validDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Chinese numeral (一百二十三, 两千) → number; used to check that article numbers run in order. */
export function cnToInt(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  const digits: Record<string, number> = {
    零: 0,
    〇: 0,
    一: 1,
    二: 2,
    两: 2,
    三: 3,
    四: 4,
    五: 5,
    六: 6,
    七: 7,
    八: 8,
    九: 9,
  };
  const units: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
  let total = 0;
  let cur = 0;
  for (const ch of s) {
    if (ch in digits) cur = digits[ch]!;
    else if (ch in units) {
      total += (cur === 0 ? 1 : cur) * units[ch]!;
      cur = 0;
    }
  }
  return total + cur;
}

/** The work a file belongs to across versions: the title without spaces. */
export const workKeyOf = (title: string) => title.replace(/[\s\u3000]+/g, '');

export function parseLawMarkdown(fileName: string, raw: string): ParseResult {
  const errors: LineError[] = [];
  if (!/\.md$/i.test(fileName))
    errors.push({ line: 0, message: `文件“${fileName}”不是 .md 格式，请上传 Markdown 文本` });
  if (raw.includes('\uFFFD')) {
    const line = raw.slice(0, raw.indexOf('\uFFFD')).split('\n').length;
    errors.push({ line, message: '文件含有无法识别的字符，请确认以 UTF-8 编码保存' });
  }
  const lines = raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const firstIdx = lines.findIndex((l) => l.trim() !== '');
  if (firstIdx < 0) return { ok: false, errors: [...errors, { line: 1, message: '文件为空' }] };
  const first = lines[firstIdx]!.trim();
  const tm = /^#\s+(.+)$/.exec(first);
  if (!tm || first.startsWith('##')) {
    errors.push({ line: firstIdx + 1, message: '第一行应为“# 法规标题”' });
    return { ok: false, errors };
  }
  const title = tm[1]!.trim();
  if (title.length > MAX_TITLE) errors.push({ line: firstIdx + 1, message: `标题超过 ${MAX_TITLE} 个字` });

  const history: string[] = [];
  const articles: ParsedArticle[] = [];
  let chapter: string | null = null;
  let section: string | null = null;
  let inBody = false;
  let lastNumber = 0;
  let current: ParsedArticle | null = null;
  let numbered = false;
  const flush = () => {
    if (current) articles.push(current);
    current = null;
  };

  for (let i = firstIdx + 1; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i]!.replace(/\u200b|\u200c|\u200d|\u2060/g, '').trim();
    if (line === '') continue;
    if (line === '<!-- INFO END -->') {
      inBody = true;
      continue;
    }
    if (line.startsWith('#')) {
      const hm = /^(#{2,6})\s*(.*)$/.exec(line);
      if (!hm || hm[2]!.trim() === '') {
        errors.push({ line: lineNo, message: `标题行“${line.slice(0, 20)}”格式不正确，应为“## 第N章 章名”` });
        continue;
      }
      if (line.startsWith('# ') || /^#[^#]/.test(line)) {
        errors.push({ line: lineNo, message: '一个文件只能有一个一级标题（“# 标题”）' });
        continue;
      }
      inBody = true;
      flush();
      const text = hm[2]!.replace(/[\s\u3000]+/g, ' ').trim();
      if (hm[1] === '##') {
        chapter = text;
        section = null;
      } else section = text;
      continue;
    }
    const am = ARTICLE.exec(line);
    if (am) {
      inBody = true;
      flush();
      numbered = true;
      const n = cnToInt(am[1]!);
      const isSuffix = /条之/.test(line.slice(0, 12));
      if (!isSuffix && n !== lastNumber + 1 && n <= lastNumber) {
        errors.push({ line: lineNo, message: `条文序号“第${am[1]}条”与前一条（第${lastNumber}条）重复或倒序` });
      }
      if (!isSuffix) lastNumber = Math.max(lastNumber, n);
      current = {
        chapter: section ? `${chapter ?? ''} ${section}`.trim() : chapter,
        number: /^第[^条]+条(?:之[一二三四五六七八九十]+)?/.exec(line)![0],
        text: am[2]!.trim(),
      };
      continue;
    }
    if (!inBody && (CN_DATE.test(line) || /^\d{4}年/.test(line))) {
      CN_DATE.lastIndex = 0;
      history.push(line);
      continue;
    }
    CN_DATE.lastIndex = 0;
    inBody = true;
    if (current) {
      const c: ParsedArticle = current;
      c.text = c.text ? `${c.text}\n${line}` : line;
    } else if (!numbered) {
      articles.push({ chapter, number: null, text: line });
    } else {
      // Text after a heading but before the first article of the chapter (rare): keep it as its own item.
      articles.push({ chapter, number: null, text: line });
    }
  }
  flush();
  if (articles.length === 0) errors.push({ line: lines.length, message: '文件没有正文（未找到“第N条”或正文段落）' });

  let versionDate: string | null = null;
  const fm = FILE_DATE.exec(fileName);
  if (fm) {
    const [y, m, d] = fm[1]!.split('-').map(Number) as [number, number, number];
    if (!validDate(y, m, d)) errors.push({ line: 0, message: `文件名中的日期“${fm[1]}”不是有效日期` });
    else versionDate = fm[1]!;
  } else {
    for (const h of history) {
      for (const m of h.matchAll(CN_DATE)) {
        const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
        if (!validDate(y, mo, d)) continue;
        const iso = `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`;
        if (!versionDate || iso > versionDate) versionDate = iso;
      }
    }
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, law: { title, versionDate, history: history.join('\n'), articles } };
}
