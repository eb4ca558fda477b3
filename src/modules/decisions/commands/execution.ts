import type { RequestCtx } from '../../../platform/access/actor.js';
import { closeDeadlinesFor } from '../../../platform/calendar/index.js';
import type { Db } from '../../../platform/db/engine.js';
import { AppError, conflict } from '../../../platform/errors.js';
import type { z } from '../../../platform/http/zod.js';
import { recordAudit } from '../../../platform/audit/index.js';
import { runStep } from '../decisions.frame.js';
import { flagsOf, procedureRecord, recordStage } from '../decisions.repo.js';
import { publishCatalogVersion } from './catalog-version.js';
import { closePlanDeadline } from './plan-deadlines.js';
import type { AdjustBody, CompleteExecutionBody, ProgressBody, ReasonBody } from '../decisions.schemas.js';
import { type DecisionStatus, STATUS_LABELS, planAdjustment } from '../decisions.workflow.js';

/** Pure: progress weighted by task weight, one decimal. */
export function weightedProgress(tasks: { weight: number; progress: number }[]): number {
  const w = tasks.reduce((s, t) => s + t.weight, 0);
  if (w === 0) return 0;
  return Math.round((tasks.reduce((s, t) => s + t.weight * t.progress, 0) / w) * 10) / 10;
}

/** A periodic execution report (Art 34): progress per task, weighted overall progress, problems met. */
export async function reportProgress(db: Db, ctx: RequestCtx, id: string, input: z.infer<typeof ProgressBody>) {
  return runStep(db, ctx, id, 'reportProgress', async (trx, d) => {
    const tasks = await trx
      .selectFrom('decision_execution_tasks')
      .selectAll()
      .where('decision_id', '=', d.id)
      .execute();
    const byId = new Map(tasks.map((t) => [t.id, t]));
    const unknown = input.tasks.filter((t) => !byId.has(t.taskId));
    if (unknown.length)
      throw new AppError('unprocessable', '报告中包含不属于本决策的执行任务，请刷新后重试。', { field: 'tasks' });
    const missing = tasks.filter((t) => !input.tasks.some((x) => x.taskId === t.id)).map((t) => t.name);
    if (missing.length)
      throw new AppError('unprocessable', `请填报每项执行任务的进度，缺少：${missing.join('、')}。`, {
        field: 'tasks',
      });
    const back = input.tasks
      .filter((x) => x.progress < byId.get(x.taskId)!.progress)
      .map((x) => byId.get(x.taskId)!.name);
    if (back.length && input.problems.length < 4)
      throw new AppError('unprocessable', `任务进度较上次回退（${back.join('、')}），请在“存在问题”中说明原因。`, {
        field: 'problems',
      });
    const dup = await trx
      .selectFrom('decision_execution_reports')
      .select('id')
      .where('decision_id', '=', d.id)
      .where('period', '=', input.period)
      .executeTakeFirst();
    if (dup) throw conflict(`${input.period}的执行情况已经报告，不能重复报告。`);
    for (const t of input.tasks)
      await trx
        .updateTable('decision_execution_tasks')
        .set({ progress: t.progress })
        .where('id', '=', t.taskId)
        .execute();
    const overall = weightedProgress(
      input.tasks.map((t) => ({ weight: byId.get(t.taskId)!.weight, progress: t.progress })),
    );
    await trx
      .insertInto('decision_execution_reports')
      .values({
        decision_id: d.id,
        period: input.period,
        note: input.note,
        task_progress: JSON.stringify(input.tasks),
        overall_pct: overall,
        problems: input.problems || null,
        reported_by: ctx.actor?.userId ?? null,
        reported_by_name: ctx.actor?.displayName ?? null,
      })
      .execute();
    return { summary: `${input.period}执行进度${overall}%` };
  });
}

/** Confirms execution complete: every task at 100% (the weighted progress is 100). */
export async function completeExecution(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: z.infer<typeof CompleteExecutionBody>,
) {
  return runStep(db, ctx, id, 'completeExecution', async (trx, d) => {
    const tasks = await trx
      .selectFrom('decision_execution_tasks')
      .select(['name', 'progress', 'weight'])
      .where('decision_id', '=', d.id)
      .execute();
    const open = tasks.filter((t) => t.progress < 100).map((t) => `${t.name}（${t.progress}%）`);
    if (open.length)
      throw new AppError('unprocessable', `尚有执行任务未完成：${open.join('、')}。请先报告执行情况。`, {
        field: 'tasks',
      });
    await recordStage(
      trx,
      ctx,
      d,
      'completed',
      { ...input },
      `决策已执行完毕（${input.completedOn}）。${input.summary}`,
    );
    // The catalog plan date is met or missed by the completion date (on-schedule statistics use the same).
    await closePlanDeadline(trx, ctx, d.id, input.completedOn);
    return { to: 'completed', patch: { completed_on: input.completedOn } };
  });
}

/** The head may first suspend execution in the urgent situations of Art 35 (Art 37). */
export async function suspendDecision(db: Db, ctx: RequestCtx, id: string, input: z.infer<typeof ReasonBody>) {
  return runStep(db, ctx, id, 'suspend', async (trx, d) => {
    await recordStage(trx, ctx, d, 'suspended', { reason: input.reason }, `决策暂停执行。理由：${input.reason}`);
    return { to: 'suspended', patch: { suspended_from: d.status } };
  });
}

export async function resumeDecision(db: Db, ctx: RequestCtx, id: string, input: z.infer<typeof ReasonBody>) {
  return runStep(db, ctx, id, 'resume', async (trx, d) => {
    await recordStage(
      trx,
      ctx,
      d,
      'executing',
      { resumed: true, reason: input.reason },
      `决策恢复执行。理由：${input.reason}`,
    );
    return { to: (d.suspended_from as DecisionStatus | null) ?? 'executing', patch: { suspended_from: null } };
  });
}

/**
 * A major adjustment re-runs the *relevant* statutory procedures (Art 37: "需要作出重大调整的，应当依照本条例
 * 履行相关法定程序"): a new round starts at drafting. The adjusted draft, legality review (Art 25), collective
 * discussion (Art 30), Party report (Art 31) and publication (Art 32) are always run again; participation,
 * expert review and risk assessment only when the adjustment touches them (ADJUSTMENT_RERUN) — otherwise the
 * latest earlier record is carried forward with the stated reason (Art 22¶2: no repeated risk assessment).
 */
export async function adjustDecision(db: Db, ctx: RequestCtx, id: string, input: z.infer<typeof AdjustBody>) {
  return runStep(db, ctx, id, 'adjust', async (trx, d) => {
    const plan = planAdjustment(flagsOf({ ...d, rerun_stages: null }), input.rerun, input.carryReasons ?? {});
    const round = d.adjustment_count + 1;
    const carried: { stage: string; fromRound: number; reason: string }[] = [];
    for (const c of plan.carried) {
      const prev = await procedureRecord(trx, { ...d, adjustment_count: round, rerun_stages: [] }, c.stage);
      if (!prev)
        throw new AppError(
          'unprocessable',
          `此前各轮均没有「${STATUS_LABELS[c.stage]}」的记录，无可沿用，本轮调整须重新履行该程序。`,
          { field: 'rerun', stage: c.stage },
        );
      carried.push({ stage: c.stage, fromRound: prev.round, reason: c.reason });
    }
    const rerunLabels = ['drafting', ...plan.rerun, 'legality_review', 'collective_discussion'].map(
      (s) => STATUS_LABELS[s as DecisionStatus],
    );
    const carriedText = carried.length
      ? `沿用此前记录：${carried.map((c) => `${STATUS_LABELS[c.stage as DecisionStatus]}（第${c.fromRound}轮，理由：${c.reason}）`).join('；')}。`
      : '';
    await recordStage(
      trx,
      ctx,
      d,
      'drafting',
      { adjustment: true, reason: input.reason, round, rerun: plan.rerun, carried },
      `决策启动调整程序（第${round}轮），重新履行：${rerunLabels.join('、')}等相关法定程序。${carriedText}理由：${input.reason}`,
    );
    await recordAudit(trx, ctx, {
      action: 'decision.adjusted',
      entityKind: 'decision',
      entityId: d.id,
      orgId: d.lead_org_id,
      data: { round, reason: input.reason, rerun: plan.rerun, carried },
    });
    return {
      to: 'drafting',
      patch: { adjustment_count: round, suspended_from: null, rerun_stages: JSON.stringify(plan.rerun) },
      summary: input.reason,
    };
  });
}

export async function withdrawDecision(db: Db, ctx: RequestCtx, id: string, input: z.infer<typeof ReasonBody>) {
  return runStep(db, ctx, id, 'withdraw', async (trx, d) => {
    await recordStage(trx, ctx, d, 'withdrawn', { reason: input.reason }, `决策事项撤回。理由：${input.reason}`);
    // A withdrawn item has no stage left to run: its open deadlines (comment period, review, plan date) end here.
    await closeDeadlinesFor(trx, ctx, 'decision', d.id);
    // Dropping an item from a published catalog is a catalog adjustment (第三条第三款): a new version is
    // published without it, with the reason.
    const cat = await trx
      .selectFrom('decision_catalogs')
      .select(['status', 'body_org_id'])
      .where('id', '=', d.catalog_id)
      .executeTakeFirstOrThrow();
    if (cat.status === 'published' && d.in_catalog) {
      await trx.updateTable('decisions').set({ status: 'withdrawn' }).where('id', '=', d.id).execute();
      await publishCatalogVersion(trx, ctx, d.catalog_id, `撤回事项「${d.title}」：${input.reason}`, cat.body_org_id);
    }
    return { to: 'withdrawn', summary: input.reason };
  });
}
