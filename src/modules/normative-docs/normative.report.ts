import type { ReportContribution, ReportInput } from '../../platform/manifest.js';
import { fmt, num } from '../../platform/report-text.js';

/**
 * 行政规范性文件: how many were issued in the year (the documents behind the filing rate), the filing,
 * on-time, conformity and legality-review rates (示范指标 No. 27), the documents in force and the clean-up result
 * ("清理现行有效规范性文件66件：继续有效51件…", the basis text of `normative.cleanup_summary`).
 */
function normativeParagraph(i: ReportInput): string | null {
  const filingFig = i.figure('normative.filing_rate_pct');
  const parts: string[] = [];
  if (filingFig?.status === 'computed' && filingFig.recordCount > 0) {
    parts.push(`${i.year}年制发行政规范性文件${filingFig.recordCount}件`);
    const rates = [
      ['报备率', fmt(filingFig)],
      ['报备及时率', fmt(i.figure('normative.on_time_filing_pct'))],
      ['备案审查规范率', fmt(i.figure('normative.conformity_pct'))],
      ['合法性审核率', fmt(i.figure('normative.legality_review_coverage_pct'))],
    ].filter((x): x is [string, string] => x[1] !== null);
    if (rates.length) parts.push(rates.map(([k, v]) => `${k}${v}`).join('，'));
  }
  const inForce = num(i.figure('normative.in_force_count'));
  if (inForce) parts.push(`现行有效规范性文件${inForce}件`);
  const cleanup = i.figure('normative.cleanup_summary');
  if (num(cleanup))
    parts.push(
      `组织开展规范性文件专项清理，${cleanup!.basis.replace(/^\d{4}年清理/, '共清理').replace(/，未定0件$/, '')}`,
    );
  return parts.length ? `加强行政规范性文件管理。${parts.join('；')}。` : null;
}

/** The normative documents' part of the annual report. */
export const normativeReport: ReportContribution[] = [
  {
    section: 'measures',
    order: 30,
    figures: [
      { code: 'normative.filing_rate_pct' },
      { code: 'normative.on_time_filing_pct' },
      { code: 'normative.conformity_pct' },
      { code: 'normative.legality_review_coverage_pct' },
      { code: 'normative.in_force_count' },
      { code: 'normative.cleanup_summary' },
    ],
    paragraphs: (i) => [normativeParagraph(i)],
  },
  {
    section: 'shortcomings',
    order: 30,
    figures: [],
    paragraphs: (i) => {
      const filing = num(i.figure('normative.filing_rate_pct'));
      return [
        filing !== null && filing < 100 ? `${i.year}年制发的行政规范性文件未全部报送备案，报备率${filing}%。` : null,
      ];
    },
  },
];
