import type { RequestCtx } from '../../../platform/access/actor.js';
import { systemCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import { addCalendarDays, addMonths, formatZh, today } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/engine.js';
import { AppError, conflict, notFound } from '../../../platform/errors.js';
import { anchorRecord } from '../../../platform/ledger/index.js';
import { updateEntryFacets } from '../../../platform/search/index.js';
import type { LawSupersededEvent } from '../../laws/index.js';
import { normativeSettings } from '../normative.config.js';
import { normativePolicy } from '../normative.policy.js';
import { type DocRow, findDoc, lockDoc } from '../normative.repo.js';
import { registerCatalogDeadlines } from './catalog.js';
import { step } from './procedure.js';
import { statusContent } from '../normative.records.js';
import { nowOf } from '../../../platform/clock.js';

/** Tell the unit's liaisons and heads (idempotent through the dedupe key). */
export async function notifyUnit(
  trx: Executor,
  orgId: string,
  n: { kind: string; title: string; body: string; docId: string; dedupe: string },
) {
  const users = await trx
    .selectFrom('role_assignments')
    .select('user_id')
    .distinct()
    .where('org_id', '=', orgId)
    .where('role', 'in', ['liaison', 'principal_head'])
    .execute();
  for (const u of users) {
    await trx
      .insertInto('notifications')
      .values({
        user_id: u.user_id,
        kind: n.kind,
        title: n.title,
        body: n.body,
        link: `/admin/normative-docs/${n.docId}`,
        entity_kind: 'normative_doc',
        entity_id: n.docId,
        dedupe_key: n.dedupe,
        read_at: null,
      })
      .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
      .execute();
  }
}

/**
 * End a document in force: lapse (有效期届满自动失效, or 宣布失效 in a clean-up) or repeal. The outcome leaves the
 * in-force list and the search facet, and is anchored in the ledger.
 */
export async function endDoc(
  trx: Executor,
  ctx: RequestCtx,
  d: DocRow,
  status: 'expired' | 'repealed',
  reason: string,
  on: string,
) {
  await trx
    .updateTable('normative_docs')
    .set({ status, ended_on: on, end_reason: reason, updated_at: nowOf(ctx) })
    .where('id', '=', d.id)
    .execute();
  await updateEntryFacets(trx, 'normative_doc', d.id, { status, isCurrent: false }, nowOf(ctx));
  await trx
    .updateTable('normative_review_tasks')
    .set({ status: 'done', outcome: `文件已${status === 'expired' ? '失效' : '废止'}`, done_at: nowOf(ctx) })
    .where('doc_id', '=', d.id)
    .where('status', '=', 'open')
    .execute();
  await anchorRecord(trx, {
    recordKind: 'normative_doc_status',
    recordId: `${d.id}:${status}`,
    content: statusContent(d, status, on, reason),
  });
  await recordAudit(trx, ctx, {
    action: 'normative_doc.ended',
    entityKind: 'normative_doc',
    entityId: d.id,
    orgId: d.org_id,
    visibility: 'public',
    data: { status, reason, endedOn: on },
  });
}

/** Repeal a document in force by decision of its issuing body. */
export function repealDoc(db: Db, ctx: RequestCtx, id: string, reason: string, now = nowOf(ctx)) {
  return step(db, ctx, id, 'repeal', async (trx, d) => {
    await endDoc(trx, ctx, d, 'repealed', reason, today(now));
    return { patch: {} };
  });
}

export interface SweepResult {
  lapsed: number;
  warned: number;
  /** Annual-catalog duties newly registered as deadlines (see registerCatalogDeadlines). */
  catalogsDue: number;
}

/**
 * Gives a document's unit a review task (once per dedupe key), audited and notified. False when the task exists
 * already (the sweep or the law import ran before).
 */
async function flagForReview(
  trx: Executor,
  ctx: RequestCtx,
  d: { id: string; org_id: string },
  t: {
    kind: 'expiry_evaluation' | 'upstream_change';
    reason: string;
    /** The reason as the audit trail records it, when shorter than the task's. */
    auditReason?: string;
    lawId?: string;
    dueOn?: string | null;
    dedupe: string;
    notice: { kind: string; title: string; body: string };
  },
): Promise<boolean> {
  const ins = await trx
    .insertInto('normative_review_tasks')
    .values({
      doc_id: d.id,
      org_id: d.org_id,
      kind: t.kind,
      reason: t.reason,
      law_id: t.lawId ?? null,
      due_on: t.dueOn ?? null,
      dedupe_key: t.dedupe,
      outcome: null,
      done_by: null,
      done_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .execute();
  if (ins.length === 0) return false;
  await recordAudit(trx, ctx, {
    action: 'normative_doc.flagged',
    entityKind: 'normative_doc',
    entityId: d.id,
    orgId: d.org_id,
    data: { kind: t.kind, reason: t.auditReason ?? t.reason, ...(t.lawId ? { lawId: t.lawId } : {}) },
  });
  await notifyUnit(trx, d.org_id, { ...t.notice, docId: d.id, dedupe: t.dedupe });
  return true;
}

/**
 * Daily validity sweep. Idempotent: a document lapses once (status changes), a warning task exists once per
 * document and expiry date (dedupe key). Each document is handled in its own transaction.
 */
export async function runNormativeSweep(db: Db, now: Date): Promise<SweepResult> {
  const s = normativeSettings();
  const t = today(now);
  const ctx = systemCtx('normative-sweep');
  const res: SweepResult = { lapsed: 0, warned: 0, catalogsDue: 0 };
  const expired = await db
    .selectFrom('normative_docs')
    .select('id')
    .where('status', '=', 'in_force')
    .where('valid_until', '<', t)
    .execute();
  for (const { id } of expired) {
    await db.transaction().execute(async (trx) => {
      const d = await lockDoc(trx, id);
      if (d.status !== 'in_force' || !d.valid_until || d.valid_until >= t) return;
      await endDoc(
        trx,
        ctx,
        d,
        'expired',
        `有效期至${formatZh(d.valid_until)}届满，自动失效`,
        addCalendarDays(d.valid_until, 1),
      );
      res.lapsed++;
    });
  }
  const horizon = addMonths(t, s.expiryWarningMonths);
  const soon = await db
    .selectFrom('normative_docs')
    .select(['id', 'org_id', 'title', 'valid_until'])
    .where('status', '=', 'in_force')
    .where('valid_until', '>=', t)
    .where('valid_until', '<=', horizon)
    .execute();
  for (const d of soon) {
    await db.transaction().execute(async (trx) => {
      const flagged = await flagForReview(trx, ctx, d, {
        kind: 'expiry_evaluation',
        reason: `有效期将于${formatZh(d.valid_until!)}届满，请开展评估并提出继续有效、修改后重新发布或废止的意见`,
        auditReason: `有效期至${d.valid_until}`,
        dueOn: d.valid_until,
        dedupe: `expiry:${d.id}:${d.valid_until}`,
        notice: {
          kind: 'normative.expiry_warning',
          title: `规范性文件即将到期：${d.title}`,
          body: `《${d.title}》有效期将于${formatZh(d.valid_until!)}届满，请及时开展评估。`,
        },
      });
      if (flagged) res.warned++;
    });
  }
  res.catalogsDue = await registerCatalogDeadlines(db, now);
  return res;
}

/**
 * A law a document relies on got a new version: flag every document citing an earlier version (not yet ended)
 * and give its unit a review task. Runs inside the law import transaction.
 */
export async function flagUpstreamChange(trx: Executor, ctx: RequestCtx, e: LawSupersededEvent): Promise<number> {
  const docs = await trx
    .selectFrom('normative_doc_bases as b')
    .innerJoin('normative_docs as d', 'd.id', 'b.doc_id')
    .select(['d.id', 'd.org_id', 'd.title'])
    .distinct()
    .where('b.law_id', 'in', e.previousIds)
    .where('d.status', 'not in', ['expired', 'repealed'])
    .execute();
  let n = 0;
  for (const d of docs) {
    const reason = `制定依据《${e.title}》已有新版本（${e.newVersionDate ?? '日期未知'}），请对照新版本审查本文件是否需要修改或废止`;
    const flagged = await flagForReview(trx, ctx, d, {
      kind: 'upstream_change',
      reason,
      lawId: e.newLawId,
      dedupe: `upstream:${d.id}:${e.newLawId}`,
      notice: { kind: 'normative.upstream_change', title: `上位法修改：${d.title}`, body: reason },
    });
    if (!flagged) continue;
    n++;
    await trx
      .updateTable('normative_docs')
      .set({ needs_review: true, updated_at: nowOf(ctx) })
      .where('id', '=', d.id)
      .execute();
  }
  return n;
}

/** Close a review task with the unit's conclusion; the flag clears when no task remains open. */
export async function completeTask(db: Db, ctx: RequestCtx, taskId: string, outcome: string) {
  await db.transaction().execute(async (trx) => {
    const task = await trx
      .selectFrom('normative_review_tasks')
      .selectAll()
      .where('id', '=', taskId)
      .forUpdate()
      .executeTakeFirst();
    if (!task) throw notFound('评估任务');
    const d = await findDoc(trx, task.doc_id);
    if (!d || !ctx.actor || !normativePolicy.view(ctx.actor, d.org_path)) throw notFound('评估任务');
    if (!normativePolicy.manage(ctx.actor, d.org_path))
      throw new AppError('forbidden', '只有制定单位的法治联络员或负责人可以完成评估。');
    if (task.status === 'done') throw conflict('该评估任务已完成');
    await trx
      .updateTable('normative_review_tasks')
      .set({ status: 'done', outcome, done_by: ctx.actor.userId, done_at: nowOf(ctx) })
      .where('id', '=', taskId)
      .execute();
    const open = await trx
      .selectFrom('normative_review_tasks')
      .select('id')
      .where('doc_id', '=', d.id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (!open)
      await trx
        .updateTable('normative_docs')
        .set({ needs_review: false, updated_at: nowOf(ctx) })
        .where('id', '=', d.id)
        .execute();
    await recordAudit(trx, ctx, {
      action: 'normative_doc.review_task_done',
      entityKind: 'normative_doc',
      entityId: d.id,
      orgId: d.org_id,
      data: { taskId, outcome },
    });
  });
}
