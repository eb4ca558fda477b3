import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../../src/platform/access/actor.js';
import { addCalendarDays } from '../../src/platform/calendar/index.js';
import { AppError } from '../../src/platform/errors.js';
import { approveInspection, assertInspectionTransition } from '../../src/modules/plan/commands/inspection.js';
import { INSPECTION_STATUSES, INSPECTION_TRANSITIONS } from '../../src/modules/plan/inspection.tables.js';
import { inspectionAbilities, planPolicy } from '../../src/modules/plan/plan.policy.js';
import { auditFor, createTestApp, type Session, TEST_TODAY, type TestApp } from '../helpers/app.js';

/** Today in Beijing time on the test apps' fixed clock: every date below is relative to it. */
const today = TEST_TODAY;
const day = (n: number) => String(addCalendarDays(today, n));

const actor = (
  grants: { role: Actor['grants'][number]['role']; orgPath: string; includeSubtree?: boolean }[],
): Actor => ({
  userId: 'u1',
  username: 'u',
  displayName: 'u',
  orgId: 'o',
  orgPath: grants[0]?.orgPath ?? '/x/',
  grants: grants.map((g) => ({ orgId: 'o', includeSubtree: false, ...g })),
  mustChangePassword: false,
  via: 'session',
});

describe('inspection plan approval (政府督查工作条例第十一条、第十五条): pure rules', () => {
  test('transition table: planned → approved → in_progress; every other order is a 409', () => {
    assert.deepEqual(INSPECTION_TRANSITIONS.approve.from, ['planned']);
    assert.equal(INSPECTION_TRANSITIONS.approve.to, 'approved');
    assert.deepEqual(INSPECTION_TRANSITIONS.start.from, ['approved']);
    assert.equal(INSPECTION_TRANSITIONS.start.to, 'in_progress');
    for (const action of Object.keys(INSPECTION_TRANSITIONS) as (keyof typeof INSPECTION_TRANSITIONS)[]) {
      for (const status of INSPECTION_STATUSES) {
        const allowed = INSPECTION_TRANSITIONS[action].from.includes(status);
        if (allowed) assert.equal(assertInspectionTransition(status, action), INSPECTION_TRANSITIONS[action].to);
        else
          assert.throws(
            () => assertInspectionTransition(status, action),
            (e: unknown) => e instanceof AppError && e.code === 'conflict',
            `${action} from ${status}`,
          );
      }
    }
    // Orders and conclusions never before the plan is approved and the inspection started.
    for (const s of ['planned', 'approved'] as const) {
      assert.throws(() => assertInspectionTransition(s, 'issue_order'));
      assert.throws(() => assertInspectionTransition(s, 'serve_conclusion'));
    }
  });

  test('who approves: the government principal head only (not the coordinator, 分管 leader, unit head, admin)', () => {
    const gov = '/g/';
    assert.equal(planPolicy.approveInspection(actor([{ role: 'principal_head', orgPath: gov }]), gov), true);
    assert.equal(
      planPolicy.approveInspection(actor([{ role: 'coordinator', orgPath: gov, includeSubtree: true }]), gov),
      false,
    );
    assert.equal(
      planPolicy.approveInspection(actor([{ role: 'leader', orgPath: gov, includeSubtree: true }]), gov),
      false,
    );
    assert.equal(
      planPolicy.approveInspection(actor([{ role: 'system_admin', orgPath: gov, includeSubtree: true }]), gov),
      false,
    );
    assert.equal(
      planPolicy.approveInspection(actor([{ role: 'principal_head', orgPath: '/g/scj/', includeSubtree: true }]), gov),
      false,
    );
    assert.equal(planPolicy.approveInspection(null, gov), false);
    const head = actor([{ role: 'principal_head', orgPath: gov }]);
    assert.deepEqual(inspectionAbilities(head, gov, { status: 'planned', created_by: 'other' }), {
      manage: false,
      approve: true,
      start: false,
    });
    assert.equal(inspectionAbilities(head, gov, { status: 'planned', created_by: 'u1' }).approve, false, 'own plan');
    assert.equal(inspectionAbilities(head, gov, { status: 'approved', created_by: 'other' }).approve, false);
    const coord = actor([{ role: 'coordinator', orgPath: gov, includeSubtree: true }]);
    assert.deepEqual(inspectionAbilities(coord, gov, { status: 'approved', created_by: 'u1' }), {
      manage: true,
      approve: false,
      start: true,
    });
  });
});

describe('inspection plan approval over HTTP: 401 → 400 → 404 → 403 → 409, audit, isolation', () => {
  let t: TestApp;
  let coord: Session;
  let govhead: Session;
  let leader: Session;
  let head: Session;
  let admin: Session;
  let liaison: Session;
  let liaison2: Session;
  let scj: string;
  let cgj: string;
  let id: string;
  before(async () => {
    t = await createTestApp();
    [coord, govhead, leader, head, admin, liaison, liaison2] = await Promise.all(
      ['coordinator', 'govhead', 'leader', 'head', 'admin', 'liaison', 'liaison2'].map((u) => t.loginAs(u)),
    );
    scj = await t.orgId('SCJ');
    cgj = await t.orgId('CGJ');
    const r = await t.call(coord, {
      method: 'POST',
      url: '/api/plan/inspections',
      payload: {
        title: '行政执法公示制度落实情况专项督查',
        basis: '区政府常务会议决定开展专项督查',
        scope: '行政执法公示、全过程记录、重大执法决定法制审核',
        methods: '听取汇报、查阅案卷、实地检查',
        startsOn: day(-90),
        endsOn: day(-30),
        targetOrgIds: [scj],
      },
    });
    assert.equal(r.statusCode, 201, r.body);
    id = r.json().id;
  });
  after(() => t.close());

  const approve = (s: Session | null, payload: unknown = { opinion: '同意按方案开展督查' }, target = id) =>
    t.call(s, { method: 'POST', url: `/api/plan/inspections/${target}/approve`, payload: payload as object });
  const start = (s: Session | null, target = id) =>
    t.call(s, { method: 'POST', url: `/api/plan/inspections/${target}/start` });
  const row = () =>
    t.db
      .selectFrom('inspections')
      .select(['status', 'approved_by', 'approved_at', 'approval_opinion'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const actions = async () => (await auditFor(t.db, 'inspection', id)).map((a) => a.action);
  const unchanged = async (why: string) => {
    assert.deepEqual(
      await row(),
      { status: 'planned', approved_by: null, approved_at: null, approval_opinion: null },
      why,
    );
    assert.deepEqual(await actions(), ['inspection.planned'], why);
  };

  test('refusals leave the plan as it was', async () => {
    assert.equal((await approve(null)).statusCode, 401);
    const empty = await approve(govhead, { opinion: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.json().message, /批准意见/);
    assert.equal((await approve(govhead, {})).statusCode, 400);
    assert.equal((await approve(govhead, { opinion: '同意', extra: 1 })).statusCode, 400);
    assert.equal((await approve(govhead, undefined, '00000000-0000-4000-8000-000000000000')).statusCode, 404);
    // JCJ is not inspected: for its liaison the inspection does not exist.
    assert.equal((await approve(liaison2)).statusCode, 404);
    assert.equal((await start(liaison2)).statusCode, 404);
    // Those who can see it but may not approve it: the drafter's office, the 分管 leader, the admin.
    for (const [who, s] of [
      ['coordinator', coord],
      ['leader', leader],
      ['admin', admin],
    ] as const) {
      const r = await approve(s);
      assert.equal(r.statusCode, 403, `${who}: ${r.body}`);
      assert.match(r.json().message, /行政首长/);
    }
    // Until it starts, the inspected unit does not see it at all (第十二条 暗访).
    for (const [who, s] of [
      ['unit head', head],
      ['unit liaison', liaison],
    ] as const) {
      assert.equal((await approve(s)).statusCode, 404, who);
      assert.equal((await t.call(s, { method: 'GET', url: `/api/plan/inspections/${id}` })).statusCode, 404, who);
      const list = (await t.call(s, { method: 'GET', url: '/api/plan/inspections' })).json();
      assert.ok(!list.items.some((x: { id: string }) => x.id === id), `${who} does not list it`);
    }
    assert.equal((await start(liaison)).statusCode, 404, 'units do not start inspections (and do not see them yet)');
    const early = await start(coord);
    assert.equal(early.statusCode, 409, 'not approved yet');
    assert.match(early.json().message, /批准/);
    const order = await t.call(coord, {
      method: 'POST',
      url: `/api/plan/inspections/${id}/orders`,
      payload: { orgId: scj, content: '请报送执法公示情况说明', dueDate: day(20) },
    });
    assert.equal(order.statusCode, 409);
    const concl = await t.call(coord, {
      method: 'POST',
      url: `/api/plan/inspections/${id}/conclusions`,
      payload: { orgId: scj, conclusion: '公示信息不完整，需整改', servedOn: day(-20) },
    });
    assert.equal(concl.statusCode, 409);
    await unchanged('after every refusal');
  });

  test('the government head sees the plan awaiting approval and approves it; audited with the opinion', async () => {
    const list = (await t.call(govhead, { method: 'GET', url: '/api/plan/inspections' })).json();
    const mine = list.items.find((i: { id: string }) => i.id === id);
    assert.ok(mine, 'the approver sees plans awaiting approval');
    assert.deepEqual(mine.abilities, { manage: false, approve: true, start: false });
    assert.equal(mine.approval, null);
    assert.equal(mine.targets[0].statusLabel, '督查未开始');
    const asCoord = (await t.call(coord, { method: 'GET', url: `/api/plan/inspections/${id}` })).json();
    assert.deepEqual(asCoord.abilities, { manage: true, approve: false, start: false });

    const ok = await approve(govhead, { opinion: '同意。请严格控制督查频次和时限。' });
    assert.equal(ok.statusCode, 200, ok.body);
    const r = await row();
    assert.equal(r.status, 'approved');
    assert.equal(r.approved_by, govhead.userId);
    assert.equal(r.approval_opinion, '同意。请严格控制督查频次和时限。');
    const audit = await auditFor(t.db, 'inspection', id);
    const ev = audit.filter((a) => a.action === 'inspection.approved');
    assert.equal(ev.length, 1);
    assert.equal(ev[0]!.actor_user_id, govhead.userId);
    assert.deepEqual(ev[0]!.data, { opinion: '同意。请严格控制督查频次和时限。' });

    const again = await approve(govhead, { opinion: '再次批准' });
    assert.equal(again.statusCode, 409);
    assert.equal(
      (await row()).approval_opinion,
      '同意。请严格控制督查频次和时限。',
      'a second approval changes nothing',
    );
    assert.equal((await actions()).filter((a) => a === 'inspection.approved').length, 1);

    const detail = (await t.call(coord, { method: 'GET', url: `/api/plan/inspections/${id}` })).json();
    assert.equal(detail.status, 'approved');
    assert.deepEqual(detail.abilities, { manage: true, approve: false, start: true });
    assert.match(detail.approval.approvedBy, /林区长/);
    assert.equal(detail.approval.opinion, '同意。请严格控制督查频次和时限。');
  });

  test('an approved plan still blocks a duplicate inspection of the same unit (第十五条)', async () => {
    const dup = await t.call(coord, {
      method: 'POST',
      url: '/api/plan/inspections',
      payload: {
        title: '另一项督查',
        basis: '区政府主要负责人批示',
        scope: '行政执法公示情况',
        methods: '查阅案卷',
        startsOn: day(-60),
        endsOn: day(0),
        targetOrgIds: [scj],
      },
    });
    assert.equal(dup.statusCode, 409);
    assert.match(dup.json().message, /重复督查/);
  });

  test('only the coordinator starts the approved inspection; then orders may be issued', async () => {
    assert.equal((await start(govhead)).statusCode, 403, 'the head approves; the inspection office runs it');
    assert.equal((await row()).status, 'approved');
    const ok = await start(coord);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((await row()).status, 'in_progress');
    const started = (await t.call(liaison, { method: 'GET', url: `/api/plan/inspections/${id}` })).json();
    assert.equal(started.targets[0].statusLabel, '督查中');
    assert.deepEqual(started.abilities, { manage: false, approve: false, start: false });
    assert.equal((await start(coord)).statusCode, 409, 'already started');
    assert.equal((await approve(govhead)).statusCode, 409, 'no approval after the start');
    assert.deepEqual(await actions(), ['inspection.planned', 'inspection.approved', 'inspection.started']);
    // Bad input on the order: a due date before the inspection begins is a 422, nothing is issued.
    const before = await t.call(coord, {
      method: 'POST',
      url: `/api/plan/inspections/${id}/orders`,
      payload: { orgId: scj, content: '请报送执法公示情况说明', dueDate: day(-91) },
    });
    assert.equal(before.statusCode, 422);
    assert.match(before.json().message, /办理期限/);
    const notTarget = await t.call(coord, {
      method: 'POST',
      url: `/api/plan/inspections/${id}/orders`,
      payload: { orgId: cgj, content: '请报送执法公示情况说明', dueDate: day(20) },
    });
    assert.equal(notTarget.statusCode, 404, 'orders go only to inspected units');
    assert.equal(
      (await t.db.selectFrom('inspection_orders').select('id').where('inspection_id', '=', id).execute()).length,
      0,
    );
    const o = await t.call(coord, {
      method: 'POST',
      url: `/api/plan/inspections/${id}/orders`,
      payload: { orgId: scj, content: '请报送执法公示情况说明', dueDate: day(20) },
    });
    assert.equal(o.statusCode, 201, o.body);
    assert.equal((await actions()).at(-1), 'inspection.order_issued');
  });

  test('conclusion → rectification → verification: dates out of order are 422, other units 404, audited', async () => {
    const future = await t.call(coord, {
      method: 'POST',
      url: `/api/plan/inspections/${id}/conclusions`,
      payload: { orgId: scj, conclusion: '公示信息不完整，需整改', servedOn: day(1) },
    });
    assert.equal(future.statusCode, 422, 'an act cannot be dated after today');
    assert.match(future.json().message, /送达日期不能晚于今天/);
    const served = day(-25);
    const c = await t.call(coord, {
      method: 'POST',
      url: `/api/plan/inspections/${id}/conclusions`,
      payload: { orgId: scj, conclusion: '公示信息不完整，需整改', servedOn: served },
    });
    assert.equal(c.statusCode, 200, c.body);
    assert.equal(
      (
        await t.call(liaison, {
          method: 'POST',
          url: `/api/plan/inspections/${id}/conclusions`,
          payload: { orgId: scj, conclusion: '自行作出结论', servedOn: served },
        })
      ).statusCode,
      403,
      'units do not conclude',
    );
    const other = await t.call(liaison2, {
      method: 'POST',
      url: `/api/plan/inspections/${id}/rectification`,
      payload: { orgId: scj, report: '代为报送整改情况', on: day(-10) },
    });
    assert.equal(other.statusCode, 404, 'another unit cannot act for SCJ');
    const early = await t.call(liaison, {
      method: 'POST',
      url: `/api/plan/inspections/${id}/rectification`,
      payload: { orgId: scj, report: '已补充公示全部执法信息', on: day(-26) },
    });
    assert.equal(early.statusCode, 422);
    assert.match(early.json().message, /整改完成日期/);
    const target = () =>
      t.db
        .selectFrom('inspection_targets')
        .select(['status', 'rectification_report', 'verified_on'])
        .where('inspection_id', '=', id)
        .executeTakeFirstOrThrow();
    assert.deepEqual(await target(), { status: 'concluded', rectification_report: null, verified_on: null });
    const ok = await t.call(liaison, {
      method: 'POST',
      url: `/api/plan/inspections/${id}/rectification`,
      payload: { orgId: scj, report: '已补充公示全部执法信息', on: day(-10) },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    // The unit rectified instead of asking for re-examination: that deadline closes on the day it rectified.
    const tgt = await t.db
      .selectFrom('inspection_targets')
      .select('id')
      .where('inspection_id', '=', id)
      .executeTakeFirstOrThrow();
    const dl = await t.db
      .selectFrom('deadlines')
      .select(['status', 'closed_on', 'met'])
      .where('entity_kind', '=', 'inspection_target')
      .where('entity_id', '=', tgt.id)
      .where('rule_id', '=', 'inspection.reexamination_request')
      .executeTakeFirstOrThrow();
    assert.deepEqual(dl, { status: 'closed', closed_on: day(-10), met: true });
    const badVerify = await t.call(coord, {
      method: 'POST',
      url: `/api/plan/inspections/${id}/verification`,
      payload: { orgId: scj, accepted: true, note: '整改到位', on: day(-11) },
    });
    assert.equal(badVerify.statusCode, 422);
    assert.match(badVerify.json().message, /核查日期/);
    assert.equal((await target()).status, 'rectified');
    const v = await t.call(coord, {
      method: 'POST',
      url: `/api/plan/inspections/${id}/verification`,
      payload: { orgId: scj, accepted: true, note: '整改到位', on: day(-5) },
    });
    assert.equal(v.statusCode, 200, v.body);
    assert.equal((await row()).status, 'closed', 'every unit verified: the inspection is closed');
    assert.deepEqual(await actions(), [
      'inspection.planned',
      'inspection.approved',
      'inspection.started',
      'inspection.order_issued',
      'inspection.conclusion_served',
      'inspection.rectification_submitted',
      'inspection.rectification_verified',
    ]);
  });

  test('the drafter of a plan may not approve it, even holding the head role (separation of duties)', async () => {
    const r = await t.call(coord, {
      method: 'POST',
      url: '/api/plan/inspections',
      payload: {
        title: '城管执法规范化督查',
        basis: '区政府主要负责人批示',
        scope: '城管执法全过程记录',
        methods: '查阅案卷',
        startsOn: day(7),
        endsOn: day(30),
        targetOrgIds: [cgj],
      },
    });
    assert.equal(r.statusCode, 201, r.body);
    const planId = r.json().id as string;
    // The government's head (the party the frame admits), who also drew up the plan.
    const gov = await t.db
      .selectFrom('organizations')
      .select('path')
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    const ctx = {
      actor: actor([{ role: 'principal_head', orgPath: gov.path }]),
      requestId: 'test',
      ip: null,
    };
    ctx.actor.userId = coord.userId;
    await assert.rejects(
      approveInspection(t.db, ctx, planId, { opinion: '同意' }),
      (e: unknown) => e instanceof AppError && e.code === 'forbidden' && /制定人/.test(e.message),
    );
    const after = await t.db
      .selectFrom('inspections')
      .select('status')
      .where('id', '=', planId)
      .executeTakeFirstOrThrow();
    assert.equal(after.status, 'planned');
    assert.equal((await auditFor(t.db, 'inspection', planId)).length, 1);
  });
});
