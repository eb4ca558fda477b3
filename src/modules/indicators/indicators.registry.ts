import type { IndicatorDef, IndicatorRecord, ModuleManifest, RecordLinks } from '../../platform/manifest.js';

export const SOURCE_ABSENT = '数据来源模块未启用';

/**
 * Every computable figure, collected from the manifests of the enabled modules (`deps.modules`), with the JSON
 * resource of each record kind the modules declare (`ModuleManifest.records`). Built from what the caller passes,
 * never from the module list itself: the registry knows modules only through their manifests.
 */
export interface IndicatorRegistry extends Map<string, IndicatorDef & { module: string }> {
  /** The JSON resource behind a record, if its module declares one (what a provenance check fetches). */
  recordApi(r: IndicatorRecord): string | undefined;
}

export function indicatorRegistry(modules: readonly ModuleManifest[]): IndicatorRegistry {
  const links = new Map<string, RecordLinks>();
  const m = new Map<string, IndicatorDef & { module: string }>() as IndicatorRegistry;
  for (const mod of modules) {
    for (const d of mod.indicators ?? []) m.set(d.code, { ...d, module: mod.name });
    for (const [kind, l] of Object.entries(mod.records ?? {})) links.set(kind, l);
  }
  m.recordApi = (r) => links.get(r.kind)?.api?.(r);
  return m;
}

/** The link that re-runs one figure's query for a year and a unit, with its records (GET /api/indicators/figures/…). */
export const figureQuery = (code: string, year: number, orgId: string): string =>
  `/api/indicators/figures/${encodeURIComponent(code)}?year=${year}&orgId=${orgId}`;

export interface FigureRecord extends IndicatorRecord {
  /** JSON resource of the record (the owning manifest's `records`). */
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
  reg: IndicatorRegistry,
  db: Parameters<IndicatorDef['compute']>[0],
  code: string,
  p: Parameters<IndicatorDef['compute']>[1],
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
        const api = reg.recordApi(x);
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
