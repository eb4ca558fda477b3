import { type GongwenBlock, gongwenDate, renderGongwen } from '../../platform/documents/gongwen.js';
import type { PublicDocCatalogDto } from './normative-docs.contract.js';
import { SECTION_LABELS } from './normative.catalog.js';
import { CATALOG_SECTIONS, type CatalogEntries } from './normative.tables.js';

const NUMERALS = ['一', '二', '三', '四'];

/**
 * A published annual catalog as a 公文 in the GB/T 9704 layout: one 一、/二、 heading per section (制定、修改、
 * 废止、失效) with the count, then one numbered line per document (title, number, date, reason).
 */
export async function catalogDocx(
  c: Pick<PublicDocCatalogDto, 'orgName' | 'year' | 'version' | 'title' | 'publishedOn' | 'reason'> & {
    entries: CatalogEntries;
  },
): Promise<Buffer> {
  const total = CATALOG_SECTIONS.reduce((n, s) => n + c.entries[s].length, 0);
  const body: GongwenBlock[] = [
    {
      kind: 'paragraph',
      text: `根据《上海市人民代表大会常务委员会规范性文件备案审查条例》第十三条，现将${c.orgName}${c.year}年度制定、修改、废止的行政规范性文件目录公布如下（共${total}件次）。`,
    },
  ];
  if (c.version > 1 && c.reason)
    body.push({ kind: 'paragraph', text: `本目录为第${c.version}版，更正理由：${c.reason}` });
  CATALOG_SECTIONS.forEach((s, i) => {
    const list = c.entries[s];
    body.push({
      kind: 'heading',
      level: 1,
      text: `${NUMERALS[i]}、${SECTION_LABELS[s]}的规范性文件（${list.length}件）`,
    });
    if (list.length === 0) body.push({ kind: 'paragraph', text: '无。' });
    list.forEach((e, n) => {
      const no = e.registrationNo ? `（${e.registrationNo}）` : '';
      const when = `${gongwenDate(e.on)}${s === 'made' ? '公布' : s === 'amended' ? '决定修改' : s === 'repealed' ? '废止' : '失效'}`;
      const note = e.note ? `；${e.note}` : '';
      body.push({ kind: 'paragraph', text: `${n + 1}.《${e.title}》${no}，${when}${note}。` });
    });
  });
  return renderGongwen({ title: c.title, body, signatureOrg: c.orgName, date: c.publishedOn });
}
