/**
 * The indicators contract: the kinds of node in the indicator tree — a group of indicators, a leaf computed from
 * records by a module's manifest, or a leaf entered by hand with evidence — and their names in the workbench.
 * Pure data (the web app bundles it).
 */
import type { RecordRefDto } from '../../platform/http/http.contract.js';
import { vocabulary } from '../../platform/vocabulary.contract.js';

const INDICATOR_KIND_VOCAB = vocabulary({
  group: '指标分组',
  computed: '系统计算',
  manual: '人工填报',
});
export const INDICATOR_KIND_LABELS = INDICATOR_KIND_VOCAB.labels;
export const INDICATOR_KINDS = INDICATOR_KIND_VOCAB.values;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/*
 * The records as the API sends them. The server's response schemas are typed against these (indicators.routes.ts,
 * indicators.trend.ts), so the workbench's types cannot drift from what the server sends.
 */

/** How a value was obtained: computed from records, entered by hand, or not there. */
export type Provenance = 'computed' | 'manual' | 'absent' | 'missing' | 'none';

/** A node of the indicator tree with its value for one year and unit. */
export interface IndicatorValueDto {
  id: string;
  parentId: string | null;
  level: number;
  no: string;
  title: string;
  kind: IndicatorKind;
  sourceCode: string | null;
  unit: string | null;
  target: number | null;
  /** '>=', '<=' or '=' (null: no target). */
  targetOp: string | null;
  verified: boolean;
  weight: number;
  value: number | null;
  provenance: Provenance;
  provenanceLabel: string;
  basis: string;
  evidence: string | null;
  records: RecordRefDto[];
  recordCount: number;
  meetsTarget: boolean | null;
}

/** The indicator tree evaluated for a year and a unit (orgId null: the whole government). */
export interface IndicatorTreeDto {
  year: number;
  orgId: string | null;
  orgName: string;
  items: IndicatorValueDto[];
  abilities: Record<string, boolean>;
}

/** One figure re-computed now: what a report's “计算依据” link opens. */
export interface FigureQueryDto {
  code: string;
  label: string;
  unit: string;
  year: number;
  orgId: string;
  orgName: string;
  value: number | null;
  status: 'computed' | 'absent' | 'error';
  basis: string;
  records: RecordRefDto[];
  recordCount: number;
  computedAt: string;
  query: string;
}

export interface TrendPointDto {
  year: number;
  value: number | null;
  provenance: string;
  provenanceLabel: string;
  recordCount: number;
}

export interface TrendSeriesDto {
  id: string;
  no: string;
  title: string;
  kind: 'computed' | 'manual';
  sourceCode: string | null;
  unit: string | null;
  target: number | null;
  targetOp: string | null;
  points: TrendPointDto[];
}

/** Key indicators year by year (the dashboard), and the leaves that could be shown instead. */
export interface IndicatorTrendsDto {
  from: number;
  to: number;
  orgId: string | null;
  orgName: string;
  available: { id: string; no: string; title: string; kind: 'computed' | 'manual' }[];
  series: TrendSeriesDto[];
}

/** A computed figure an indicator may cite (from an enabled module's manifest). */
export interface IndicatorSourceDto {
  code: string;
  label: string;
  unit: string;
  module: string;
}
