import type { Selectable, Updateable } from 'kysely';
import type { Actor, RequestCtx } from '../../platform/access/actor.js';
import { visibleOrgIds } from '../../platform/access/scope.js';
import type { Executor, Trx } from '../../platform/db/engine.js';
import { AppError } from '../../platform/errors.js';
import { anchorRecord } from '../../platform/ledger/index.js';
import type { DecisionOrgs } from './decisions.policy.js';
import { stageContent } from './decisions.records.js';
import type { DecisionTable } from './decisions.tables.js';
import { nowOf } from '../../platform/clock.js';
import './decisions.tables.js';
import {
  ADJUSTABLE_STAGES,
  type AdjustableStage,
  type DecisionStatus,
  type ProcedureFlags,
} from './decisions.workflow.js';

export type DecisionRow = Selectable<DecisionTable>;
export interface LoadedDecision extends DecisionRow {
  orgs: DecisionOrgs;
  bodyName: string;
  leadName: string;
  executionName: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const parseJson = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/** The conditional procedures the current adjustment round re-runs (null: every triggered one). */
export const rerunOf = (d: Pick<DecisionRow, 'rerun_stages'>): AdjustableStage[] | null =>
  d.rerun_stages == null ? null : parseJson<AdjustableStage[]>(d.rerun_stages);

export const flagsOf = (
  d: Pick<DecisionRow, 'is_technical' | 'affects_stability' | 'confidential'> &
    Partial<Pick<DecisionRow, 'rerun_stages'>>,
): ProcedureFlags => ({
  isTechnical: d.is_technical,
  affectsStability: d.affects_stability,
  confidential: d.confidential,
  rerun: d.rerun_stages === undefined ? null : rerunOf({ rerun_stages: d.rerun_stages }),
});

/** Loads a decision with the org paths and names the policy needs; `lock` takes FOR UPDATE on the row. */
export async function loadDecision(ex: Executor, id: string, lock = false): Promise<LoadedDecision | null> {
  if (!UUID.test(id)) return null;
  let q = ex.selectFrom('decisions').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) return null;
  const ids = [row.body_org_id, row.lead_org_id, row.execution_org_id].filter((x): x is string => !!x);
  const orgs = await ex.selectFrom('organizations').select(['id', 'path', 'name']).where('id', 'in', ids).execute();
  const by = new Map(orgs.map((o) => [o.id, o]));
  const exec = row.execution_org_id ? by.get(row.execution_org_id) : undefined;
  return {
    ...row,
    orgs: {
      bodyPath: by.get(row.body_org_id)!.path,
      leadPath: by.get(row.lead_org_id)!.path,
      executionPath: exec?.path ?? null,
    },
    bodyName: by.get(row.body_org_id)!.name,
    leadName: by.get(row.lead_org_id)!.name,
    executionName: exec?.name ?? null,
  };
}

export async function orgById(ex: Executor, id: string, field: string) {
  const o = await ex
    .selectFrom('organizations')
    .select(['id', 'path', 'name', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!o?.active) throw new AppError('unprocessable', '所选单位不存在或已停用，请重新选择。', { field });
  return o;
}

/** Catalog ids whose body the actor may see, or items whose lead/execution unit the actor may see. */
export function visibleDecisionIds(db: Executor, actor: Actor) {
  const orgs = visibleOrgIds(db, actor);
  return db
    .selectFrom('decisions')
    .select('decisions.id')
    .where((eb) =>
      eb.or([
        eb('decisions.body_org_id', 'in', orgs),
        eb('decisions.lead_org_id', 'in', orgs),
        eb('decisions.execution_org_id', 'in', orgs),
      ]),
    );
}

export interface StepResult {
  to?: DecisionStatus;
  summary?: string;
  patch?: Updateable<DecisionTable>;
}

/**
 * Records a completed stage; its public outcome is anchored in the ledger (record kind `decision.stage`)
 * so the portal can show a proof badge for each completed stage.
 */
export async function recordStage(
  trx: Trx,
  ctx: RequestCtx,
  d: DecisionRow,
  stage: DecisionStatus | 'assessment' | 'party_report' | 'post_evaluation_start',
  outcome: Record<string, unknown>,
  publicSummary: string | null,
): Promise<{ leafHash: string | null }> {
  const at = nowOf(ctx);
  const inserted = await trx
    .insertInto('decision_stage_records')
    .values({
      decision_id: d.id,
      stage,
      round: d.adjustment_count,
      outcome: JSON.stringify(outcome),
      public_summary: publicSummary,
      completed_by: ctx.actor?.userId ?? null,
      completed_by_name: ctx.actor?.displayName ?? null,
      completed_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (publicSummary === null || d.confidential) return { leafHash: null };
  const anchored = await anchorRecord(trx, {
    recordKind: 'decision.stage',
    recordId: inserted.id,
    content: stageContent(
      { decision_id: d.id, stage, round: d.adjustment_count, public_summary: publicSummary, completed_at: at },
      d.title,
    ),
  });
  await trx
    .updateTable('decision_stage_records')
    .set({ leaf_hash: anchored.leafHash })
    .where('id', '=', inserted.id)
    .execute();
  return { leafHash: anchored.leafHash };
}

/** Latest stage record of a kind in the current round. */
export async function stageRecord(ex: Executor, d: Pick<DecisionRow, 'id' | 'adjustment_count'>, stage: string) {
  return ex
    .selectFrom('decision_stage_records')
    .selectAll()
    .where('decision_id', '=', d.id)
    .where('stage', '=', stage)
    .where('round', '=', d.adjustment_count)
    .orderBy('completed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * The record a procedure stands on in the current round: this round's own record, or — for a conditional
 * procedure the current adjustment round does not re-run (Art 37, see ADJUSTMENT_RERUN) — the latest record
 * of an earlier round, carried forward.
 */
export async function procedureRecord(
  ex: Executor,
  d: Pick<DecisionRow, 'id' | 'adjustment_count' | 'rerun_stages'>,
  stage: string,
) {
  const rerun = rerunOf(d);
  const carried =
    rerun !== null &&
    (ADJUSTABLE_STAGES as readonly string[]).includes(stage) &&
    !rerun.includes(stage as AdjustableStage);
  return ex
    .selectFrom('decision_stage_records')
    .selectAll()
    .where('decision_id', '=', d.id)
    .where('stage', '=', stage)
    .where('round', carried ? '<=' : '=', d.adjustment_count)
    .orderBy('round', 'desc')
    .orderBy('completed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
