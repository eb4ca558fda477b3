import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Actor } from '../../../platform/access/actor.js';
import { formatZh, toLocalDate } from '../../../platform/calendar/index.js';
import type { Db } from '../../../platform/db/engine.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { decisionsPolicy } from '../decisions.policy.js';

/** GB/T 9704-2012 layout parameters (see the project's standards notes): A4, margins 37/28/35/26 mm, 22 × 28 grid. */
const PAGE = { width: 11906, height: 16838, top: 2098, left: 1587, bottom: 1984, right: 1474 };
const LINE = { line: 579, lineRule: LineRuleType.EXACT };
const FANG = { ascii: 'FangSong_GB2312', eastAsia: '仿宋_GB2312', hAnsi: 'FangSong_GB2312' };
const HEI = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei' };
const XBS = { ascii: 'FZXiaoBiaoSong-B05S', eastAsia: '方正小标宋简体', hAnsi: 'FZXiaoBiaoSong-B05S' };

const run = (text: string, font = FANG, size = 32) => new TextRun({ text, font, size, characterSpacing: -5 });
const body = (text: string) =>
  new Paragraph({
    children: [run(text)],
    spacing: LINE,
    indent: { firstLine: 640 },
    alignment: AlignmentType.JUSTIFIED,
  });
const cell = (text: string, width: number, bold = false) =>
  new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    children: [new Paragraph({ children: [run(text, bold ? HEI : FANG, 24)], alignment: AlignmentType.CENTER })],
  });

/** The published catalog (latest version) as an official document in the 公文 layout. */
export async function catalogDocx(
  db: Db,
  actor: Actor | null,
  catalogId: string,
): Promise<{ buffer: Buffer; filename: string }> {
  const c = await db
    .selectFrom('decision_catalogs as c')
    .innerJoin('organizations as o', 'o.id', 'c.body_org_id')
    .select(['c.id', 'c.title', 'c.year', 'c.status', 'c.version', 'c.party_consent_ref', 'o.name', 'o.path'])
    .where('c.id', '=', catalogId)
    .executeTakeFirst();
  if (!c || (!actor && c.status !== 'published')) throw notFound('决策事项目录');
  if (actor && !decisionsPolicy.viewCatalog(actor, c.path)) throw notFound('决策事项目录');
  if (c.status !== 'published') throw new AppError('conflict', '目录尚未公布，公布后才能生成公文。');
  const v = await db
    .selectFrom('decision_catalog_versions')
    .select(['snapshot', 'published_at', 'reason'])
    .where('catalog_id', '=', c.id)
    .orderBy('version', 'desc')
    .executeTakeFirstOrThrow();
  const snap = (typeof v.snapshot === 'string' ? JSON.parse(v.snapshot) : v.snapshot) as {
    items: { seq: number; title: string; leadUnit: string; plannedCompletionOn: string }[];
  };
  // The document date is the Beijing calendar day of publication (a UTC slice would give the day before for
  // anything published between 00:00 and 08:00 Beijing time).
  const date = formatZh(toLocalDate(new Date(v.published_at)), false);
  const rows = [
    new TableRow({
      tableHeader: true,
      children: [
        cell('序号', 8, true),
        cell('决策事项', 52, true),
        cell('承办单位', 22, true),
        cell('计划完成时间', 18, true),
      ],
    }),
    ...snap.items.map(
      (i) =>
        new TableRow({
          children: [cell(String(i.seq), 8), cell(i.title, 52), cell(i.leadUnit, 22), cell(i.plannedCompletionOn, 18)],
        }),
    ),
  ];
  const doc = new Document({
    creator: c.name,
    title: c.title,
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, left: PAGE.left, bottom: PAGE.bottom, right: PAGE.right },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['— ', PageNumber.CURRENT, ' —'],
                    size: 28,
                    font: { ascii: 'SimSun', eastAsia: '宋体' },
                  }),
                ],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({ children: [], spacing: LINE }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: LINE,
            children: [new TextRun({ text: c.title, font: XBS, size: 44 })],
          }),
          new Paragraph({ children: [], spacing: LINE }),
          body(
            `根据《重大行政决策程序暂行条例》第三条和本市有关规定，经${c.party_consent_ref ?? '同级党委同意'}，现将${c.name}${c.year}年度重大行政决策事项目录（第${c.version}版）公布如下。${v.reason ? `本版调整理由：${v.reason}` : ''}`,
          ),
          body(
            '各承办单位应当严格履行公众参与、专家论证、风险评估、合法性审查、集体讨论决定等法定程序，按计划时间完成。',
          ),
          new Paragraph({ children: [run('附：重大行政决策事项目录', HEI)], spacing: LINE }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            borders: {
              top: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
              bottom: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
              left: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
              right: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
              insideHorizontal: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
              insideVertical: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
            },
            rows,
          }),
          new Paragraph({ children: [], spacing: LINE }),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: LINE,
            indent: { right: 1280 },
            children: [run(c.name)],
          }),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: LINE,
            indent: { right: 1280 },
            children: [run(date)],
          }),
        ],
      },
    ],
  });
  return { buffer: await Packer.toBuffer(doc), filename: `${c.title}（第${c.version}版）.docx` };
}
