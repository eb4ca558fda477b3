/**
 * Official documents (公文) as DOCX in the GB/T 9704-2012 layout, with the `docx` package. Every layout value is
 * a parameter with the standard's figure as default (docs: ../shared/domain/STANDARDS.md Part A):
 * A4, margins 37/35/28/26 mm, 22 lines × 28 characters, 3号仿宋 body, headings 黑体/楷体/仿宋, red 版头 line,
 * 版记 with 抄送 and 印发 lines, page numbers "— N —" in 4号宋体, odd pages right and even pages left.
 * Fonts keep their Windows names so recipients on Windows/WPS get the right faces (A9).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TabStopType,
  TextRun,
  convertMillimetersToTwip as mm,
} from 'docx';

export interface GongwenLayout {
  marginsMm: { top: number; bottom: number; left: number; right: number };
  /** Exact line pitch in twips: 225 mm / 22 lines ≈ 579. */
  linePitch: number;
  /** Per-run character spacing (1/20 pt) that fits 28 characters per line in LibreOffice. */
  characterSpacing: number;
  footerMm: number;
  boldHeadings: boolean;
  red: string;
  fonts: { body: string; title: string; h1: string; h2: string; pageNo: string; latin: string };
}

export const GB9704_LAYOUT: GongwenLayout = {
  marginsMm: { top: 37, bottom: 35, left: 28, right: 26 },
  linePitch: 579,
  characterSpacing: -5,
  footerMm: 25,
  boldHeadings: false,
  red: 'FF0000',
  fonts: {
    body: '仿宋_GB2312',
    title: '方正小标宋简体',
    h1: '黑体',
    h2: '楷体_GB2312',
    pageNo: '宋体',
    latin: 'Times New Roman',
  },
};

/** Body blocks: headings by level (一、 / （一） / 1. / （1）) and paragraphs. */
export type GongwenBlock =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string }
  | { kind: 'paragraph'; text: string };

export interface GongwenInput {
  /** 发文机关标志, e.g. "示例区市场监管局文件" or the organ name; omitted for a web edition without 版头. */
  issuerMark?: string;
  /** 发文字号 with 六角括号, e.g. "示市监〔2026〕3号". */
  docNo?: string;
  /** 上行文 (报告, 请示) carry the signer's name on the 发文字号 line. */
  signer?: string;
  title: string;
  /** 主送机关 */
  mainRecipient?: string;
  body: GongwenBlock[];
  /** 发文机关署名 */
  signatureOrg: string;
  /** 成文日期 'YYYY-MM-DD', written in Arabic numerals without leading zeros (7.3.5.4). */
  date: string;
  cc?: string[];
  /** 印发机关 and 印发日期 ('YYYY-MM-DD'). */
  printedBy?: { org: string; date: string };
  layout?: Partial<GongwenLayout>;
}

/** "2026-03-05" → "2026年3月5日" (GB/T 9704 7.3.5.4: Arabic numerals, no leading zeros). */
export const gongwenDate = (d: string) =>
  `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** Split narrative text into blocks: lines starting "一、" "（一）" "1." "（1）" become headings. */
export function textToBlocks(text: string): GongwenBlock[] {
  const out: GongwenBlock[] = [];
  for (const raw of text.split(/\n+/)) {
    const line = raw.trim();
    if (!line) continue;
    if (/^[一二三四五六七八九十]+、/.test(line) && line.length <= 40)
      out.push({ kind: 'heading', level: 1, text: line });
    else if (/^（[一二三四五六七八九十]+）/.test(line) && line.length <= 40)
      out.push({ kind: 'heading', level: 2, text: line });
    else out.push({ kind: 'paragraph', text: line });
  }
  return out;
}

export async function renderGongwen(input: GongwenInput): Promise<Buffer> {
  const L = { ...GB9704_LAYOUT, ...input.layout, fonts: { ...GB9704_LAYOUT.fonts, ...input.layout?.fonts } };
  const font = (ea: string) => ({ ascii: L.fonts.latin, hAnsi: L.fonts.latin, eastAsia: ea });
  const spacing = { line: L.linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  const run = (text: string, ea = L.fonts.body, size = 32, extra: Record<string, unknown> = {}) =>
    new TextRun({ text, font: font(ea), size, characterSpacing: L.characterSpacing, ...extra });
  const blank = () => new Paragraph({ spacing, children: [run('')] });
  const children: Paragraph[] = [];

  if (input.issuerMark) {
    // 发文机关标志: red 小标宋, centred, top edge ≈35 mm below the 版心 top (7.2.4).
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: mm(35) - L.linePitch, after: 0, line: 1200, lineRule: LineRuleType.EXACT },
        children: [run(input.issuerMark, L.fonts.title, 72, { color: L.red, characterSpacing: 0 })],
      }),
    );
    children.push(blank(), blank());
  }
  if (input.docNo || input.issuerMark) {
    // 发文字号, with the signer on the same line for an upward document (7.2.5/7.2.6); red line 4 mm below (7.2.7).
    const border = { bottom: { style: BorderStyle.SINGLE, size: 12, color: L.red, space: 11 } };
    children.push(
      input.signer
        ? new Paragraph({
            spacing,
            indent: { left: 320, right: 320 },
            tabStops: [{ type: TabStopType.RIGHT, position: mm(156) - 640 }],
            border,
            children: [run(input.docNo ?? ''), run('\t签发人：'), run(input.signer, L.fonts.h2)],
          })
        : new Paragraph({ spacing, alignment: AlignmentType.CENTER, border, children: [run(input.docNo ?? '')] }),
    );
    children.push(blank());
  }
  // 标题: 2号小标宋, centred, two blank lines below the red line (7.3.1).
  children.push(blank());
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { ...spacing, line: 700 },
      children: [run(input.title, L.fonts.title, 44, { characterSpacing: 0 })],
    }),
  );
  children.push(blank());
  if (input.mainRecipient) children.push(new Paragraph({ spacing, children: [run(`${input.mainRecipient}：`)] }));

  const headingFont: Record<number, string> = { 1: L.fonts.h1, 2: L.fonts.h2, 3: L.fonts.body, 4: L.fonts.body };
  for (const b of input.body) {
    if (b.kind === 'heading') {
      children.push(
        new Paragraph({
          spacing,
          indent: { firstLine: 640 },
          keepNext: true,
          children: [run(b.text, headingFont[b.level], 32, { bold: L.boldHeadings && b.level <= 2 })],
        }),
      );
    } else {
      children.push(
        new Paragraph({
          spacing,
          indent: { firstLine: 640 },
          alignment: AlignmentType.JUSTIFIED,
          children: [run(b.text)],
        }),
      );
    }
  }
  // 署名 and 成文日期 without seal (7.3.5.2): one blank line, 署名 2 字 from the right, date below it.
  const date = gongwenDate(input.date);
  const sigIndent = 640 + Math.max(0, date.length - input.signatureOrg.length) * 320;
  children.push(blank());
  children.push(
    new Paragraph({
      spacing,
      alignment: AlignmentType.RIGHT,
      indent: { right: sigIndent },
      children: [run(input.signatureOrg)],
    }),
  );
  children.push(
    new Paragraph({ spacing, alignment: AlignmentType.RIGHT, indent: { right: 640 }, children: [run(date)] }),
  );

  // 版记 (7.4): 抄送 and 印发 lines in 4号仿宋 between separator lines.
  if (input.cc?.length || input.printedBy) {
    children.push(blank());
    const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 };
    const thin = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 };
    if (input.cc?.length) {
      children.push(
        new Paragraph({
          spacing,
          indent: { left: 280, right: 280 },
          border: { top: thick, bottom: input.printedBy ? thin : thick },
          children: [run(`抄送：${input.cc.join('，')}。`, L.fonts.body, 28)],
        }),
      );
    }
    if (input.printedBy) {
      children.push(
        new Paragraph({
          spacing,
          indent: { left: 280, right: 280 },
          tabStops: [{ type: TabStopType.RIGHT, position: mm(156) - 560 }],
          border: { top: input.cc?.length ? thin : thick, bottom: thick },
          children: [
            run(input.printedBy.org, L.fonts.body, 28),
            run(`\t${gongwenDate(input.printedBy.date)}印发`, L.fonts.body, 28),
          ],
        }),
      );
    }
  }

  const pageNo = (
    alignment: (typeof AlignmentType)[keyof typeof AlignmentType],
    indent: { left?: number; right?: number },
  ) =>
    new Footer({
      children: [
        new Paragraph({
          alignment,
          indent,
          children: [
            new TextRun({ text: '— ', font: font(L.fonts.pageNo), size: 28 }),
            new TextRun({ children: [PageNumber.CURRENT], font: font(L.fonts.pageNo), size: 28 }),
            new TextRun({ text: ' —', font: font(L.fonts.pageNo), size: 28 }),
          ],
        }),
      ],
    });

  const doc = new Document({
    creator: input.signatureOrg,
    title: input.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: font(L.fonts.body), size: 32 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: {
              top: mm(L.marginsMm.top),
              bottom: mm(L.marginsMm.bottom),
              left: mm(L.marginsMm.left),
              right: mm(L.marginsMm.right),
              footer: mm(L.footerMm),
            },
          },
          grid: { type: DocumentGridType.LINES, linePitch: L.linePitch },
        },
        footers: {
          default: pageNo(AlignmentType.RIGHT, { right: 280 }),
          even: pageNo(AlignmentType.LEFT, { left: 280 }),
        },
        children,
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
