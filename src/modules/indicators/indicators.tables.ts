import type { IndicatorKind } from './indicators.contract.js';
import type { Generated } from 'kysely';
import { registerAuditLabels } from '../../platform/audit/catalog.js';
import type { GeneratedTimestamp, Json } from '../../platform/db/schema.js';

export interface IndicatorTable {
  id: Generated<string>;
  parent_id: string | null;
  level: number;
  seq: number;
  no: string;
  title: string;
  kind: IndicatorKind;
  source_code: string | null;
  unit: string | null;
  target: string | null;
  target_op: '>=' | '<=' | '=' | null;
  verified: boolean;
  note: string | null;
  /** Scoring weight (numeric, returned as a string); added by migration 0720. */
  weight: Generated<string>;
  created_at: GeneratedTimestamp;
}
export interface IndicatorEntryTable {
  id: Generated<string>;
  indicator_id: string;
  year: number;
  org_id: string;
  value: string;
  evidence: string;
  evidence_links: Json<{ title: string; url: string }[]>;
  entered_by: string | null;
  entered_at: GeneratedTimestamp;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    indicators: IndicatorTable;
    indicator_entries: IndicatorEntryTable;
  }
}

declare module '../../platform/audit/catalog.js' {
  interface AuditCatalog {
    'indicator.created': { no: string; title: string; kind: string; sourceCode: string | null };
    'indicator.defaults_loaded': { created: number };
    'indicator.updated': { no: string; changed: string[] };
    'indicator.removed': { no: string; title: string };
    'indicator.entry_recorded': { year: number; orgId: string; value: number; previous: number | null };
  }
}

registerAuditLabels({
  'indicator.created': '新增指标',
  'indicator.defaults_loaded': '载入默认指标体系',
  'indicator.updated': '修改指标',
  'indicator.removed': '删除指标',
  'indicator.entry_recorded': '填报指标数据',
});
