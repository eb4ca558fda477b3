import { sql } from 'kysely';
import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import { today } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/engine.js';
import { AppError, conflict, notFound, unprocessable } from '../../../platform/errors.js';
import { anchorRecord } from '../../../platform/ledger/index.js';
import { normativePolicy } from '../normative.policy.js';
import { cleanupOutcomeContent, cleanupSummaryContent } from '../normative.records.js';
import { lockDoc } from '../normative.repo.js';
import type { CleanupCampaignDto } from '../normative-docs.contract.js';
import type { CleanupOutcome } from '../normative.tables.js';
import { endDoc } from './lifecycle.js';
import { nowOf } from '../../../platform/clock.js';

export const OUTCOME_LABELS: Record<CleanupOutcome, string> = {
  keep: '继续有效',
  amend: '修改',
  repeal: '废止',
  lapse: '宣布失效',
};

/** Start a clean-up across every unit: every document in force at this moment becomes an item to decide. */
export async function startCampaign(
  db: Db,
  ctx: RequestCtx,
  input: { title: string; dueOn: string },
  now = nowOf(ctx),
): Promise<string> {
  if (!normativePolicy.runCleanup(ctx.actor))
    throw new AppError('forbidden', '只有依法治区办或司法局可以组织规范性文件清理。');
  const t = today(now);
  if (input.dueOn <= t) throw unprocessable('完成期限应晚于今天', { field: 'dueOn' });
  return db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom('normative_cleanup_campaigns')
      .select('title')
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (open) throw conflict(`清理“${open.title}”尚未完成，请完成后再启动新的清理`);
    const c = await trx
      .insertInto('normative_cleanup_campaigns')
      .values({
        title: input.title,
        started_on: t,
        due_on: input.dueOn,
        summary: null,
        created_by: ctx.actor?.userId ?? null,
        closed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ins = await sql<{ n: string }>`
      with ins as (
        insert into normative_cleanup_items (campaign_id, doc_id, org_id)
        select ${c.id}, id, org_id from normative_docs where status = 'in_force'
        returning 1)
      select count(*) as n from ins`.execute(trx);
    const items = Number(ins.rows[0]!.n);
    if (items === 0) throw unprocessable('目前没有现行有效的规范性文件，无需清理');
    await recordAudit(trx, ctx, {
      action: 'cleanup_campaign.started',
      entityKind: 'cleanup_campaign',
      entityId: c.id,
      data: { title: input.title, items },
    });
    return c.id;
  });
}

/**
 * Record one document's outcome (keep, amend, repeal, lapse) and apply it: repeal and lapse end the document,
 * amend flags it for a revised text. The outcome is anchored in the ledger. An outcome may be changed while it
 * has not ended the document.
 */
export async function decideItem(
  db: Db,
  ctx: RequestCtx,
  campaignId: string,
  input: { docId: string; outcome: CleanupOutcome; reason: string },
  now = nowOf(ctx),
) {
  await db.transaction().execute(async (trx) => {
    const c = await trx
      .selectFrom('normative_cleanup_campaigns')
      .selectAll()
      .where('id', '=', campaignId)
      .executeTakeFirst();
    if (!c) throw notFound('清理');
    const item = await trx
      .selectFrom('normative_cleanup_items')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .where('doc_id', '=', input.docId)
      .forUpdate()
      .executeTakeFirst();
    if (!item) throw notFound('清理事项');
    const d = await lockDoc(trx, input.docId);
    if (!ctx.actor || !normativePolicy.view(ctx.actor, d.org_path)) throw notFound('清理事项');
    if (!normativePolicy.decideCleanup(ctx.actor, d.org_path))
      throw new AppError('forbidden', '只有制定单位的法治联络员、负责人或司法局可以确定清理结果。');
    if (c.status !== 'open') throw conflict('该清理已完成，不能再修改结果');
    if (item.outcome === 'repeal' || item.outcome === 'lapse')
      throw conflict(`该文件已按“${OUTCOME_LABELS[item.outcome]}”处理，不能更改`);
    await trx
      .updateTable('normative_cleanup_items')
      .set({ outcome: input.outcome, reason: input.reason, decided_by: ctx.actor.userId, decided_at: now })
      .where('campaign_id', '=', campaignId)
      .where('doc_id', '=', input.docId)
      .execute();
    const t = today(now);
    if (input.outcome === 'repeal') await endDoc(trx, ctx, d, 'repealed', `清理决定废止：${input.reason}`, t);
    else if (input.outcome === 'lapse') await endDoc(trx, ctx, d, 'expired', `清理宣布失效：${input.reason}`, t);
    else
      await trx
        .updateTable('normative_docs')
        .set({ needs_review: input.outcome === 'amend', updated_at: nowOf(ctx) })
        .where('id', '=', d.id)
        .execute();
    await anchorRecord(trx, {
      recordKind: 'normative_cleanup_outcome',
      recordId: `${campaignId}:${d.id}`,
      content: cleanupOutcomeContent(c.title, d, input, t),
    });
    await recordAudit(trx, ctx, {
      action: 'cleanup_campaign.decided',
      entityKind: 'cleanup_campaign',
      entityId: campaignId,
      orgId: d.org_id,
      data: { docId: d.id, outcome: input.outcome, reason: input.reason },
    });
  });
}

/** A campaign's progress, as the API sends it (the contract's shape). */
export type CampaignProgress = CleanupCampaignDto['progress'];

/** Progress per unit and the outcome figures (the kind a clean-up report gives: 66 → 51 / 4 / 1 / 10). */
export async function campaignProgress(db: Executor, campaignId: string, orgIds?: string[]): Promise<CampaignProgress> {
  let q = db
    .selectFrom('normative_cleanup_items as i')
    .innerJoin('organizations as o', 'o.id', 'i.org_id')
    .select((eb) => [
      'i.org_id',
      'o.name',
      eb.fn.countAll<string>().as('total'),
      sql<string>`count(i.outcome)`.as('decided'),
      sql<string>`count(*) filter (where i.outcome = 'keep')`.as('keep'),
      sql<string>`count(*) filter (where i.outcome = 'amend')`.as('amend'),
      sql<string>`count(*) filter (where i.outcome = 'repeal')`.as('repeal'),
      sql<string>`count(*) filter (where i.outcome = 'lapse')`.as('lapse'),
    ])
    .where('i.campaign_id', '=', campaignId)
    .groupBy(['i.org_id', 'o.name', 'o.path'])
    .orderBy('o.path');
  if (orgIds) q = q.where('i.org_id', 'in', orgIds.length ? orgIds : ['00000000-0000-0000-0000-000000000000']);
  const rows = await q.execute();
  const units = rows.map((r) => ({
    orgId: r.org_id,
    orgName: r.name,
    total: Number(r.total),
    decided: Number(r.decided),
    keep: Number(r.keep),
    amend: Number(r.amend),
    repeal: Number(r.repeal),
    lapse: Number(r.lapse),
  }));
  const sum = (k: 'total' | 'decided' | CleanupOutcome) => units.reduce((n, u) => n + u[k], 0);
  return {
    total: sum('total'),
    decided: sum('decided'),
    counts: { keep: sum('keep'), amend: sum('amend'), repeal: sum('repeal'), lapse: sum('lapse') },
    units,
  };
}

/** Close a campaign once every item has an outcome; the summary is stored and anchored. */
export async function closeCampaign(db: Db, ctx: RequestCtx, campaignId: string): Promise<CampaignProgress> {
  if (!normativePolicy.runCleanup(ctx.actor))
    throw new AppError('forbidden', '只有依法治区办或司法局可以完成规范性文件清理。');
  return db.transaction().execute(async (trx) => {
    const c = await trx
      .selectFrom('normative_cleanup_campaigns')
      .selectAll()
      .where('id', '=', campaignId)
      .forUpdate()
      .executeTakeFirst();
    if (!c) throw notFound('清理');
    if (c.status !== 'open') throw conflict('该清理已完成');
    const p = await campaignProgress(trx, campaignId);
    if (p.decided < p.total) {
      const pending = p.units.filter((u) => u.decided < u.total).map((u) => `${u.orgName}（${u.total - u.decided}件）`);
      throw conflict(`还有 ${p.total - p.decided} 件文件未确定清理结果：${pending.join('、')}`, {
        pending: p.total - p.decided,
      });
    }
    const summary = { total: p.total, ...p.counts, units: p.units.length };
    await trx
      .updateTable('normative_cleanup_campaigns')
      .set({ status: 'closed', summary: JSON.stringify(summary), closed_at: nowOf(ctx) })
      .where('id', '=', campaignId)
      .execute();
    await anchorRecord(trx, {
      recordKind: 'normative_cleanup_summary',
      recordId: campaignId,
      content: cleanupSummaryContent(c, summary),
    });
    await recordAudit(trx, ctx, {
      action: 'cleanup_campaign.closed',
      entityKind: 'cleanup_campaign',
      entityId: campaignId,
      data: { summary },
    });
    return p;
  });
}
