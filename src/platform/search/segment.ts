import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * Legal terms the general dictionary splits apart (it yields 规范 + 范性 + 文件 for 规范性文件). Adding them
 * keeps each term one token, so a query for the term matches it as a word, not as scattered characters.
 * Frequencies are high enough that jieba prefers the whole term over its parts.
 */
export const LEGAL_TERMS = [
  '规范性文件',
  '合法性审查',
  '合法性审核',
  '公平竞争审查',
  '备案审查',
  '集体讨论',
  '营商环境',
  '行政复议',
  '行政诉讼',
  '行政处罚',
  '行政许可',
  '行政强制',
  '行政执法',
  '行政裁决',
  '行政协议',
  '复议机关',
  '复议机构',
  '重大行政决策',
  '政府信息公开',
  '依申请公开',
  '主动公开',
  '市场主体',
  '制定主体',
  '有效期',
  '法治政府',
  '执法证',
  '听证',
  '首违不罚',
  '裁量基准',
  '食品安全',
  '个人信息',
  '数据安全',
  '网络安全',
  '安全生产',
  '生态环境',
  '消费者权益',
];

let jieba: Jieba | null = null;

function instance(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from(LEGAL_TERMS.map((t) => `${t} 200000 n`).join('\n'), 'utf8'));
  }
  return jieba;
}

/** Characters tsvector parsing would treat specially, plus punctuation: a token is letters/digits/CJK only. */
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

function clean(tokens: string[]): string[] {
  const out: string[] = [];
  for (const raw of tokens) {
    const t = raw.replace(NOT_WORD, '').toLowerCase();
    if (t) out.push(t);
  }
  return out;
}

/** Document side: every word and its sub-words (cutForSearch), space-separated, for to_tsvector('simple', …). */
export function segmentForIndex(text: string): string {
  if (!text) return '';
  return clean(instance().cutForSearch(text, true)).join(' ');
}

/** Query side: the words of the query in precise mode, deduplicated, at most 12. */
export function queryWords(q: string): string[] {
  const words = clean(instance().cut(q.slice(0, 200), true));
  return [...new Set(words)].slice(0, 12);
}

/** Sub-words jieba's search mode finds inside one word (行政复议 → 行政, 复议). */
function subWords(word: string): string[] {
  return clean(instance().cutForSearch(word, true)).filter((w) => w !== word && w.length > 1);
}

const lexeme = (w: string) => `'${w.replace(/'/g, "''")}'`;

/**
 * A to_tsquery('simple', …) string: every query word must match. A word matches as itself or, because the
 * document may have been segmented differently around it, as all of its sub-words together.
 * Returns null when the query has no searchable word.
 */
export function buildTsQuery(q: string): string | null {
  const words = queryWords(q);
  if (words.length === 0) return null;
  return words
    .map((w) => {
      const subs = subWords(w);
      return subs.length > 1 ? `(${lexeme(w)} | (${subs.map(lexeme).join(' & ')}))` : lexeme(w);
    })
    .join(' & ');
}

/** Terms to highlight in snippets: the query words and their sub-words, longest first. */
export function highlightTerms(q: string): string[] {
  const words = queryWords(q);
  const all = new Set<string>(words);
  for (const w of words) for (const s of subWords(w)) all.add(s);
  return [...all].sort((a, b) => b.length - a.length);
}
