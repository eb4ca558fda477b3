import type { ReportContribution } from '../../platform/manifest.js';
import { num } from '../../platform/report-text.js';

/** The platform's own record: every audited act of the year (数字法治政府建设). */
export const indicatorsReport: ReportContribution[] = [
  {
    section: 'measures',
    order: 70,
    figures: [{ code: 'audit.recorded_actions' }],
    paragraphs: (i) => {
      const acts = num(i.figure('audit.recorded_actions'));
      return [acts ? `推进数字法治政府建设。全年在平台办理并留痕的业务操作${acts}次，各环节全程可追溯。` : null];
    },
  },
];
