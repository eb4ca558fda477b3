import type { CatalogSection } from '../../../../src/modules/normative-docs/normative-docs.contract';

export const STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  commenting: 'processing',
  fair_review: 'processing',
  legality_review: 'processing',
  deliberation: 'processing',
  approved: 'cyan',
  registered: 'cyan',
  in_force: 'green',
  expired: 'default',
  repealed: 'red',
};

export const CATALOG_SECTIONS: { key: CatalogSection; label: string; verb: string }[] = [
  { key: 'made', label: '制定', verb: '公布' },
  { key: 'amended', label: '修改', verb: '决定修改' },
  { key: 'repealed', label: '废止', verb: '废止' },
  { key: 'lapsed', label: '失效', verb: '失效' },
];
