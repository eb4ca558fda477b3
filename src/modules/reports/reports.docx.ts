import { toLocalDate } from '../../platform/calendar/index.js';
import { type GongwenBlock, renderGongwen, textToBlocks } from '../../platform/documents/gongwen.js';
import type { ReportRow } from './reports.repo.js';
import { SECTIONS, sectionHeading } from './reports.workflow.js';

/** The report as a 公文 (报告, an upward document): sections as 一、… headings, the figures in the text. */
export async function reportDocx(
  r: ReportRow,
  opts: { withHeader: boolean; signer?: string; recipient?: string },
): Promise<Buffer> {
  const body: GongwenBlock[] = [
    {
      kind: 'paragraph',
      text: `根据《法治政府建设与责任落实督察工作规定》，现将${r.org_name}${r.year}年度法治政府建设情况报告如下。`,
    },
  ];
  for (const s of SECTIONS) {
    const text = (r.sections[s.key] ?? '').trim();
    if (!text) continue;
    body.push({ kind: 'heading', level: 1, text: sectionHeading(s, r.year) });
    body.push(...textToBlocks(text));
  }
  // 成文日期 is the Beijing calendar day of approval (an approval at 07:00 Beijing is not the UTC day before).
  const date = toLocalDate(r.approved_at ?? r.updated_at);
  return renderGongwen({
    issuerMark: opts.withHeader ? r.org_name : undefined,
    docNo: opts.withHeader ? (r.doc_no ?? undefined) : undefined,
    signer: opts.withHeader ? opts.signer : undefined,
    title: r.title,
    mainRecipient: opts.recipient,
    body,
    signatureOrg: r.org_name,
    date,
    cc: r.cc
      .split(/[，,、\n]/)
      .map((x) => x.trim())
      .filter(Boolean),
    printedBy: opts.withHeader ? { org: `${r.org_name}办公室`, date } : undefined,
  });
}
