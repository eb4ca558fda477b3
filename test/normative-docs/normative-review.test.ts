import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedDemoLaws } from '../../src/modules/laws/laws.demo.js';
import { createDoc } from '../../src/modules/normative-docs/commands/drafting.js';
import { reviewFiling, submitFiling } from '../../src/modules/normative-docs/commands/filing.js';
import {
  recordDeliberation,
  recordLegalityOpinion,
  submitLegalityReview,
} from '../../src/modules/normative-docs/commands/procedure.js';
import { publishDoc, registerDoc } from '../../src/modules/normative-docs/commands/publish.js';
import type { RequestCtx } from '../../src/platform/access/actor.js';
import { addWorkingDays, runDeadlineSweep } from '../../src/platform/calendar/index.js';
import { configureRule } from '../../src/platform/calendar/rules.js';
import { AppError } from '../../src/platform/errors.js';
import { ctxOf, listDemoIssuingBodies } from '../helpers/normative.js';
import { auditFor, createTestApp, type Session, type TestApp } from '../helpers/app.js';

const at = (d: string) => new Date(`${d}T10:00:00+08:00`);
const MATERIALS = ['filing_report', 'text', 'drafting_explanation', 'legal_bases'] as const;
const NOTE = '根据上位法规定和本单位管理实际起草，已听取相关方面意见。';

/** Rejects with an AppError of the code, the message matching, and returns it for further checks. */
async function refused(p: Promise<unknown>, code: string, re: RegExp): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.code, code, e.message);
    assert.match(e.message, re);
    return e;
  }
  assert.fail(`expected ${code} ${re}`);
}

describe('legality review minimum time, filing formal check, supplement deadline, per-unit filing rates', () => {
  let t: TestApp;
  let scj: RequestCtx;
  let jcj: RequestCtx;
  let reviewer: RequestCtx;
  let lawId: string;
  const org: Record<string, string> = {};

  before(async () => {
    t = await createTestApp();
    await seedDemoLaws(t.db);
    const load = (username: string) => ctxOf(t, username);
    scj = await load('liaison');
    jcj = await load('liaison2');
    reviewer = await load('reviewer');
    Object.assign(org, await listDemoIssuingBodies(t, reviewer));
    lawId = (
      await t.db.selectFrom('laws').select('id').where('title', '=', '优化营商环境条例').executeTakeFirstOrThrow()
    ).id;
  });
  after(() => t.close());

  let n = 0;
  const draft = (ctx: RequestCtx, code: string, o: { note?: boolean; bases?: boolean } = {}) =>
    createDoc(t.db, ctx, {
      orgId: org[code]!,
      title: `${code}关于规范第${++n}项管理事项的通知`,
      body: `一、为规范第${n}项管理事项，制定本通知。\n二、本通知自公布之日起施行。`,
      draftingNote: o.note === false ? '' : NOTE,
      businessRelated: false,
      affectsMarket: false,
      commentRequired: false,
      bases: o.bases === false ? [] : [{ lawId, articles: '第六十四条' }],
    });
  /** Through legality review (submitted 6 working days before `on`), deliberation, numbering and publication. */
  async function published(ctx: RequestCtx, code: string, on: string, o: { note?: boolean; bases?: boolean } = {}) {
    const id = await draft(ctx, code, o);
    await submitLegalityReview(t.db, ctx, id, at(addWorkingDays(on, -6)));
    await recordLegalityOpinion(t.db, reviewer, id, { outcome: 'lawful', opinion: '符合上位法规定。' }, at(on));
    await recordDeliberation(t.db, ctx, id, { adopted: true, meeting: '办公会议', heldOn: on }, at(on));
    await registerDoc(t.db, ctx, id, at(on));
    await publishDoc(
      t.db,
      ctx,
      id,
      {
        interpretation: '本文件解读：明确适用范围、办理程序和施行时间。',
        publishedOn: on,
        commentWaiverReason: '本文件不直接涉及公民、法人和其他组织的权利义务，经集体审议决定不公开征求意见。',
      },
      at(on),
    );
    return id;
  }
  const file = (ctx: RequestCtx, id: string, on: string, extra: { draftingExplanation?: string } = {}) =>
    submitFiling(
      t.db,
      ctx,
      id,
      { materials: [...MATERIALS], report: '现报送备案，请予审查。', submittedOn: on, ...extra },
      at(on),
    );
  const docRow = (id: string) =>
    t.db
      .selectFrom('normative_docs')
      .select(['status', 'legality_outcome', 'legality_early_reason', 'drafting_note'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  test('an opinion before the minimum review time is refused (422, earliest date named) unless a reason is recorded', async () => {
    const id = await draft(scj, 'SCJ');
    await submitLegalityReview(t.db, scj, id, at('2026-03-02')); // Monday
    const opinion = { outcome: 'lawful' as const, opinion: '符合上位法规定。' };
    // Friday: four working days. The earliest day is the fifth working day, Monday 9 March.
    const e = await refused(
      recordLegalityOpinion(t.db, reviewer, id, opinion, at('2026-03-06')),
      'unprocessable',
      /合法性审核时间不足：审核时间一般不少于5个工作日.*最早可于2026年3月9日/,
    );
    assert.deepEqual((e.details as { field: string; earliestOn: string }).field, 'earlyReason');
    assert.equal((e.details as { earliestOn: string }).earliestOn, '2026-03-09');
    await refused(
      recordLegalityOpinion(t.db, reviewer, id, { ...opinion, earlyReason: '情况紧急' }, at('2026-03-06')),
      'unprocessable',
      /提前出具理由/,
    );
    assert.deepEqual(await docRow(id), {
      status: 'legality_review',
      legality_outcome: null,
      legality_early_reason: null,
      drafting_note: NOTE,
    });
    const open = await t.db
      .selectFrom('deadlines')
      .select('status')
      .where('entity_id', '=', id)
      .where('rule_id', '=', 'normative.legality_review_due')
      .executeTakeFirstOrThrow();
    assert.equal(open.status, 'open', 'the refused opinion left the review deadline open');
    const reason = '涉及防汛应急措施，须于本周内印发实施';
    await recordLegalityOpinion(t.db, reviewer, id, { ...opinion, earlyReason: reason }, at('2026-03-06'));
    const row = await docRow(id);
    assert.equal(row.status, 'deliberation');
    assert.equal(row.legality_early_reason, reason);
    const ev = (await auditFor(t.db, 'normative_doc', id)).find(
      (a) =>
        a.action === 'normative_doc.transitioned' && (a.data as { action: string }).action === 'pass_legality_review',
    );
    assert.ok(ev, 'the transition is audited');
    assert.match((ev.data as { note?: string }).note ?? '', /提前出具审核意见，理由：涉及防汛应急/);
  });

  test('on the fifth working day no reason is needed; the minimum is the configured rule', async () => {
    const a = await draft(scj, 'SCJ');
    await submitLegalityReview(t.db, scj, a, at('2026-03-02'));
    await recordLegalityOpinion(
      t.db,
      reviewer,
      a,
      { outcome: 'lawful', opinion: '符合上位法规定。' },
      at('2026-03-09'),
    );
    assert.equal((await docRow(a)).legality_early_reason, null);
    const b = await draft(scj, 'SCJ');
    await submitLegalityReview(t.db, scj, b, at('2026-03-02'));
    try {
      configureRule('normative.legality_review', { amount: 3 });
      await recordLegalityOpinion(
        t.db,
        reviewer,
        b,
        { outcome: 'unlawful', opinion: '缺乏上位法依据。' },
        at('2026-03-05'),
      );
    } finally {
      configureRule('normative.legality_review', { amount: 5 });
    }
    assert.equal((await docRow(b)).status, 'draft');
  });

  test('formal check: ticked names are not enough — the drafting explanation and legal bases must exist', async () => {
    // Legal bases are a gate before the draft leaves the drafting unit, so a document without them is no longer
    // published through the procedure…
    const draftOnly = await draft(scj, 'SCJ', { bases: false });
    await refused(submitLegalityReview(t.db, scj, draftOnly, at('2026-03-06')), 'unprocessable', /未载明制定依据/);
    assert.equal((await docRow(draftOnly)).status, 'draft');
    // …but the filing still checks them, for documents that reached the record another way (their bases lost).
    const bare = await published(scj, 'SCJ', '2026-03-16', { note: false });
    await t.db.deleteFrom('normative_doc_bases').where('doc_id', '=', bare).execute();
    const e = await refused(file(scj, bare, '2026-03-20'), 'unprocessable', /缺少：起草说明（.*）；制定依据（/);
    assert.deepEqual((e.details as { missing: string[] }).missing, ['draftingExplanation', 'legal_bases']);
    const f = await t.db
      .selectFrom('normative_filings')
      .select(['status', 'submissions'])
      .where('doc_id', '=', bare)
      .executeTakeFirstOrThrow();
    assert.deepEqual(f, { status: 'pending', submissions: 0 });

    const noNote = await published(scj, 'SCJ', '2026-03-16', { note: false });
    const e2 = await refused(file(scj, noNote, '2026-03-20'), 'unprocessable', /缺少：起草说明/);
    assert.doesNotMatch(e2.message, /制定依据（/);
    const explanation =
      '为规范本项管理事项起草本通知，依据《优化营商环境条例》第六十四条，主要内容为适用范围和办理程序。';
    await file(scj, noNote, '2026-03-20', { draftingExplanation: explanation });
    assert.equal((await docRow(noNote)).drafting_note, explanation);
    const ev = (await auditFor(t.db, 'normative_doc', noNote)).find((a) => a.action === 'normative_filing.submitted');
    assert.ok(ev, 'the filing is audited');
    assert.equal((ev.data as { draftingNoteSupplied?: boolean }).draftingNoteSupplied, true);
  });

  test('a return registers the supplement deadline (10 working days) with the engine; the sweep flags it; resubmission closes it', async () => {
    const id = await published(scj, 'SCJ', '2026-03-16');
    await file(scj, id, '2026-03-18');
    await reviewFiling(
      t.db,
      reviewer,
      id,
      { outcome: 'returned', opinion: '请补充起草说明中的意见采纳情况。' },
      at('2026-03-20'),
    );
    const due = addWorkingDays('2026-03-20', 10);
    const f = await t.db
      .selectFrom('normative_filings')
      .select(['status', 'supplement_due_on'])
      .where('doc_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(f, { status: 'returned', supplement_due_on: due });
    const dl = () =>
      t.db
        .selectFrom('deadlines')
        .select(['status', 'alert', 'due_date'])
        .where('entity_id', '=', id)
        .where('rule_id', '=', 'normative.filing_supplement')
        .executeTakeFirstOrThrow();
    assert.deepEqual(await dl(), { status: 'open', alert: 'none', due_date: due });
    await runDeadlineSweep(t.db, at(addWorkingDays(due, 1)));
    assert.equal((await dl()).alert, 'overdue');
    const told = await t.db
      .selectFrom('notifications')
      .select('user_id')
      .where('entity_id', '=', id)
      .where('kind', '=', 'deadline.overdue')
      .execute();
    assert.deepEqual(
      told.map((x) => x.user_id),
      [scj.actor!.userId],
      'the SCJ liaison is told',
    );
    await file(scj, id, addWorkingDays(due, 2));
    assert.equal((await dl()).status, 'closed');
    const after = await t.db
      .selectFrom('normative_filings')
      .select(['status', 'late'])
      .where('doc_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(after, { status: 'submitted', late: true });
  });

  describe('per-unit filing rates over HTTP', () => {
    let rev: Session;
    let liaison: Session;
    let liaison2: Session;
    before(async () => {
      // 2025, SCJ: on time and accepted; late and correction required; not filed. JCJ: on time, not yet reviewed.
      const a = await published(scj, 'SCJ', '2025-03-03');
      const b = await published(scj, 'SCJ', '2025-03-03');
      await published(scj, 'SCJ', '2025-03-03');
      const c = await published(jcj, 'JCJ', '2025-06-02');
      await file(scj, a, '2025-03-20');
      await file(scj, b, '2025-04-20');
      await file(jcj, c, '2025-06-10');
      await reviewFiling(t.db, reviewer, a, { outcome: 'accepted', opinion: '准予备案。' }, at('2025-04-01'));
      await reviewFiling(
        t.db,
        reviewer,
        b,
        { outcome: 'correction_required', opinion: '第二条须修改。' },
        at('2025-05-01'),
      );
      rev = await t.loginAs('reviewer');
      liaison = await t.loginAs('liaison');
      liaison2 = await t.loginAs('liaison2');
    });
    const rates = (s: Session, q: string) => t.call(s, { method: 'GET', url: `/api/normative-filings/rates?${q}` });

    test('the figures on known data, per unit and in total, for the reviewing body', async () => {
      const res = await rates(rev, 'year=2025');
      assert.equal(res.statusCode, 200, res.body);
      const b = res.json();
      assert.equal(b.period, '30日');
      const pick = (u: Record<string, unknown>) => [
        u.published,
        u.filed,
        u.onTime,
        u.filingRatePct,
        u.onTimePct,
        u.conformityPct,
      ];
      const byOrg = Object.fromEntries(b.units.map((u: { orgId: string }) => [u.orgId, u]));
      assert.equal(b.units.length, 2);
      assert.deepEqual(pick(byOrg[org.SCJ!]), [3, 2, 1, 66.7, 33.3, 50]);
      assert.deepEqual(pick(byOrg[org.JCJ!]), [1, 1, 1, 100, 100, null]);
      assert.deepEqual(pick(b.total), [4, 3, 2, 75, 50, 50]);
    });

    test('each unit sees only its own row; bad years are 400 in Chinese', async () => {
      const own = (await rates(liaison, 'year=2025')).json();
      assert.deepEqual(
        own.units.map((u: { orgId: string }) => u.orgId),
        [org.SCJ],
      );
      assert.equal(own.total.published, 3);
      const other = (await rates(liaison2, 'year=2025')).json();
      assert.deepEqual(
        other.units.map((u: { orgId: string }) => u.orgId),
        [org.JCJ],
      );
      for (const q of ['year=abc', 'year=20255', '']) {
        const bad = await rates(rev, q);
        assert.equal(bad.statusCode, 400, q);
        assert.match(bad.json().message, /年度|年份/);
      }
      assert.equal(
        (await t.call(null, { method: 'GET', url: '/api/normative-filings/rates?year=2025' })).statusCode,
        401,
      );
    });
  });
});
