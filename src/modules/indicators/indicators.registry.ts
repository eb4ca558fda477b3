import { MODULES } from '../index.js';
import type { IndicatorDef, IndicatorRecord, ModuleManifest } from '../../platform/manifest.js';

export const SOURCE_ABSENT = '数据来源模块未启用';

/**
 * Every computable figure, collected from the module manifests. Called at use time (not at import) so the
 * module list can include this module without an import cycle problem.
 */
export function indicatorRegistry(modules: ModuleManifest[] = MODULES): Map<string, IndicatorDef & { module: string }> {
  const m = new Map<string, IndicatorDef & { module: string }>();
  for (const mod of modules) for (const d of mod.indicators ?? []) m.set(d.code, { ...d, module: mod.name });
  return m;
}

/**
 * The JSON resource behind a record, by record kind: the workbench link is for people, this is what a
 * provenance check fetches (200 = the record exists and the caller may see it). Kinds not listed have none.
 */
const RECORD_API: Record<string, (r: IndicatorRecord) => string | undefined> = {
  plan_task: (r) => `/api/plan/tasks/${r.id}`,
  normative_doc: (r) => `/api/normative-docs/${r.id}`,
  decision: (r) => `/api/decisions/items/${r.id}`,
  annual_report: (r) => `/api/reports/${r.id}`,
  // Deadlines are listed per entity: the workbench link carries entityKind and entityId.
  deadline: (r) =>
    r.link?.startsWith('/admin/calendar/deadlines?') ? `/api/deadlines?${r.link.split('?')[1]}` : undefined,
};

export const recordApi = (r: IndicatorRecord): string | undefined => RECORD_API[r.kind]?.(r);

/** The link that re-runs one figure's query for a year and a unit, with its records (GET /api/indicators/figures/…). */
export const figureQuery = (code: string, year: number, orgId: string): string =>
  `/api/indicators/figures/${encodeURIComponent(code)}?year=${year}&orgId=${orgId}`;

export interface FigureRecord extends IndicatorRecord {
  /** JSON resource of the record (see RECORD_API). */
  api?: string;
}

export interface Figure {
  code: string;
  label: string;
  unit: string;
  value: number | null;
  /** 'computed' from records; 'absent' when the module that computes it is not enabled. */
  status: 'computed' | 'absent' | 'error';
  basis: string;
  records: FigureRecord[];
  recordCount: number;
}

/** Compute one figure; a code whose module is absent (or that fails) yields a labelled null, never a crash. */
export async function computeFigure(
  reg: Map<string, IndicatorDef & { module: string }>,
  db: Parameters<IndicatorDef['compute']>[0],
  code: string,
  p: { year: number; orgId: string | null },
  maxRecords = 50,
): Promise<Figure> {
  const def = reg.get(code);
  if (!def)
    return {
      code,
      label: code,
      unit: '',
      value: null,
      status: 'absent',
      basis: SOURCE_ABSENT,
      records: [],
      recordCount: 0,
    };
  try {
    const r = await def.compute(db, p);
    return {
      code,
      label: def.label,
      unit: def.unit,
      value: r.value,
      status: 'computed',
      basis: r.basis,
      records: r.records.slice(0, maxRecords).map((x) => {
        const api = recordApi(x);
        return api ? { ...x, api } : x;
      }),
      recordCount: r.records.length,
    };
  } catch (e) {
    return {
      code,
      label: def.label,
      unit: def.unit,
      value: null,
      status: 'error',
      basis: `计算失败：${(e as Error).message}`.slice(0, 300),
      records: [],
      recordCount: 0,
    };
  }
}
