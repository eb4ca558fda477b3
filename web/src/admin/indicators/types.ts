import type { IndicatorValueDto } from '../../../../src/modules/indicators/indicators.contract';

/** A node of the indicator tree with its value (the contract's IndicatorValueDto). */
export type IndicatorRow = IndicatorValueDto;

export { INDICATOR_KIND_LABELS as KIND_ZH } from '../../../../src/modules/indicators/indicators.contract';
