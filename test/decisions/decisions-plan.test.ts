import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { PLAN_RULE_ID } from '../../src/modules/decisions/commands/plan-deadlines.js';
import { addWorkingDays } from '../../src/platform/calendar/index.js';
import { getRule } from '../../src/platform/calendar/rules.js';
import { auditFor, createTestApp, type Session, type TestApp, TEST_TODAY } from '../helpers/app.js';

const T = TEST_TODAY;
const year = Number(T.slice(0, 4));
const member = (name: string, title = '副区长') => ({ name, title, view: 'agree', remarks: '' });

describe('decisions: catalog plan dates as deadlines; adjustment re-runs only the relevant procedures', () => {
  let t: TestApp;
  let co: Session;
  let staff: Session;
  let liaison: Session;
  let reviewer: Session;
  let head2: Session;
  let catalogId: string;
  let scj: string;
  const ids: Record<'conf' | 'tech' | 'night' | 'added', string> = { conf: '', tech: '', night: '', added: '' };

  const step = (s: Session | null, id: string, path: string, payload: object) =>
    t.call(s, { method: 'POST', url: `/api/decisions/items/${id}/${path}`, payload });
  const ok = async (p: ReturnType<typeof step>, status?: string) => {
    const res = await p;
    assert.equal(res.statusCode, 200, res.body);
    if (status) assert.equal(res.json().status, status, res.body);
    return res.json();
  };
  const planDeadlines = (id: string) =>
    t.db
      .selectFrom('deadlines')
      .selectAll()
      .where('entity_kind', '=', 'decision')
      .where('entity_id', '=', id)
      .where('rule_id', '=', PLAN_RULE_ID)
      .orderBy('created_at')
      .execute();
  const row = async (id: string) => {
    const r = await t.db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const rerun = r.rerun_stages as unknown;
    return { ...r, rerun_stages: typeof rerun === 'string' ? (JSON.parse(rerun) as string[]) : r.rerun_stages };
  };
  /** The workbench's flag for the "调整计划完成时间" button, with the catalog status the form needs. */
  const planAbility = async (s: Session, id: string) => {
    const res = await t.call(s, { method: 'GET', url: `/api/decisions/items/${id}` });
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json();
    return { adjustPlan: d.abilities.adjustPlan as boolean, catalogStatus: d.catalogStatus as string };
  };
  const catalog = () =>
    t.db.selectFrom('decision_catalogs').selectAll().where('id', '=', catalogId).executeTakeFirstOrThrow();
  const propose = async (s: Session, payload: object) => {
    const res = await t.call(s, { method: 'POST', url: `/api/decisions/catalogs/${catalogId}/items`, payload });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id as string;
  };
  const item = (title: string, extra: object = {}) => ({
    title,
    summary: '规范相关领域管理秩序，保障社会公众合法权益。',
    category: 'public_policy',
    leadOrgId: scj,
    plannedCompletionOn: `${year}-12-31`,
    ...extra,
  });

  /** legality review at both levels → collective decision → Party report → publication (Arts 25–32). */
  async function reviewDecideAndPublish(id: string) {
    await ok(step(staff, id, 'legality-review', { level: 'unit', submittedOn: T, replyBy: addWorkingDays(T, 7) }));
    await ok(
      step(liaison, id, 'legality-review/unit-opinion', {
        conclusion: 'lawful',
        opinion: '经初审未发现违法情形。',
        reviewedOn: T,
      }),
    );
    await ok(step(staff, id, 'legality-review', { level: 'justice', submittedOn: T, replyBy: addWorkingDays(T, 7) }));
    await ok(
      step(reviewer, id, 'legality-review/justice-opinion', {
        conclusion: 'lawful',
        opinion: '经审查未发现违法情形。',
        reviewedOn: T,
      }),
      'collective_discussion',
    );
    await ok(
      step(co, id, 'collective-decision', {
        meeting: '区政府常务会议',
        meetingKind: 'executive',
        heldOn: T,
        headName: '赵区长',
        outcome: 'approved',
        minutes: '会议审议了决策草案及相关材料。',
        members: [member('钱副区长'), member('孙副区长'), member('赵区长', '区长')],
      }),
      'party_report',
    );
    await ok(step(co, id, 'party-report', { reportedOn: T, reference: '区委常委会会议' }), 'publication');
    return ok(
      step(co, id, 'publish', {
        publishedText: '本决策经区政府常务会议审议通过，现予公布施行。',
        channels: ['区政府门户网站'],
        executionOrgId: scj,
        tasks: [{ name: '组织实施', weight: 1 }],
      }),
      'executing',
    );
  }

  /** A symposium held today, closed with its outcome, and participation completed (Arts 14, 18). */
  async function participate(id: string, next: string) {
    const p = await t.call(staff, {
      method: 'POST',
      url: `/api/decisions/items/${id}/participations`,
      payload: { form: 'symposium', title: '经营户代表座谈会', heldOn: T, participants: ['经营户代表'] },
    });
    assert.equal(p.statusCode, 201, p.body);
    assert.equal(
      (
        await t.call(staff, {
          method: 'POST',
          url: `/api/decisions/participations/${p.json().id}/close`,
          payload: { outcome: '座谈会听取经营户意见十余条，已研究吸收。' },
        })
      ).statusCode,
      200,
    );
    return ok(step(staff, id, 'participation/complete', {}), next);
  }

  before(async () => {
    t = await createTestApp();
    co = await t.loginAs('coordinator');
    staff = await t.loginAs('staff');
    liaison = await t.loginAs('liaison');
    reviewer = await t.loginAs('reviewer');
    head2 = await t.loginAs('head2');
    scj = await t.orgId('SCJ');
    const c = await t.call(co, {
      method: 'POST',
      url: '/api/decisions/catalogs',
      payload: { bodyOrgId: await t.orgId('SLQ'), year },
    });
    assert.equal(c.statusCode, 201, c.body);
    catalogId = c.json().id;
  });
  after(() => t?.close());

  test('a draft catalog registers nothing; publication registers each item’s planned date as its due date', async () => {
    assert.ok(getRule(PLAN_RULE_ID), 'the rule pack carries the catalog plan rule');
    ids.conf = await propose(
      staff,
      item('示例区内部审计整改办法', {
        confidential: true,
        confidentialReason: '涉及内部审计事项，依法不予公开',
        plannedCompletionOn: `${year}-12-31`,
      }),
    );
    ids.tech = await propose(
      staff,
      item('示例区电动自行车充电设施建设方案', { isTechnical: true, plannedCompletionOn: `${year}-12-30` }),
    );
    ids.night = await propose(staff, item('示例区夜间经济发展措施', { plannedCompletionOn: `${year}-09-30` }));
    assert.equal((await planDeadlines(ids.tech)).length, 0, 'nothing is binding before publication');
    // The adjustPlan ability follows the policy: the body only, and not between the Party consent and publication.
    assert.deepEqual(await planAbility(co, ids.night), { adjustPlan: true, catalogStatus: 'draft' });
    assert.deepEqual(await planAbility(staff, ids.night), { adjustPlan: false, catalogStatus: 'draft' });
    await ok(
      t.call(co, {
        method: 'POST',
        url: `/api/decisions/catalogs/${catalogId}/approve`,
        payload: { partyConsentRef: '区委常委会会议', partyConsentOn: `${year}-01-10` },
      }),
    );
    assert.equal((await planDeadlines(ids.tech)).length, 0, 'the Party consent alone registers nothing');
    assert.deepEqual(await planAbility(co, ids.night), { adjustPlan: false, catalogStatus: 'approved' });
    const frozen = await t.call(co, {
      method: 'POST',
      url: `/api/decisions/items/${ids.night}/plan`,
      payload: { plannedCompletionOn: `${year}-10-31`, reason: '配套资金到位时间推迟' },
    });
    assert.equal(frozen.statusCode, 409, 'the ability agrees with the command');
    await ok(t.call(co, { method: 'POST', url: `/api/decisions/catalogs/${catalogId}/publish`, payload: {} }));
    assert.deepEqual(await planAbility(co, ids.night), { adjustPlan: true, catalogStatus: 'published' });
    assert.deepEqual(await planAbility(staff, ids.night), { adjustPlan: false, catalogStatus: 'published' });
    for (const [id, due] of [
      [ids.conf, `${year}-12-31`],
      [ids.tech, `${year}-12-30`],
      [ids.night, `${year}-09-30`],
    ]) {
      const dl = await planDeadlines(id);
      assert.equal(dl.length, 1, id);
      assert.equal(dl[0].status, 'open');
      assert.equal(dl[0].due_date, due);
      assert.equal(dl[0].fixed_due_date, due);
      assert.equal(dl[0].trigger_date, `${year - 1}-12-31`);
      assert.equal(dl[0].org_id, scj);
      assert.match(dl[0].trace, new RegExp(`届满日：${due}`));
    }
    const registered = (await auditFor(t.db, 'decision', ids.night)).filter((e) => e.action === 'deadline.registered');
    assert.equal(registered.length, 1);
    assert.equal((registered[0].data as { ruleId: string }).ruleId, PLAN_RULE_ID);

    // Adding an item to the published catalog registers its date; the others are not registered twice.
    ids.added = await propose(
      co,
      item('示例区早餐工程实施方案', {
        plannedCompletionOn: `${year}-11-30`,
        adjustmentReason: '根据区政府常务会议部署新增事项',
      }),
    );
    assert.equal((await planDeadlines(ids.added))[0].due_date, `${year}-11-30`);
    assert.equal((await planDeadlines(ids.night)).length, 1);
    assert.equal((await catalog()).version, 2);

    const fu = (await t.call(co, { method: 'GET', url: '/api/decisions/monthly-supervision' })).json();
    const night = fu.items.find((i: { id: string }) => i.id === ids.night);
    assert.equal(night.planDeadline, `${year}-09-30`);
    assert.equal(night.stageDeadline, null, 'the plan date is not a stage deadline');
  });

  test('changing a planned date: bad input refused with nothing changed; then a new version and the deadline moves', async () => {
    const url = `/api/decisions/items/${ids.night}/plan`;
    const moved = `${year + 1}-03-31`;
    const before = { version: (await catalog()).version, deadlines: await planDeadlines(ids.night) };
    const unchanged = async () => {
      assert.equal((await row(ids.night)).planned_completion_on, `${year}-09-30`);
      assert.equal((await catalog()).version, before.version);
      assert.deepEqual(await planDeadlines(ids.night), before.deadlines);
    };
    const cases: [Session | null, string, object, number, RegExp | null][] = [
      [null, url, { plannedCompletionOn: moved, reason: '配套资金到位时间推迟' }, 401, null],
      [
        co,
        url,
        { plannedCompletionOn: `${year}-02-30`, reason: '配套资金到位时间推迟' },
        400,
        /计划完成时间不是有效的日期/,
      ],
      [co, url, { reason: '配套资金到位时间推迟' }, 400, /计划完成时间/],
      [co, url, { plannedCompletionOn: moved, reason: '推迟', extra: 1 }, 400, null],
      [head2, url, { plannedCompletionOn: moved, reason: '配套资金到位时间推迟' }, 404, /决策事项/],
      [
        co,
        `/api/decisions/items/${randomUUID()}/plan`,
        { plannedCompletionOn: moved, reason: '配套资金到位时间推迟' },
        404,
        null,
      ],
      [staff, url, { plannedCompletionOn: moved, reason: '配套资金到位时间推迟' }, 403, /决策机关/],
      [co, url, { plannedCompletionOn: moved }, 422, /调整理由/],
      [co, url, { plannedCompletionOn: `${year - 1}-12-31`, reason: '配套资金到位时间推迟' }, 422, /不能早于目录年度/],
      [co, url, { plannedCompletionOn: `${year}-09-30`, reason: '配套资金到位时间推迟' }, 422, /无需调整/],
    ];
    for (const [s, u, payload, code, msg] of cases) {
      const res = await t.call(s, { method: 'POST', url: u, payload });
      assert.equal(res.statusCode, code, `${JSON.stringify(payload)} → ${res.body}`);
      if (msg) assert.match(res.json().message, msg);
      await unchanged();
    }
    const res = await t.call(co, {
      method: 'POST',
      url,
      payload: { plannedCompletionOn: moved, reason: '配套资金到位时间推迟' },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().plannedCompletionOn, moved);
    const dl = await planDeadlines(ids.night);
    assert.equal(dl.length, 2);
    assert.equal(dl[0].status, 'closed');
    assert.equal(dl[1].status, 'open');
    assert.equal(dl[1].due_date, moved);
    const c = await catalog();
    assert.equal(c.version, before.version + 1);
    const v = await t.db
      .selectFrom('decision_catalog_versions')
      .selectAll()
      .where('catalog_id', '=', catalogId)
      .where('version', '=', c.version)
      .executeTakeFirstOrThrow();
    assert.match(String(v.reason), new RegExp(`${year}-09-30 → ${moved}）：配套资金到位时间推迟`));
    assert.ok(v.leaf_hash);
    const events = await auditFor(t.db, 'decision', ids.night);
    const adj = events.filter((e) => e.action === 'decision.plan_adjusted');
    assert.equal(adj.length, 1);
    assert.deepEqual(adj[0].data, {
      catalogId,
      from: `${year}-09-30`,
      to: moved,
      reason: '配套资金到位时间推迟',
    });
    assert.ok(events.some((e) => e.action === 'deadline.closed'));
    // Other items keep their single deadline.
    assert.equal((await planDeadlines(ids.tech)).length, 1);
  });

  test('withdrawing a listed item closes its plan deadline and publishes a catalog version without it', async () => {
    const v0 = (await catalog()).version;
    await ok(step(co, ids.added, 'withdraw', { reason: '并入其他事项统一推进' }), 'withdrawn');
    const dl = await planDeadlines(ids.added);
    assert.equal(dl.length, 1);
    assert.equal(dl[0].status, 'closed');
    const c = await catalog();
    assert.equal(c.version, v0 + 1);
    const v = await t.db
      .selectFrom('decision_catalog_versions')
      .selectAll()
      .where('catalog_id', '=', catalogId)
      .where('version', '=', c.version)
      .executeTakeFirstOrThrow();
    assert.match(String(v.reason), /撤回事项「示例区早餐工程实施方案」：并入其他事项统一推进/);
    const snap = (typeof v.snapshot === 'string' ? JSON.parse(v.snapshot) : v.snapshot) as { items: { id: string }[] };
    assert.ok(!snap.items.some((i) => i.id === ids.added));
    const res = await t.call(co, {
      method: 'POST',
      url: `/api/decisions/items/${ids.added}/plan`,
      payload: { plannedCompletionOn: `${year + 1}-01-31`, reason: '撤回后再调整' },
    });
    assert.equal(res.statusCode, 409);
    assert.match(res.json().message, /已撤回/);
    assert.equal((await planAbility(co, ids.added)).adjustPlan, false);
  });

  test('completing execution closes the plan deadline on the completion date (met)', async () => {
    const id = ids.conf;
    assert.equal(
      (
        await t.call(staff, {
          method: 'POST',
          url: `/api/decisions/items/${id}/assessment`,
          payload: { kinds: ['public_policy'], reasons: '涉及全区各单位的内部管理和整改责任，属于重大公共政策。' },
        })
      ).statusCode,
      200,
    );
    await ok(step(co, id, 'initiate', {}), 'drafting');
    await ok(
      step(staff, id, 'drafting', {
        text: '内部审计整改办法（草案）共三章二十条，规定整改责任、时限和督办程序。',
        legalBases: ['《审计法》'],
      }),
      'legality_review',
    );
    const d = await reviewDecideAndPublish(id);
    await ok(
      step(staff, id, 'progress', {
        period: T.slice(0, 7),
        note: '全部任务均已完成。',
        tasks: d.tasks.map((x: { id: string }) => ({ taskId: x.id, progress: 100 })),
      }),
    );
    assert.equal((await planDeadlines(id))[0].status, 'open');
    await ok(step(co, id, 'complete', { completedOn: T, summary: '各项任务已全部完成。' }), 'completed');
    const [dl] = await planDeadlines(id);
    assert.equal(dl.status, 'closed');
    assert.equal(dl.closed_on, T);
    assert.equal(dl.met, true);
    assert.equal((await planAbility(co, id)).adjustPlan, false, 'a completed item keeps its planned date');
    // A completed item is not given a new plan deadline when the catalog is published again.
    await ok(
      t.call(co, {
        method: 'POST',
        url: `/api/decisions/catalogs/${catalogId}/publish`,
        payload: { reason: '年中统一调整目录' },
      }),
    );
    assert.equal((await planDeadlines(id)).length, 1);
  });

  test('adjustment (Art 37): bad choices refused with nothing changed; untouched procedures carried with reasons', async () => {
    const id = ids.tech;
    assert.equal(
      (
        await t.call(staff, {
          method: 'POST',
          url: `/api/decisions/items/${id}/assessment`,
          payload: {
            kinds: ['public_policy'],
            reasons: '涉及全区居民出行和消防安全，属于社会公众切身利益的重大公共政策。',
          },
        })
      ).statusCode,
      200,
    );
    await ok(step(co, id, 'initiate', {}), 'drafting');
    await ok(
      step(staff, id, 'drafting', {
        text: '充电设施建设方案（草案）共五部分，规定布点原则、建设标准和消防要求。',
        legalBases: ['《消防法》'],
      }),
      'participation',
    );
    await participate(id, 'expert_review');
    const expert = {
      opinions: [
        { expert: '周教授', affiliation: '上海某大学', opinion: '方案技术上可行，建议加强消防监测。', signed: true },
      ],
      handling: '已采纳加强消防监测的建议。',
    };
    await ok(step(staff, id, 'expert-review', expert), 'legality_review');
    await reviewDecideAndPublish(id);

    const transitions = async () =>
      (await auditFor(t.db, 'decision', id)).filter((e) => e.action === 'decision.adjusted').length;
    const reason = '充电设施布点范围调整，扩大到老旧小区';
    const refused: [Session | null, object, number, RegExp | null, string | null][] = [
      [null, { reason }, 401, null, null],
      [head2, { reason }, 404, /决策事项/, null],
      [staff, { reason }, 403, /权限/, null],
      [co, { reason, rerun: ['hearing'] }, 400, /公众参与、专家论证、风险评估/, null],
      [co, { reason, rerun: ['risk_assessment'] }, 422, /不需要履行风险评估/, 'rerun'],
      [
        co,
        { reason, rerun: ['participation'] },
        422,
        /不重新履行「专家论证」的，请说明理由/,
        'carryReasons.expert_review',
      ],
      [
        co,
        { reason, rerun: [], carryReasons: { expert_review: '不涉及技术方案' } },
        422,
        /公众参与/,
        'carryReasons.participation',
      ],
    ];
    for (const [s, payload, code, msg, field] of refused) {
      const res = await step(s, id, 'adjust', payload);
      assert.equal(res.statusCode, code, `${JSON.stringify(payload)} → ${res.body}`);
      if (msg) assert.match(res.json().message, msg);
      if (field) assert.equal(res.json().details.field, field);
      const r = await row(id);
      assert.equal(r.status, 'executing');
      assert.equal(r.adjustment_count, 0);
      assert.equal(r.rerun_stages, null);
      assert.equal(await transitions(), 0);
    }

    // Round 1: the adjustment touches the public's interests, not the technical scheme.
    const adj = await ok(
      step(co, id, 'adjust', {
        reason,
        rerun: ['participation'],
        carryReasons: { expert_review: '调整只涉及布点范围，不改变已经论证的技术方案' },
      }),
      'drafting',
    );
    assert.equal(adj.round, 1);
    assert.deepEqual(
      adj.requiredStages.map((s: { stage: string }) => s.stage),
      [
        'drafting',
        'participation',
        'legality_review',
        'collective_discussion',
        'party_report',
        'publication',
        'executing',
      ],
    );
    const rec = adj.stages.at(-1);
    assert.equal(rec.round, 0, 'the adjustment record closes the round it adjusts');
    assert.match(rec.publicSummary, /第1轮/);
    assert.match(rec.publicSummary, /沿用此前记录：专家论证（第0轮，理由：调整只涉及布点范围/);
    assert.ok(rec.leafHash);
    const audit = (await auditFor(t.db, 'decision', id)).filter((e) => e.action === 'decision.adjusted');
    assert.deepEqual(audit.at(-1)!.data, {
      round: 1,
      reason,
      rerun: ['participation'],
      carried: [{ stage: 'expert_review', fromRound: 0, reason: '调整只涉及布点范围，不改变已经论证的技术方案' }],
    });
    assert.deepEqual((await row(id)).rerun_stages, ['participation']);

    await ok(
      step(staff, id, 'drafting', {
        text: '充电设施建设方案（调整稿）共五部分，扩大布点范围到老旧小区。',
        legalBases: ['《消防法》'],
      }),
      'participation',
    );
    await participate(id, 'legality_review');
    const skipped = await step(staff, id, 'expert-review', expert);
    assert.equal(skipped.statusCode, 409, 'expert review is not part of this round');
    const early = await step(co, id, 'collective-decision', {
      meeting: '区政府常务会议',
      meetingKind: 'executive',
      heldOn: T,
      headName: '赵区长',
      outcome: 'approved',
      minutes: '会议审议了决策草案。',
      members: [member('钱副区长'), member('孙副区长'), member('赵区长', '区长')],
    });
    assert.equal(early.statusCode, 409, 'the legality review is always re-run');
    assert.match(early.json().message, /合法性审查/);
    await reviewDecideAndPublish(id);
    const reviews = await t.db
      .selectFrom('decision_legality_reviews')
      .select(['round', 'level'])
      .where('decision_id', '=', id)
      .where('round', '=', 1)
      .execute();
    assert.equal(reviews.length, 2, 'both review levels in the adjusted round');

    // Round 2: nothing conditional touched — participation is carried into the meeting file and publication.
    await ok(
      step(co, id, 'adjust', {
        reason: '调整实施期限，内容不变',
        rerun: [],
        carryReasons: {
          participation: '只调整实施期限，不涉及公众切身利益',
          expert_review: '不涉及技术方案',
        },
      }),
      'drafting',
    );
    await ok(
      step(staff, id, 'drafting', {
        text: '充电设施建设方案（第二次调整稿）共五部分，调整实施期限。',
        legalBases: ['《消防法》'],
      }),
      'legality_review',
    );
    await reviewDecideAndPublish(id);
    const published = await t.db
      .selectFrom('ledger_entries')
      .select('content')
      .where('record_kind', '=', 'decision.published')
      .where('record_id', '=', `${id}:r2`)
      .executeTakeFirstOrThrow();
    const round1 = await t.db
      .selectFrom('decision_stage_records')
      .select('public_summary')
      .where('decision_id', '=', id)
      .where('stage', '=', 'participation')
      .where('round', '=', 1)
      .executeTakeFirstOrThrow();
    const content = typeof published.content === 'string' ? JSON.parse(published.content) : published.content;
    assert.equal(content.adoptionStatement, round1.public_summary, 'the carried adoption statement is published');

    // Round 3 without a choice: every triggered procedure is re-run (the conservative default).
    const all = await ok(step(co, id, 'adjust', { reason: '根据后评估结论全面调整方案' }), 'drafting');
    assert.deepEqual(all.requiredStages.map((s: { stage: string }) => s.stage).slice(0, 3), [
      'drafting',
      'participation',
      'expert_review',
    ]);
    assert.deepEqual((await row(id)).rerun_stages, ['participation', 'expert_review']);
  });
});
