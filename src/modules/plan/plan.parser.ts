/**
 * Parses an implementation plan (实施方案 / 实施意见) pasted as text: chapters "一、…", numbered items "（四）…"
 * each ending with "（责任单位：…）". Pure: no database. Tolerates what documents converted from PDF or Word
 * look like — markdown heading marks, bold marks, half-width brackets, paragraphs broken by page breaks in the
 * middle of a word — and reports every structural problem with its line number so nothing is imported half-way.
 */

export interface ParsedChapter {
  seq: number;
  numeral: string;
  title: string;
  line: number;
}

export interface ParsedItem {
  seq: number;
  numeral: string;
  chapterSeq: number;
  title: string;
  body: string;
  /** Raw responsible-unit names in document order; empty for general provisions (指导思想, 基本原则 …). */
  units: string[];
  /** General provisions carry no task: they come before the first item with responsible units. */
  general: boolean;
  line: number;
}

export interface PlanProblem {
  line: number;
  message: string;
}

export interface ParsedPlan {
  title: string | null;
  docNo: string | null;
  chapters: ParsedChapter[];
  items: ParsedItem[];
  problems: PlanProblem[];
}

const CN_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Chinese numerals up to 九十九 ("三十六" → 36, "十二" → 12); null when the text is not one. */
export function cnToNumber(s: string): number | null {
  if (!/^[零一二三四五六七八九十]+$/.test(s)) return null;
  if (s === '十') return 10;
  const i = s.indexOf('十');
  if (i === -1) return s.length === 1 ? CN_DIGITS[s] : null;
  if (s.indexOf('十', i + 1) !== -1) return null;
  const tens = i === 0 ? 1 : CN_DIGITS[s.slice(0, i)];
  const ones = i === s.length - 1 ? 0 : CN_DIGITS[s.slice(i + 1)];
  if (tens === undefined || ones === undefined || s.slice(0, i).length > 1 || s.slice(i + 1).length > 1) return null;
  return tens * 10 + ones;
}

export function numberToCn(n: number): string {
  const d = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return d[n];
  if (n < 20) return `十${n % 10 ? d[n % 10] : ''}`;
  return `${d[Math.floor(n / 10)]}十${n % 10 ? d[n % 10] : ''}`;
}

const CHAPTER_RE = /^([一二三四五六七八九十]+)、\s*(.+)$/;
const ITEM_RE = /^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*(.*)$/;
const UNITS_RE = /[（(]\s*(?:责任单位|牵头单位)\s*[:：]\s*([^（）()]*)[）)]\s*$/;
const DOC_NO_RE = /[\u4e00-\u9fa5]{1,12}〔\d{4}〕\d+号/;
/** The document's 版记 starts here: nothing after it belongs to the plan. */
const END_RE = /^(---+|抄送[:：]|印发[:：])/;
const SENTENCE_END = /[。；！？：”]$/;

const stripMarks = (s: string) =>
  s
    .replace(/^#{1,6}\s*/, '')
    .replace(/\*\*/g, '')
    .trim();

/** Split a responsible-unit list ("区府办、区司法局、各相关部门") into names. */
export function splitUnits(raw: string): string[] {
  return raw
    .replace(/\s+/g, '')
    .split(/[、，,；;]/)
    .map((u) => u.trim())
    .filter((u) => u.length > 0);
}

export function parsePlanText(text: string): ParsedPlan {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const chapters: ParsedChapter[] = [];
  const items: (ParsedItem & { closed: boolean })[] = [];
  const problems: PlanProblem[] = [];
  let docNo: string | null = null;
  let title: string | null = null;
  let lastHeading: string | null = null;
  let sawTaskItem = false;

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i].trim();
    if (!raw) continue;
    if (chapters.length > 0 && END_RE.test(raw)) break;
    const isHeading = /^#{1,6}\s/.test(raw);
    const clean = stripMarks(raw);
    if (!clean) continue;

    const item = ITEM_RE.exec(clean);
    if (item) {
      const seq = cnToNumber(item[1]);
      if (seq === null) {
        problems.push({ line: lineNo, message: `第${lineNo}行：条目编号“（${item[1]}）”不是有效的中文序号` });
        continue;
      }
      if (chapters.length === 0) {
        problems.push({
          line: lineNo,
          message: `第${lineNo}行：条目（${item[1]}）出现在第一个章节标题（如“一、……”）之前`,
        });
        continue;
      }
      const expected = (items.at(-1)?.seq ?? 0) + 1;
      if (seq !== expected) {
        problems.push({
          line: lineNo,
          message: `第${lineNo}行：条目编号不连续，应为（${numberToCn(expected)}），实际为（${item[1]}）`,
        });
      }
      // The title is the bold lead sentence when marked, else the text up to the first full stop.
      const bold = /^\*\*\s*[（(][^）)]+[）)]\s*(.+?)\*\*(.*)$/.exec(raw.replace(/^#{1,6}\s*/, ''));
      let itemTitle: string;
      let body: string;
      if (bold) {
        itemTitle = stripMarks(bold[1]);
        body = stripMarks(bold[2]);
      } else {
        const rest = item[2];
        const stop = rest.indexOf('。');
        itemTitle = stop === -1 ? rest : rest.slice(0, stop + 1);
        body = stop === -1 ? '' : rest.slice(stop + 1);
      }
      const headingOnly = (isHeading || !body) && !itemTitle.endsWith('。');
      items.push({
        seq,
        numeral: item[1],
        chapterSeq: chapters.at(-1)!.seq,
        title: itemTitle.replace(/[。.]$/, '').trim(),
        body,
        units: [],
        general: headingOnly && !sawTaskItem,
        line: lineNo,
        closed: false,
      });
      closeIfUnits(items.at(-1)!);
      continue;
    }

    const chapter = CHAPTER_RE.exec(clean);
    const chapterNo = chapter ? cnToNumber(chapter[1]) : null;
    if (
      chapter &&
      chapterNo !== null &&
      (isHeading || /^\*\*.*\*\*$/.test(raw) || (clean.length <= 40 && !clean.includes('。')))
    ) {
      const expected = (chapters.at(-1)?.seq ?? 0) + 1;
      if (chapterNo !== expected) {
        problems.push({
          line: lineNo,
          message: `第${lineNo}行：章节编号不连续，应为“${numberToCn(expected)}、”，实际为“${chapter[1]}、”`,
        });
      }
      if (chapters.length === 0 && lastHeading) title = lastHeading;
      chapters.push({ seq: chapterNo, numeral: chapter[1], title: chapter[2].trim(), line: lineNo });
      continue;
    }

    if (chapters.length === 0) {
      docNo ??= DOC_NO_RE.exec(clean)?.[0] ?? null;
      if (isHeading && !/文件$/.test(clean) && !/通知$/.test(clean)) lastHeading = clean;
      continue;
    }
    const current = items.at(-1);
    // Text after the last item's responsible units, or between a chapter heading and its first item, is
    // connecting prose (e.g. the closing 组织保障 paragraph): it is not part of any item.
    if (!current || current.closed || current.chapterSeq !== chapters.at(-1)!.seq) continue;
    current.body =
      current.body && !SENTENCE_END.test(current.body)
        ? current.body + clean
        : `${current.body}${current.body ? '\n' : ''}${clean}`;
    closeIfUnits(current);
  }

  function closeIfUnits(it: ParsedItem & { closed: boolean }) {
    const m = UNITS_RE.exec(it.body);
    if (!m) return;
    it.units = splitUnits(m[1]);
    it.body = it.body.slice(0, m.index).trim();
    it.closed = true;
    it.general = false;
    sawTaskItem = true;
  }

  for (const it of items) {
    if (!it.general && it.units.length === 0) {
      problems.push({
        line: it.line,
        message: `第${it.line}行：条目（${it.numeral}）${it.title}缺少“（责任单位：……）”`,
      });
    }
  }
  if (chapters.length === 0) problems.push({ line: 1, message: '未找到章节标题：章节应写作“一、……”“二、……”' });
  else if (items.length === 0)
    problems.push({ line: chapters[0].line, message: '未找到编号条目：条目应写作“（一）……”' });
  for (const c of chapters) {
    if (!items.some((it) => it.chapterSeq === c.seq)) {
      problems.push({ line: c.line, message: `第${c.line}行：章节“${c.numeral}、${c.title}”下没有编号条目` });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return {
    title,
    docNo,
    chapters,
    items: items.map(({ closed: _closed, ...it }) => it),
    problems,
  };
}
