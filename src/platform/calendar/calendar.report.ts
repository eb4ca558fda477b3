import type { ReportContribution } from '../manifest.js';
import { fmt, num } from '../report-text.js';

/** The statutory deadlines' part of the annual report: how many were met in the year, how many are overdue. */
export const calendarReport: ReportContribution[] = [
  {
    section: 'measures',
    order: 50,
    figures: [{ code: 'calendar.deadline_met_pct' }, { code: 'calendar.deadlines_overdue' }],
    paragraphs: (i) => {
      const met = fmt(i.figure('calendar.deadline_met_pct'));
      const overdue = num(i.figure('calendar.deadlines_overdue'));
      return [
        met
          ? `严格遵守法定期限。全年办结的法定期限事项按期办结率${met}${overdue ? `，仍有${overdue}项超期未办结` : ''}。`
          : null,
      ];
    },
  },
  {
    section: 'shortcomings',
    order: 50,
    figures: [],
    paragraphs: (i) => {
      const overdue = num(i.figure('calendar.deadlines_overdue'));
      return [overdue ? `仍有${overdue}项法定期限超期未办结。` : null];
    },
  },
];
