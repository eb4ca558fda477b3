import type { ReportContribution } from '../../platform/manifest.js';
import { num } from '../../platform/report-text.js';

/** 年度报告制度: whether last year's reports were published by 1 April (督察规定 Art 24; the figure of the year before). */
export const reportsReport: ReportContribution[] = [
  {
    section: 'measures',
    order: 60,
    figures: [{ code: 'reports.published_on_time_pct', offset: -1 }],
    paragraphs: (i) => {
      const f = i.figure('reports.published_on_time_pct', -1);
      const v = num(f);
      if (v === null) return [null];
      return [
        `落实法治政府建设年度报告制度。${i.isGovernment ? `全区${f!.recordCount}份` : ''}${i.year - 1}年度法治政府建设情况报告按时（次年4月1日前）向社会公开的比例为${v}%。`,
      ];
    },
  },
];
