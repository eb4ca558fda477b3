/**
 * Editing the indicator tree (一级/二级/三级). Each exported function is one business action in one transaction;
 * refusals leave the tree unchanged.
 */
import type { RequestCtx } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { Db, Executor } from '../../platform/db/engine.js';
import type { ModuleManifest } from '../../platform/manifest.js';
import { conflict, notFound, unprocessable } from '../../platform/errors.js';
import { indicatorRegistry } from './indicators.registry.js';
import './indicators.tables.js';

export interface IndicatorFields {
  no: string;
  title: string;
  kind: 'group' | 'computed' | 'manual';
  sourceCode: string | null;
  unit: string | null;
  target: number | null;
  targetOp: '>=' | '<=' | '=' | null;
  weight: number;
}

/** Pure checks shared by create and update; returns the problem in Chinese, or null. */
export function checkFields(f: IndicatorFields, level: number, knownCodes: Set<string>): string | null {
  if (level === 3 && f.kind === 'group') return '三级指标不能再设下级，请选择“系统计算”或“人工填报”';
  if (f.kind === 'computed' && !f.sourceCode) return '系统计算的指标须选择数据来源';
  if (f.kind === 'computed' && f.sourceCode && !knownCodes.has(f.sourceCode))
    return `数据来源“${f.sourceCode}”不存在或其所属模块未启用，请从列表中选择`;
  if (f.kind !== 'computed' && f.sourceCode) return '只有系统计算的指标可以设置数据来源';
  if ((f.target === null) !== (f.targetOp === null)) return '目标值和比较方式须同时填写或同时留空';
  if (f.kind === 'group' && f.target !== null) return '指标分组不设目标值';
  if (f.unit === '%' && f.target !== null && (f.target < 0 || f.target > 100))
    return '百分比指标的目标值应在 0 至 100 之间';
  return null;
}

async function assertNoFree(trx: Executor, no: string, exceptId?: string) {
  let q = trx.selectFrom('indicators').select('id').where('no', '=', no);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw conflict(`编号“${no}”已被其他指标使用，请换一个编号`, { field: 'no' });
}

const toRow = (f: IndicatorFields) => ({
  no: f.no,
  title: f.title,
  kind: f.kind,
  source_code: f.kind === 'computed' ? f.sourceCode : null,
  unit: f.unit,
  target: f.target === null ? null : String(f.target),
  target_op: f.targetOp,
  weight: String(f.weight),
});

export async function createIndicator(
  db: Db,
  ctx: RequestCtx,
  input: IndicatorFields & { parentId: string | null },
  modules: readonly ModuleManifest[],
): Promise<{ id: string }> {
  return db.transaction().execute(async (trx) => {
    let level = 1;
    if (input.parentId) {
      const parent = await trx
        .selectFrom('indicators')
        .select(['id', 'level', 'kind'])
        .where('id', '=', input.parentId)
        .executeTakeFirst();
      if (!parent) throw notFound('上级指标');
      if (parent.kind !== 'group')
        throw unprocessable('上级必须是指标分组；计算或填报的指标下不能再设下级', { field: 'parentId' });
      level = parent.level + 1;
    }
    if (level > 3) throw unprocessable('指标体系最多三级', { field: 'parentId' });
    const problem = checkFields(input, level, new Set(indicatorRegistry(modules).keys()));
    if (problem) throw unprocessable(problem);
    await assertNoFree(trx, input.no);
    const siblings = await trx
      .selectFrom('indicators')
      .select((eb) => eb.fn.max('seq').as('max'))
      .where((eb) => (input.parentId ? eb('parent_id', '=', input.parentId) : eb('parent_id', 'is', null)))
      .executeTakeFirst();
    const row = await trx
      .insertInto('indicators')
      .values({
        ...toRow(input),
        parent_id: input.parentId,
        level,
        seq: Number(siblings?.max ?? 0) + 1,
        verified: false,
        note: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'indicator.created',
      entityKind: 'indicator',
      entityId: row.id,
      data: { no: input.no, title: input.title, kind: input.kind, sourceCode: input.sourceCode },
    });
    return row;
  });
}

export async function updateIndicator(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: IndicatorFields,
  modules: readonly ModuleManifest[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const n = await trx.selectFrom('indicators').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!n) throw notFound('指标');
    const problem = checkFields(input, n.level, new Set(indicatorRegistry(modules).keys()));
    if (problem) throw unprocessable(problem);
    await assertNoFree(trx, input.no, id);
    if (n.kind === 'group' && input.kind !== 'group') {
      const child = await trx.selectFrom('indicators').select('id').where('parent_id', '=', id).executeTakeFirst();
      if (child) throw conflict('该分组下还有指标，不能改为计算或填报指标；请先删除或移走下级指标', { field: 'kind' });
    }
    if (n.kind === 'manual' && input.kind !== 'manual') {
      const entry = await trx
        .selectFrom('indicator_entries')
        .select('id')
        .where('indicator_id', '=', id)
        .executeTakeFirst();
      if (entry)
        throw conflict('该指标已有人工填报的数据，不能改为其他类型（否则填报记录将失去依据）', { field: 'kind' });
    }
    const row = toRow(input);
    const before = {
      no: n.no,
      title: n.title,
      kind: n.kind,
      source_code: n.source_code,
      unit: n.unit,
      target: n.target === null ? null : String(Number(n.target)),
      target_op: n.target_op,
      weight: String(Number(n.weight)),
    };
    const changed = (Object.keys(row) as (keyof typeof row)[]).filter((k) => String(before[k]) !== String(row[k]));
    if (changed.length === 0) return;
    await trx.updateTable('indicators').set(row).where('id', '=', id).execute();
    await recordAudit(trx, ctx, {
      action: 'indicator.updated',
      entityKind: 'indicator',
      entityId: id,
      data: { no: input.no, changed },
    });
  });
}

/** Removing keeps history safe: a node with children or with entered figures cannot be removed. */
export async function removeIndicator(db: Db, ctx: RequestCtx, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const n = await trx.selectFrom('indicators').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!n) throw notFound('指标');
    const child = await trx.selectFrom('indicators').select('id').where('parent_id', '=', id).executeTakeFirst();
    if (child) throw conflict('该分组下还有指标，请先删除下级指标');
    const entry = await trx
      .selectFrom('indicator_entries')
      .select('id')
      .where('indicator_id', '=', id)
      .executeTakeFirst();
    if (entry) throw conflict('该指标已有人工填报的数据，不能删除');
    await trx.deleteFrom('indicators').where('id', '=', id).execute();
    await recordAudit(trx, ctx, {
      action: 'indicator.removed',
      entityKind: 'indicator',
      entityId: id,
      data: { no: n.no, title: n.title },
    });
  });
}
