export interface IndicatorRow {
  id: string;
  parentId: string | null;
  level: number;
  no: string;
  title: string;
  kind: 'group' | 'computed' | 'manual';
  sourceCode: string | null;
  unit: string | null;
  target: number | null;
  targetOp: '>=' | '<=' | '=' | null;
  weight: number;
  value: number | null;
  provenance: 'computed' | 'manual' | 'absent' | 'missing' | 'none';
  provenanceLabel: string;
  basis: string;
  evidence: string | null;
  records: { kind: string; id: string; label: string; link?: string }[];
  recordCount: number;
  meetsTarget: boolean | null;
}

export { INDICATOR_KIND_LABELS as KIND_ZH } from '../../../../src/modules/indicators/indicators.contract';
