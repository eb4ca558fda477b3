import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import {
  checkMinimumPeriod,
  closeDeadline,
  latestDateBefore,
  registerDeadline,
  today,
} from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/engine.js';
import { AppError, conflict, notFound } from '../../../platform/errors.js';
import type { z } from '../../../platform/http/zod.js';
import { anchorRecord } from '../../../platform/ledger/index.js';
import { rulePeriodZh } from '../decisions.config.js';
import { DISPOSITION_LABELS, FORM_LABELS } from '../decisions.contract.js';
import { commentSetContent, commentSets } from '../decisions.records.js';
import { decisionsPolicy, isBodyManager, isLeadWorker } from '../decisions.policy.js';
import { runStep } from '../decisions.frame.js';
import { type LoadedDecision, flagsOf, loadDecision, recordStage } from '../decisions.repo.js';
import type { CloseParticipationBody, OpenParticipationBody } from '../decisions.schemas.js';
import { nextStage } from '../decisions.workflow.js';
import { dispositionReportLines, assertAllDisposed } from '../../../procedures/public-comment/index.js';
import { nowOf } from '../../../platform/clock.js';

export { DISPOSITION_LABELS, FORM_LABELS };
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const bad = (message: string, field: string) => new AppError('unprocessable', message, { field });

/** Opens a participation form while the decision is in the participation stage (Arts 14–17). */
export async function openParticipation(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: z.infer<typeof OpenParticipationBody>,
) {
  return db.transaction().execute(async (trx) => {
    const d = await loadDecision(trx, id, true);
    if (!d || !ctx.actor || !decisionsPolicy.view(ctx.actor, d.orgs)) throw notFound('决策事项');
    if (!isLeadWorker(ctx.actor, d.orgs.leadPath) && !isBodyManager(ctx.actor, d.orgs.bodyPath))
      throw new AppError('forbidden', '只有承办单位可以组织公众参与。');
    if (d.status !== 'participation')
      throw conflict(`当前处于其他阶段，只有在“公众参与”阶段才能组织公众参与。`, { status: d.status });
    const details: Record<string, unknown> = { participants: input.participants, place: input.place ?? null };
    let opens: string | null = null;
    let closes: string | null = null;
    let shortened: string | null = null;
    if (input.form === 'comment_period') {
      if (!input.opensOn || !input.closesOn)
        throw bad('公开征求意见须填写开始日期和截止日期。', input.opensOn ? 'closesOn' : 'opensOn');
      if (input.closesOn <= input.opensOn) throw bad('截止日期应晚于开始日期。', 'closesOn');
      const check = checkMinimumPeriod('decision.comment_period', input.opensOn, input.closesOn);
      if (!check.ok && !input.shortenedReason) {
        throw bad(
          `公开征求意见期限一般不少于${rulePeriodZh('decision.comment_period')}（第十五条），按所选日期只有${check.actual}日。如因情况紧急需要缩短，请填写向社会说明的理由；否则截止日期最早为 ${check.minimumEnd}。`,
          'shortenedReason',
        );
      }
      opens = input.opensOn;
      closes = input.closesOn;
      shortened = check.ok ? null : (input.shortenedReason ?? null);
      details.minimumEnd = check.minimumEnd;
    } else {
      if (!input.heldOn) throw bad(`请填写${FORM_LABELS[input.form]}的举行日期。`, 'heldOn');
      if (input.form === 'hearing') {
        if (!input.materialsSentOn) throw bad('请填写听证材料送达参加人的日期（第十六条）。', 'materialsSentOn');
        if (!input.selectionMethod) throw bad('请填写并公布听证参加人的遴选办法（第十七条）。', 'selectionMethod');
        if (input.participants.length === 0) throw bad('请填写并公布听证参加人名单（第十七条）。', 'participants');
        const latest = latestDateBefore('decision.hearing_materials', input.heldOn);
        if (input.materialsSentOn > latest.latest) {
          throw bad(
            `听证材料应当于听证会${rulePeriodZh('decision.hearing_materials')}前送达参加人（第十六条）：听证会定于 ${input.heldOn}，材料最迟应于 ${latest.latest} 送达；请推迟听证或提前送达材料。`,
            'materialsSentOn',
          );
        }
        details.materialsSentOn = input.materialsSentOn;
        details.selectionMethod = input.selectionMethod;
      }
    }
    const row = await trx
      .insertInto('decision_participations')
      .values({
        decision_id: d.id,
        round: d.adjustment_count,
        form: input.form,
        title: input.title,
        opens_on: opens,
        closes_on: closes,
        shortened_reason: shortened,
        held_on: input.heldOn ?? null,
        details: JSON.stringify(details),
        outcome: null,
        comment_set_hash: null,
        comment_count: null,
        closed_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (row.form === 'comment_period' && opens && closes) {
      // Art 15: the period is "at least 30 days" (the rule in force, [B] configurable) with an end date the unit chooses; the deadline engine
      // re-checks the minimum and holds the chosen end date as the due date (monthly supervision, overdue sweep).
      const dl = await registerDeadline(trx, ctx, {
        entityKind: 'decision',
        entityId: d.id,
        ruleId: 'decision.comment_period',
        triggerDate: opens,
        endDate: closes,
        shortenedReason: shortened ?? undefined,
        orgId: d.lead_org_id,
        label: `「${d.title}」${row.title}`,
      });
      details.deadlineId = dl.id;
      await trx
        .updateTable('decision_participations')
        .set({ details: JSON.stringify(details) })
        .where('id', '=', row.id)
        .execute();
    }
    await recordAudit(trx, ctx, {
      action: 'decision.participation_opened',
      entityKind: 'decision',
      entityId: d.id,
      orgId: d.lead_org_id,
      data: { participationId: row.id, form: row.form, opensOn: opens, closesOn: closes, shortenedReason: shortened },
      visibility: 'public',
    });
    return row;
  });
}

/** Canonical hash over every comment of a period (rejected ones included, with the reason). */
export async function commentSet(ex: Executor, participationId: string) {
  return (await commentSets(ex, [participationId])).get(participationId)!;
}

/**
 * Closes a participation form with its outcome. A comment period closes only after its end date and when
 * every comment is moderated and disposed of; the closed comment set is hashed and anchored. A hearing
 * needs the record signed by the participants (Art 17).
 */
export async function closeParticipation(
  db: Db,
  ctx: RequestCtx,
  participationId: string,
  input: z.infer<typeof CloseParticipationBody>,
) {
  return db.transaction().execute(async (trx) => {
    const p = await trx
      .selectFrom('decision_participations')
      .selectAll()
      .where('id', '=', participationId)
      .forUpdate()
      .executeTakeFirst();
    const d = p ? await loadDecision(trx, p.decision_id, true) : null;
    if (!p || !d || !ctx.actor || !decisionsPolicy.view(ctx.actor, d.orgs)) throw notFound('公众参与');
    if (!isLeadWorker(ctx.actor, d.orgs.leadPath) && !isBodyManager(ctx.actor, d.orgs.bodyPath))
      throw new AppError('forbidden', '只有承办单位可以结束公众参与。');
    if (p.status === 'closed') throw conflict('该公众参与已经结束。');
    // A form that is held on a date (hearing, symposium, …) has no outcome — and no signed hearing record
    // (Art 17) — before that date.
    if (p.held_on && today(nowOf(ctx)) < p.held_on)
      throw bad(
        `${FORM_LABELS[p.form]}「${p.title}」定于 ${p.held_on} 举行，举行前不能记录结果并结束；请在举行后再结束，或先更正举行日期。`,
        'heldOn',
      );
    let hash: string | null = null;
    let count: number | null = null;
    if (p.form === 'comment_period') {
      if (p.closes_on && today(nowOf(ctx)) < p.closes_on)
        throw conflict(`征求意见期至 ${p.closes_on} 届满，届满前不能结束征求意见。`, { field: 'closesOn' });
      const open = await trx
        .selectFrom('decision_comments')
        .select(['receipt_no', 'moderation', 'disposition'])
        .where('participation_id', '=', p.id)
        .execute();
      assertAllDisposed(
        open.map((c) => ({ receiptNo: c.receipt_no, moderation: c.moderation, disposition: c.disposition })),
      );
      const deadlineId = (json(p.details) as { deadlineId?: string }).deadlineId;
      const dl = deadlineId
        ? await trx.selectFrom('deadlines').select('status').where('id', '=', deadlineId).executeTakeFirst()
        : null;
      // The period itself ended on its end date; processing the comments afterwards is not a missed period.
      if (deadlineId && dl && dl.status !== 'closed')
        await closeDeadline(trx, ctx, deadlineId, { on: p.closes_on ?? today(nowOf(ctx)) });
      const cs = await commentSet(trx, p.id);
      hash = cs.hash;
      count = cs.set.length;
      // The set's hash is also the entry's attachments hash: the proof badge shows that hash, and the ledger
      // finds entries by leaf, content or attachments hash.
      await anchorRecord(trx, {
        recordKind: 'decision.comment_set',
        recordId: p.id,
        content: commentSetContent(p, count, hash),
        attachmentsHash: hash,
      });
    }
    if (p.form === 'hearing' && !input.recordSigned)
      throw bad('听证笔录须经听证参加人确认并签字（第十七条），请确认笔录已签字。', 'recordSigned');
    await trx
      .updateTable('decision_participations')
      .set({
        status: 'closed',
        outcome: input.outcome,
        comment_set_hash: hash,
        comment_count: count,
        closed_at: nowOf(ctx),
        details: JSON.stringify({ ...json<object>(p.details), recordSigned: input.recordSigned ?? null }),
      })
      .where('id', '=', p.id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'decision.participation_closed',
      entityKind: 'decision',
      entityId: d.id,
      orgId: d.lead_org_id,
      data: { participationId: p.id, form: p.form, comments: count ?? 0, commentSetHash: hash },
      visibility: 'public',
    });
    return { commentSetHash: hash, comments: count };
  });
}

/** The statement of how public comments were adopted (意见采纳情况说明), compiled from the dispositions. */
export async function compileDispositionReport(
  ex: Executor,
  d: Pick<LoadedDecision, 'id' | 'adjustment_count' | 'title'>,
): Promise<string> {
  const ps = await ex
    .selectFrom('decision_participations')
    .selectAll()
    .where('decision_id', '=', d.id)
    .where('round', '=', d.adjustment_count)
    .orderBy('created_at')
    .execute();
  const lines = [`关于「${d.title}」公众意见采纳情况的说明`];
  for (const p of ps) {
    if (p.form !== 'comment_period') {
      lines.push(`${FORM_LABELS[p.form]}「${p.title}」（${p.held_on ?? ''}）：${p.outcome ?? ''}`);
      continue;
    }
    const cs = await ex
      .selectFrom('decision_comments')
      .select(['receipt_no', 'moderation', 'disposition', 'disposition_reason', 'body'])
      .where('participation_id', '=', p.id)
      .where('moderation', '!=', 'rejected')
      .execute();
    lines.push(
      ...dispositionReportLines(
        { title: p.title, opensOn: p.opens_on, closesOn: p.closes_on, shortenedReason: p.shortened_reason },
        cs.map((c) => ({
          receiptNo: c.receipt_no,
          moderation: c.moderation,
          disposition: c.disposition,
          dispositionReason: c.disposition_reason,
          body: c.body,
        })),
      ),
    );
  }
  return lines.join('\n');
}

/** Completes public participation: at least one form held, none still open; compiles the adoption statement. */
export async function completeParticipation(db: Db, ctx: RequestCtx, id: string) {
  return runStep(db, ctx, id, 'completeParticipation', async (trx, d) => {
    const ps = await trx
      .selectFrom('decision_participations')
      .select(['form', 'status', 'title'])
      .where('decision_id', '=', d.id)
      .where('round', '=', d.adjustment_count)
      .execute();
    if (ps.length === 0)
      throw bad(
        '尚未组织任何形式的公众参与（第十四条）：请至少采用一种形式（公开征求意见、听证会、座谈会等）并记录结果。',
        'participations',
      );
    const open = ps.filter((p) => p.status === 'open').map((p) => p.title);
    if (open.length) throw bad(`以下公众参与尚未结束：${open.join('、')}。`, 'participations');
    const statement = await compileDispositionReport(trx, d);
    await recordStage(
      trx,
      ctx,
      d,
      'participation',
      { forms: [...new Set(ps.map((p) => p.form))], statement },
      statement,
    );
    return { to: nextStage('participation', flagsOf(d)) };
  });
}
