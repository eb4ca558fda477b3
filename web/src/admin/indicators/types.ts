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

export const KIND_ZH: Record<IndicatorRow['kind'], string> = {
  group: '指标分组',
  computed: '系统计算',
  manual: '人工填报',
};
