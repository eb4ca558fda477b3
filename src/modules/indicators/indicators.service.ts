import type { RequestCtx } from '../../platform/access/actor.js';
import { type LocalDate, toLocalDate } from '../../platform/calendar/index.js';
import { nowOf } from '../../platform/clock.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { Db, Executor } from '../../platform/db/engine.js';
import { notFound, unprocessable } from '../../platform/errors.js';
import type { ModuleManifest } from '../../platform/manifest.js';
import { DEFAULT_TREE, type DefaultIndicator } from './indicators.defaults.js';
import { computeFigure, type Figure, indicatorRegistry, SOURCE_ABSENT } from './indicators.registry.js';
import './indicators.tables.js';

export interface IndicatorValue {
  id: string;
  parentId: string | null;
  level: number;
  no: string;
  title: string;
  kind: 'group' | 'computed' | 'manual';
  sourceCode: string | null;
  unit: string | null;
  target: number | null;
  targetOp: string | null;
  verified: boolean;
  weight: number;
  value: number | null;
  /** How the figure was obtained — always shown beside it. */
  provenance: 'computed' | 'manual' | 'absent' | 'missing' | 'none';
  provenanceLabel: string;
  basis: string;
  evidence: string | null;
  records: Figure['records'];
  recordCount: number;
  meetsTarget: boolean | null;
}

const meets = (v: number | null, target: number | null, op: string | null) =>
  v === null || target === null || !op ? null : op === '>=' ? v >= target : op === '<=' ? v <= target : v === target;

/** Load the default tree (idempotent: existing numbers are kept). */
export async function loadDefaultTree(db: Db, ctx: RequestCtx): Promise<{ created: number }> {
  return db.transaction().execute(async (trx) => {
    let created = 0;
    const walk = async (nodes: DefaultIndicator[], parentId: string | null, level: number) => {
      for (const [i, n] of nodes.entries()) {
        const existing = await trx.selectFrom('indicators').select('id').where('no', '=', n.no).executeTakeFirst();
        let id = existing?.id;
        if (!id) {
          const row = await trx
            .insertInto('indicators')
            .values({
              parent_id: parentId,
              level,
              seq: i + 1,
              no: n.no,
              title: n.title,
              kind: n.kind,
              source_code: n.source ?? null,
              unit: n.unit ?? null,
              target: n.target === undefined ? null : String(n.target),
              target_op: n.op ?? null,
              verified: !!n.verified,
              note: n.verified ? null : '按纲要章节整理，待与正式指标体系核对',
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          id = row.id;
          created++;
        }
        if (n.children) await walk(n.children, id, level + 1);
      }
    };
    await walk(DEFAULT_TREE, null, 1);
    await recordAudit(trx, ctx, {
      action: 'indicator.defaults_loaded',
      entityKind: 'indicator',
      entityId: null,
      data: { created },
    });
    return { created };
  });
}

/** Evaluate the whole tree (or only the nodes `onlyIds`) for a year and a unit (null = the whole government). */
export async function evaluateTree(
  db: Db,
  /** `today`: the Beijing day from the injected clock (figures "as of today"). */
  p: { year: number; orgId: string | null; today: LocalDate },
  modules: readonly ModuleManifest[],
  onlyIds?: string[],
): Promise<IndicatorValue[]> {
  const reg = indicatorRegistry(modules);
  if (onlyIds && onlyIds.length === 0) return [];
  let nq = db.selectFrom('indicators').selectAll();
  if (onlyIds) nq = nq.where('id', 'in', onlyIds);
  const nodes = await nq.orderBy('level').orderBy('seq').execute();
  const root = await db.selectFrom('organizations').select('id').where('parent_id', 'is', null).executeTakeFirst();
  const entryOrg = p.orgId ?? root?.id ?? null;
  const entries = entryOrg
    ? await db
        .selectFrom('indicator_entries')
        .selectAll()
        .where('year', '=', p.year)
        .where('org_id', '=', entryOrg)
        .execute()
    : [];
  const out: IndicatorValue[] = [];
  for (const n of nodes) {
    const base = {
      id: n.id,
      parentId: n.parent_id,
      level: n.level,
      no: n.no,
      title: n.title,
      kind: n.kind,
      sourceCode: n.source_code,
      unit: n.unit,
      target: n.target === null ? null : Number(n.target),
      targetOp: n.target_op,
      verified: n.verified,
      weight: Number(n.weight),
    };
    if (n.kind === 'computed') {
      const f = await computeFigure(reg, db, n.source_code!, p);
      const provenance = f.status === 'computed' ? 'computed' : 'absent';
      out.push({
        ...base,
        value: f.value,
        provenance,
        provenanceLabel: provenance === 'computed' ? '系统计算' : f.status === 'error' ? '计算失败' : SOURCE_ABSENT,
        basis: f.basis,
        evidence: null,
        records: f.records,
        recordCount: f.recordCount,
        meetsTarget: meets(f.value, base.target, n.target_op),
      });
    } else if (n.kind === 'manual') {
      const e = entries.find((x) => x.indicator_id === n.id);
      const v = e ? Number(e.value) : null;
      out.push({
        ...base,
        value: v,
        provenance: e ? 'manual' : 'missing',
        provenanceLabel: e ? '人工填报' : '未填报',
        basis: e ? `人工填报，${toLocalDate(e.entered_at)}` : '尚未填报',
        evidence: e?.evidence ?? null,
        records: [],
        recordCount: 0,
        meetsTarget: meets(v, base.target, n.target_op),
      });
    } else {
      out.push({
        ...base,
        value: null,
        provenance: 'none',
        provenanceLabel: '',
        basis: '',
        evidence: null,
        records: [],
        recordCount: 0,
        meetsTarget: null,
      });
    }
  }
  return out;
}

/** Record (or correct) a manual figure with its evidence. */
export async function recordEntry(
  db: Db,
  ctx: RequestCtx,
  indicatorId: string,
  input: { year: number; orgId: string; value: number; evidence: string; links: { title: string; url: string }[] },
): Promise<void> {
  await db.transaction().execute(async (trx: Executor) => {
    const n = await trx.selectFrom('indicators').selectAll().where('id', '=', indicatorId).executeTakeFirst();
    if (!n) throw notFound('指标');
    if (n.kind !== 'manual')
      throw unprocessable(
        n.kind === 'computed' ? '该指标由系统根据业务记录计算，不能人工填报' : '指标分组不能填报数值',
        { field: 'indicatorId' },
      );
    if (n.unit === '%' && (input.value < 0 || input.value > 100))
      throw unprocessable('百分比指标的数值应在 0 至 100 之间', { field: 'value' });
    const prev = await trx
      .selectFrom('indicator_entries')
      .select(['value'])
      .where('indicator_id', '=', n.id)
      .where('year', '=', input.year)
      .where('org_id', '=', input.orgId)
      .executeTakeFirst();
    await trx
      .insertInto('indicator_entries')
      .values({
        indicator_id: n.id,
        year: input.year,
        org_id: input.orgId,
        value: String(input.value),
        evidence: input.evidence,
        evidence_links: JSON.stringify(input.links),
        entered_by: ctx.actor?.userId ?? null,
      })
      .onConflict((oc) =>
        oc.columns(['indicator_id', 'year', 'org_id']).doUpdateSet({
          value: String(input.value),
          evidence: input.evidence,
          evidence_links: JSON.stringify(input.links),
          entered_by: ctx.actor?.userId ?? null,
          entered_at: nowOf(ctx),
        }),
      )
      .execute();
    await recordAudit(trx, ctx, {
      action: 'indicator.entry_recorded',
      entityKind: 'indicator',
      entityId: n.id,
      orgId: input.orgId,
      data: { year: input.year, orgId: input.orgId, value: input.value, previous: prev ? Number(prev.value) : null },
    });
  });
}
