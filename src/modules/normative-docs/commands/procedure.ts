import type { Actor, RequestCtx } from '../../../platform/access/actor.js';
import {
  checkMinimumPeriod,
  closeDeadlinesFor,
  formatZh,
  getRule,
  registerDeadline,
  today,
} from '../../../platform/calendar/index.js';
import type { Db, Trx } from '../../../platform/db/engine.js';
import { conflict, unprocessable } from '../../../platform/errors.js';
import type { z } from '../../../platform/http/zod.js';
import { normativePolicy } from '../normative.policy.js';
import { type DocRow, gateFacts, lockDoc } from '../normative.repo.js';
import type {
  DeliberationBody,
  FairReviewBody,
  FinishCommentBody,
  LegalityOpinionBody,
  StartCommentBody,
} from '../normative.schemas.js';
import type { NormativeDocTable } from '../normative.tables.js';
import { type DocAction, type DocParty, type GateFacts, normativeWorkflow } from '../normative.workflow.js';
import { compileDispositionReport } from './comments.js';
import { nowOf } from '../../../platform/clock.js';
import { transitionRunner } from '../../../platform/workflow/index.js';
import { earliestOpinionOn as earliestOpinionOnRule, sendsBack } from '../../../procedures/legality-review/index.js';

type Patch = Partial<{
  [K in keyof NormativeDocTable]: NormativeDocTable[K] extends { __select__: infer S } ? S : NormativeDocTable[K];
}>;

/**
 * How each party of the workflow is recognized: the drafting unit and the issuing body are the document's own
 * unit (its liaison or principal head); the legality-review body by its role.
 */
const IS_PARTY: Record<DocParty, (a: Actor, orgPath: string) => boolean> = {
  drafting_unit: normativePolicy.manage,
  issuing_body: normativePolicy.manage,
  legality_reviewer: normativePolicy.review,
};

/**
 * One procedural step in the kernel's command frame (platform/workflow/frame.ts, ADR 0004): lock and re-read the
 * document; 404 unless visible; 403 unless the actor is a party the declaration names for the action; 409 / 422 by
 * the table and its gates (with the facts the request itself supplies); the step's own checks and changes; the
 * status write and the audit event — one transaction.
 */
export async function step(
  db: Db,
  ctx: RequestCtx,
  id: string,
  action: DocAction,
  apply: (trx: Trx, d: DocRow) => Promise<{ patch: Patch; note?: string }>,
  /** Facts the request itself supplies (e.g. the interpretation published with the document). */
  supplied: Partial<GateFacts> = {},
): Promise<void> {
  const run = transitionRunner({
    workflow: normativeWorkflow,
    load: (trx, key) => lockDoc(trx, key),
    visible: (actor, d) => normativePolicy.view(actor, d.org_path),
    isParty: (actor, party, d) => IS_PARTY[party](actor, d.org_path),
    status: (d) => d.status,
    facts: async (trx, d) => {
      const bases = await trx
        .selectFrom('normative_doc_bases')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('doc_id', '=', d.id)
        .executeTakeFirstOrThrow();
      return { ...gateFacts(d), hasBases: Number(bases.n) > 0, ...supplied };
    },
    save: async (trx, d, { to, patch, now }) => {
      await trx
        .updateTable('normative_docs')
        .set({ ...(patch as Patch), status: to, updated_at: now })
        .where('id', '=', d.id)
        .execute();
    },
    audit: (d, c) => ({
      action: 'normative_doc.transitioned',
      entityKind: 'normative_doc',
      entityId: d.id,
      orgId: d.org_id,
      data: { action: c.action, from: c.from, to: c.to, ...(c.summary ? { note: c.summary } : {}) },
    }),
  });
  await run(db, ctx, id, action, async (d, c) => {
    const { patch, note } = await apply(c.trx, d);
    return { patch: patch as Record<string, unknown>, summary: note };
  });
}

/**
 * Open public comment. Minimum: 7 working days, 30 days for documents closely tied to business
 * (示范指标体系 No. 24; 优化营商环境条例 Art 62). A shorter period needs a stated reason, which is recorded.
 */
export function startComment(db: Db, ctx: RequestCtx, id: string, input: z.infer<typeof StartCommentBody>) {
  return step(db, ctx, id, 'start_comment', async (_trx, d) => {
    if (input.end <= input.start) throw unprocessable('征求意见截止日期应晚于开始日期', { field: 'end' });
    const ruleId = d.business_related ? 'normative.comment_period_business' : 'normative.comment_period';
    const check = checkMinimumPeriod(ruleId, input.start, input.end);
    const reason = input.shortenedReason?.trim() ?? '';
    if (!check.ok && reason.length < 10) {
      throw unprocessable(
        `征求意见期不足：${check.trace.split('\n')[0]}最早可截止于${formatZh(check.minimumEnd)}。如确需缩短，请在“缩短理由”中说明（至少 10 个字）。`,
        { field: 'end', minimumEnd: check.minimumEnd },
      );
    }
    return {
      patch: { comment_start: input.start, comment_end: input.end, comment_shortened_reason: check.ok ? null : reason },
      note: check.ok ? undefined : `征求意见期缩短，理由：${reason}`,
    };
  });
}

/** Close public comment once its period has run, with the statement of how comments were adopted. */
export function finishComment(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: z.infer<typeof FinishCommentBody>,
  now = nowOf(ctx),
) {
  return step(db, ctx, id, 'finish_comment', async (trx, d) => {
    if (d.comment_end && today(now) < d.comment_end) {
      throw conflict(`征求意见期至${formatZh(d.comment_end)}届满，届满后方可结束征求意见。`, {
        commentEnd: d.comment_end,
      });
    }
    const { statement, count } = await compileDispositionReport(trx, d, {
      count: input.offlineCount,
      statement: input.offlineStatement,
    });
    return {
      patch: {
        comment_done: true,
        comment_count: count,
        comment_offline_count: input.offlineCount,
        comment_disposition_report: statement,
      },
    };
  });
}

/** Fair-competition review (优化营商环境条例 Art 63): conducted by the drafting unit before legality review. */
export function submitFairReview(db: Db, ctx: RequestCtx, id: string) {
  return step(db, ctx, id, 'submit_fair_review', async () => ({ patch: {} }));
}

export function recordFairReview(db: Db, ctx: RequestCtx, id: string, input: z.infer<typeof FairReviewBody>) {
  return step(db, ctx, id, input.passed ? 'pass_fair_review' : 'fail_fair_review', async () => ({
    patch: { fair_review_done: input.passed, fair_review_conclusion: input.conclusion },
    note: input.passed ? undefined : '公平竞争审查未通过，退回修改',
  }));
}

/** Submit to the legality-review body; its allowance (15 working days by default, configurable) is a deadline. */
export function submitLegalityReview(db: Db, ctx: RequestCtx, id: string, now = nowOf(ctx)) {
  return step(db, ctx, id, 'submit_legality_review', async (trx, d) => {
    const on = today(now);
    await registerDeadline(trx, ctx, {
      entityKind: 'normative_doc',
      entityId: d.id,
      ruleId: 'normative.legality_review_due',
      triggerDate: on,
      orgId: d.org_id,
      label: d.title,
    });
    return {
      patch: {
        legality_submitted_on: on,
        legality_outcome: null,
        legality_opinion: null,
        legality_reviewed_on: null,
        legality_early_reason: null,
      },
    };
  });
}

/** The minimum review time (国办发〔2018〕115号: 一般不少于5个工作日; [B], configurable on the rules page). */
export const LEGALITY_MINIMUM_RULE = 'normative.legality_review';
/** Shortest reason accepted for an opinion given before the minimum review time. */
const MIN_EARLY_REASON = 10;

const minimumText = () => {
  const r = getRule(LEGALITY_MINIMUM_RULE);
  return `${r.amount}${r.unit === 'working_days' ? '个工作日' : '日'}`;
};

/** The first day an opinion may be given without a reason: the minimum review time counted from submission. */
export const earliestOpinionOn = (submittedOn: string) => earliestOpinionOnRule(LEGALITY_MINIMUM_RULE, submittedOn);

/**
 * The written legality opinion (国办发〔2018〕115号). "Unlawful" sends the draft back; nothing goes to deliberation.
 * The reviewing body is guaranteed the minimum review time ("审核时间一般不少于5个工作日"): an opinion before it
 * elapses is refused unless the reviewer states why it is given early (the word "一般" allows exceptions, e.g.
 * urgency); the reason is stored with the opinion and in the audit event.
 */
export function recordLegalityOpinion(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: z.infer<typeof LegalityOpinionBody>,
  now = nowOf(ctx),
) {
  const action: DocAction = sendsBack(input.outcome) ? 'fail_legality_review' : 'pass_legality_review';
  return step(db, ctx, id, action, async (trx, d) => {
    const on = today(now);
    let earlyReason: string | null = null;
    if (d.legality_submitted_on) {
      if (on < d.legality_submitted_on) throw unprocessable('审核意见日期不能早于送审日期', { field: 'reviewedOn' });
      const check = checkMinimumPeriod(LEGALITY_MINIMUM_RULE, d.legality_submitted_on, on);
      if (!check.ok) {
        const reason = input.earlyReason?.trim() ?? '';
        if (reason.length < MIN_EARLY_REASON) {
          throw unprocessable(
            `合法性审核时间不足：审核时间一般不少于${minimumText()}（${getRule(LEGALITY_MINIMUM_RULE).legalBasis}），本件于${formatZh(d.legality_submitted_on)}送审，最早可于${formatZh(check.minimumEnd)}出具审核意见。如确需提前出具（如情况紧急），请在“提前出具理由”中说明（至少 ${MIN_EARLY_REASON} 个字）；审核意见未保存。`,
            { field: 'earlyReason', earliestOn: check.minimumEnd, submittedOn: d.legality_submitted_on },
          );
        }
        earlyReason = reason;
      }
    }
    await closeDeadlinesFor(trx, ctx, 'normative_doc', d.id, 'normative.legality_review_due');
    return {
      patch: {
        legality_outcome: input.outcome,
        legality_opinion: input.opinion,
        legality_reviewed_on: on,
        legality_reviewer_id: ctx.actor?.userId ?? null,
        legality_early_reason: earlyReason,
      },
      note: earlyReason ? `未满最短审核时间提前出具审核意见，理由：${earlyReason}` : undefined,
    };
  });
}

/** Collective deliberation by the issuing body's executive or office meeting (hard gate before registration). */
export function recordDeliberation(
  db: Db,
  ctx: RequestCtx,
  id: string,
  input: z.infer<typeof DeliberationBody>,
  now = nowOf(ctx),
) {
  return step(db, ctx, id, input.adopted ? 'adopt' : 'reject', async (_trx, d) => {
    if (input.heldOn > today(now)) throw unprocessable('会议日期不能晚于今天', { field: 'heldOn' });
    if (d.legality_reviewed_on && input.heldOn < d.legality_reviewed_on) {
      throw unprocessable(`集体审议应在合法性审核（${formatZh(d.legality_reviewed_on)}）之后进行`, { field: 'heldOn' });
    }
    return input.adopted
      ? { patch: { deliberation_meeting: input.meeting, deliberation_on: input.heldOn } }
      : {
          patch: { deliberation_meeting: null, deliberation_on: null, legality_outcome: null },
          note: `${input.meeting}未通过，退回修改`,
        };
  });
}
