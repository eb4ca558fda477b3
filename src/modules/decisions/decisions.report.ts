import type { ReportContribution, ReportInput } from '../../platform/manifest.js';
import { fmt, num } from '../../platform/report-text.js';

/**
 * 公众参与 forms at or below this count are named as a shortcoming in the draft (seed reports name “仅借助…一两种方式”).
 * A drafting cue the unit may delete, not a rule.
 */
export const FEW_PARTICIPATION_FORMS = 2;

/** 重大行政决策: items in the year's catalog, the change on last year, legality review, participation, schedule. */
function decisionsParagraph(i: ReportInput): string | null {
  const { year } = i;
  const n = num(i.figure('decisions.catalog_items'));
  const led = num(i.figure('decisions.led_items'));
  if (n === null) return null;
  // A department without a catalog of its own still leads items of the government's: say that, not "0 items".
  if (n === 0 && led) return `推进依法科学民主决策。${year}年度牵头承办重大行政决策事项${led}项。`;
  const parts = [`${year}年度重大行政决策事项目录纳入事项${n}项`];
  const prev = num(i.figure('decisions.catalog_items', -1));
  const yoy = num(i.figure('decisions.catalog_yoy_pct'));
  if (yoy !== null)
    parts[0] +=
      yoy === 0
        ? `，与${year - 1}年度（${prev ?? n}项）持平`
        : `，较${year - 1}年度${prev !== null ? `（${prev}项）` : ''}同比${yoy > 0 ? '提高' : '下降'}${Math.abs(yoy)}%`;
  else if (n > 0 && prev === 0) parts[0] += `（${year - 1}年度目录纳入0项，不计算同比）`;
  const reviewed = fmt(i.figure('decisions.legality_review_coverage_pct'));
  if (reviewed) parts.push(`作出决定的事项经合法性审查的比例${reviewed}`);
  const forms = num(i.figure('decisions.participation_forms'));
  if (n > 0 && forms) parts.push(`目录事项共采用${forms}种公众参与形式`);
  const onTime = fmt(i.figure('decisions.on_schedule_pct'));
  if (onTime) parts.push(`计划完成时间已到的事项按期完成率${onTime}`);
  if (led) parts.push(`牵头承办事项${led}项`);
  return `推进依法科学民主决策。${parts.join('，')}。`;
}

/** The decisions' part of the annual report (《重大行政决策程序暂行条例》; 督察规定 Art 25 contents). */
export const decisionsReport: ReportContribution[] = [
  {
    section: 'measures',
    order: 20,
    figures: [
      { code: 'decisions.catalog_items' },
      { code: 'decisions.led_items' },
      { code: 'decisions.catalog_yoy_pct' },
      { code: 'decisions.legality_review_coverage_pct' },
      { code: 'decisions.participation_forms' },
      { code: 'decisions.on_schedule_pct' },
      // Last year's catalog: the base of the year-on-year change, stated even when no percentage can be computed.
      { code: 'decisions.catalog_items', offset: -1 },
    ],
    paragraphs: (i) => [decisionsParagraph(i)],
  },
  {
    section: 'shortcomings',
    order: 20,
    figures: [],
    paragraphs: (i) => {
      const forms = num(i.figure('decisions.participation_forms'));
      const onSchedule = num(i.figure('decisions.on_schedule_pct'));
      return [
        (num(i.figure('decisions.catalog_items')) ?? 0) > 0 && forms !== null && forms <= FEW_PARTICIPATION_FORMS
          ? `重大行政决策公众参与形式不够多样，${i.year}年度目录事项仅采用${forms}种公众参与形式。`
          : null,
        onSchedule !== null && onSchedule < 100 ? `部分重大行政决策事项未按计划完成，按期完成率${onSchedule}%。` : null,
      ];
    },
  },
  {
    section: 'nextYear',
    order: 20,
    // Next year's catalog: what （四） plans for.
    figures: [{ code: 'decisions.catalog_items', offset: 1 }],
    paragraphs: (i) => {
      const next = num(i.figure('decisions.catalog_items', 1));
      return [next ? `按照${i.year + 1}年度重大行政决策事项目录，依法推进${next}项决策事项。` : null];
    },
  },
];
