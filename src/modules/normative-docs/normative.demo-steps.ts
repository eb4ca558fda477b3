// The demo's building blocks: who acts, at what date, and a draft taken through every step with the real commands.
import type { RequestCtx } from '../../platform/access/actor.js';
import { loadActor } from '../../platform/auth/actor-loader.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/engine.js';
import {
  finishComment,
  recordDeliberation,
  recordFairReview,
  recordLegalityOpinion,
  startComment,
  submitFairReview,
  submitLegalityReview,
} from './commands/procedure.js';
import { publishDoc, registerDoc } from './commands/publish.js';

export const at = (d: string) => new Date(`${d}T10:00:00+08:00`);

export async function ctxOf(db: Db, clock: Clock, username: string): Promise<RequestCtx> {
  const u = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return { actor: await loadActor(db, u.id, 'session'), requestId: 'seed', ip: null, clock };
}

/**
 * Units without a demo account of their own (the government office, the city-management bureau) act through
 * the administrator holding a liaison grant at that unit for the seed only; the audit trail shows who.
 */
export async function unitCtx(db: Db, clock: Clock, code: string): Promise<RequestCtx> {
  const base = await ctxOf(db, clock, 'admin');
  const o = await db
    .selectFrom('organizations')
    .select(['id', 'path'])
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  const actor = base.actor!;
  return {
    ...base,
    actor: {
      ...actor,
      grants: [...actor.grants, { role: 'liaison', orgId: o.id, orgPath: o.path, includeSubtree: false }],
    },
  };
}

export async function lawId(db: Db, title: string): Promise<string | null> {
  const l = await db
    .selectFrom('laws')
    .select('id')
    .where('title', '=', title)
    .where('status', '=', 'current')
    .executeTakeFirst();
  return l?.id ?? null;
}

export interface Timeline {
  commentStart?: string;
  commentEnd?: string;
  legalityOn: string;
  reviewedOn: string;
  deliberationOn: string;
  publishedOn: string;
}

/** Take a draft through every step with the real commands, at the dates of the timeline. */
export async function publish(
  db: Db,
  unit: RequestCtx,
  reviewer: RequestCtx,
  id: string,
  t: Timeline,
  interpretation: string,
  affectsMarket: boolean,
) {
  if (t.commentStart && t.commentEnd) {
    await startComment(db, unit, id, { start: t.commentStart, end: t.commentEnd });
    await finishComment(
      db,
      unit,
      id,
      {
        offlineCount: 12,
        offlineStatement: '以信函和电子邮件收到意见12条，采纳7条，部分采纳2条，未采纳3条，均已说明理由。',
      },
      at(t.commentEnd),
    );
  }
  if (affectsMarket) {
    await submitFairReview(db, unit, id);
    await recordFairReview(db, unit, id, {
      passed: true,
      conclusion: '经审查，未含排除、限制竞争的内容，符合公平竞争审查标准。',
    });
  }
  await submitLegalityReview(db, unit, id, at(t.legalityOn));
  await recordLegalityOpinion(
    db,
    reviewer,
    id,
    { outcome: 'lawful', opinion: '制定主体适格，程序符合规定，内容未违反上位法，同意提交集体审议。' },
    at(t.reviewedOn),
  );
  await recordDeliberation(
    db,
    unit,
    id,
    { adopted: true, meeting: '局长办公会议', heldOn: t.deliberationOn },
    at(t.deliberationOn),
  );
  await registerDoc(db, unit, id, at(t.publishedOn));
  // A document published without a comment period says why (the reason is published with it).
  const waiver = t.commentStart
    ? {}
    : {
        commentWaiverReason:
          '本文件系对上位法已有规定的细化执行，未增加公民、法人和其他组织的义务，经集体审议决定不单独公开征求意见。',
      };
  await publishDoc(db, unit, id, { interpretation, publishedOn: t.publishedOn, ...waiver }, at(t.publishedOn));
}
