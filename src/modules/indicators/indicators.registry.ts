import { MODULES } from '../index.js';
import type { IndicatorDef, ModuleManifest } from '../types.js';

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

export interface Figure {
  code: string;
  label: string;
  unit: string;
  value: number | null;
  /** 'computed' from records; 'absent' when the module that computes it is not enabled. */
  status: 'computed' | 'absent' | 'error';
  basis: string;
  records: { kind: string; id: string; label: string; link?: string }[];
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
      records: r.records.slice(0, maxRecords),
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
