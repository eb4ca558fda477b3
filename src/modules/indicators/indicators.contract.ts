/**
 * The indicators contract: the kinds of node in the indicator tree — a group of indicators, a leaf computed from
 * records by a module's manifest, or a leaf entered by hand with evidence — and their names in the workbench.
 * Pure data (the web app bundles it).
 */
import { vocabulary } from '../../platform/vocabulary.contract.js';

const INDICATOR_KIND_VOCAB = vocabulary({
  group: '指标分组',
  computed: '系统计算',
  manual: '人工填报',
});
export const INDICATOR_KIND_LABELS = INDICATOR_KIND_VOCAB.labels;
export const INDICATOR_KINDS = INDICATOR_KIND_VOCAB.values;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
