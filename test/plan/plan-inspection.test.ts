import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { today } from '../../src/platform/calendar/index.js';
import { planModule } from '../../src/modules/plan/plan.module.js';
import { auditFor, createTestApp, type Session, type TestApp } from '../helpers/app.js';

describe('government inspection (政府督查工作条例)', () => {
  let t: TestApp;
  let coord: Session;
  let admin: Session;
  let liaison: Session;
  let liaison2: Session;
  let id: string;
  let scj: string;
  let jcj: string;
  before(async () => {
    t = await createTestApp();
    [coord, admin, liaison, liaison2] = await Promise.all(
      ['coordinator', 'admin', 'liaison', 'liaison2'].map((u) => t.loginAs(u)),
    );
    scj = await t.orgId('SCJ');
    jcj = await t.orgId('JCJ');
  });
  after(() => t.close());

  const plan = (over: Record<string, unknown> = {}) => ({
    title: '行政执法三项制度落实情况督查',
    basis: '根据区政府常务会议决定',
    scope: '2025年行政执法公示、全过程记录和法制审核制度落实情况',
    methods: '听取汇报、查阅案卷、实地检查',
    startsOn: '2026-03-02',
    endsOn: '2026-04-30',
    targetOrgIds: [scj, jcj],
    ...over,
  });

  test('a plan is mandatory: missing fields are 400; units may not plan; duplicates are refused', async () => {
    assert.equal(
      (await t.call(coord, { method: 'POST', url: '/api/plan/inspections', payload: plan({ scope: '' }) })).statusCode,
      400,
    );
    assert.equal(
      (await t.call(coord, { method: 'POST', url: '/api/plan/inspections', payload: plan({ targetOrgIds: [] }) }))
        .statusCode,
      400,
    );
    assert.equal(
      (await t.call(liaison, { method: 'POST', url: '/api/plan/inspections', payload: plan() })).statusCode,
      403,
    );
    const ok = await t.call(coord, { method: 'POST', url: '/api/plan/inspections', payload: plan() });
    assert.equal(ok.statusCode, 201, ok.body);
    id = ok.json().id;
    const dup = await t.call(coord, {
      method: 'POST',
      url: '/api/plan/inspections',
      payload: plan({ title: '另一项督查', startsOn: '2026-04-01', endsOn: '2026-05-31', targetOrgIds: [scj] }),
    });
    assert.equal(dup.statusCode, 409);
    assert.match(dup.json().message, /重复督查/);
  });

  test('orders and conclusions; a unit sees only its own part', async () => {
    assert.equal(
      (
        await t.call(coord, {
          method: 'POST',
          url: `/api/plan/inspections/${id}/orders`,
          payload: { orgId: scj, content: '请报送执法公示情况说明', dueDate: '2026-03-20' },
        })
      ).statusCode,
      409,
      'not started',
    );
    const govhead = await t.loginAs('govhead');
    const approve = await t.call(govhead, {
      method: 'POST',
      url: `/api/plan/inspections/${id}/approve`,
      payload: { opinion: '同意按方案开展督查' },
    });
    assert.equal(approve.statusCode, 200, approve.body);
    assert.equal((await t.call(coord, { method: 'POST', url: `/api/plan/inspections/${id}/start` })).statusCode, 200);
    const o = await t.call(coord, {
      method: 'POST',
      url: `/api/plan/inspections/${id}/orders`,
      payload: { orgId: scj, content: '请报送执法公示情况说明', dueDate: '2026-03-20' },
    });
    assert.equal(o.statusCode, 201);
    assert.equal(
      (
        await t.call(liaison2, {
          method: 'POST',
          url: `/api/plan/inspection-orders/${o.json().id}/answer`,
          payload: { answer: '已报送说明材料', on: '2026-03-15' },
        })
      ).statusCode,
      404,
    );
    assert.equal(
      (
        await t.call(liaison, {
          method: 'POST',
          url: `/api/plan/inspection-orders/${o.json().id}/answer`,
          payload: { answer: '已报送说明材料', on: '2026-03-15' },
        })
      ).statusCode,
      200,
    );
    // The office's feedback (第十八条): sent back with reasons, answered again, then accepted and closed.
    const orderUrl = `/api/plan/inspection-orders/${o.json().id}`;
    const feedback = (s: Session, payload: object) =>
      t.call(s, { method: 'POST', url: `${orderUrl}/feedback`, payload });
    assert.equal((await feedback(liaison, { accept: true })).statusCode, 403, 'the unit does not judge its own reply');
    const noReason = await feedback(coord, { accept: false });
    assert.equal(noReason.statusCode, 422, noReason.body);
    assert.equal((await feedback(coord, { accept: false, feedback: '请补充公示信息的更新时间' })).statusCode, 200);
    const again = await t.call(liaison, {
      method: 'POST',
      url: `${orderUrl}/answer`,
      payload: { answer: '已补充公示信息的更新时间', on: '2026-03-18' },
    });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal((await feedback(coord, { accept: true })).statusCode, 200);
    const events = (await auditFor(t.db, 'inspection', id)).map((e) => e.action);
    assert.deepEqual(
      events.filter((e) => e.startsWith('inspection.order_')),
      [
        'inspection.order_issued',
        'inspection.order_answered',
        'inspection.order_sent_back',
        'inspection.order_answered',
        'inspection.order_accepted',
      ],
      'every act on the order is audited',
    );
    const closedOrder = (await t.call(coord, { method: 'GET', url: `/api/plan/inspections/${id}` }))
      .json()
      .orders.find((x: { id: string }) => x.id === o.json().id);
    assert.deepEqual(
      [closedOrder.status, closedOrder.rounds, closedOrder.feedback],
      ['closed', 2, '请补充公示信息的更新时间'],
    );
    const late = await t.call(liaison, {
      method: 'POST',
      url: `${orderUrl}/answer`,
      payload: { answer: '再次答复', on: '2026-03-19' },
    });
    assert.equal(late.statusCode, 409, 'a closed order takes no further answer');
    const seen = (await t.call(liaison, { method: 'GET', url: `/api/plan/inspections/${id}` })).json();
    assert.deepEqual(
      seen.targets.map((x: { orgId: string }) => x.orgId),
      [scj],
    );
    const c = await t.call(coord, {
      method: 'POST',
      url: `/api/plan/inspections/${id}/conclusions`,
      payload: { orgId: scj, conclusion: '公示信息不完整，需整改', servedOn: '2026-04-10' },
    });
    assert.equal(c.statusCode, 200);
    const dl = await t.db
      .selectFrom('deadlines')
      .select(['rule_id', 'due_date'])
      .where('rule_id', '=', 'inspection.reexamination_request')
      .executeTakeFirstOrThrow();
    assert.equal(dl.due_date, '2026-05-11', '30 days from 10 April end on 10 May, a Sunday, so the next working day');
  });

  test('re-examination: only within 30 days, decided by someone else within 30 days', async () => {
    const late = await t.call(liaison, {
      method: 'POST',
      url: `/api/plan/inspections/${id}/reexamination`,
      payload: { orgId: scj, reason: '公示信息已在平台完整发布', requestedOn: '2026-05-12' },
    });
    assert.equal(late.statusCode, 422);
    assert.match(late.json().message, /2026-05-11/);
    const ok = await t.call(liaison, {
      method: 'POST',
      url: `/api/plan/inspections/${id}/reexamination`,
      payload: { orgId: scj, reason: '公示信息已在平台完整发布', requestedOn: '2026-05-08' },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().decisionDue, '2026-06-08', '30 days from 8 May is 7 June, a Sunday');
    const recuse = await t.call(coord, {
      method: 'POST',
      url: `/api/plan/inspections/${id}/reexamination/decision`,
      payload: { orgId: scj, outcome: 'upheld', decision: '维持原结论', decidedOn: '2026-05-20' },
    });
    assert.equal(recuse.statusCode, 403);
    assert.match(recuse.json().message, /回避/);
    const dec = await t.call(admin, {
      method: 'POST',
      url: `/api/plan/inspections/${id}/reexamination/decision`,
      payload: { orgId: scj, outcome: 'upheld', decision: '维持原结论', decidedOn: '2026-05-20' },
    });
    assert.equal(dec.statusCode, 200);
    const dls = await t.db
      .selectFrom('deadlines')
      .select(['rule_id', 'status', 'met', 'closed_on'])
      .where('entity_kind', '=', 'inspection_target')
      .orderBy('rule_id')
      .execute();
    // Closed on the statutory date of the act (request 8 May, decision 20 May), not on the day it was entered.
    assert.deepEqual(
      dls.map((d) => [d.rule_id, d.status, d.closed_on, d.met]),
      [
        ['inspection.reexamination_decision', 'closed', '2026-05-20', true],
        ['inspection.reexamination_request', 'closed', '2026-05-08', true],
      ],
    );
  });

  test('rectification and verification', async () => {
    assert.equal(
      (
        await t.call(coord, {
          method: 'POST',
          url: `/api/plan/inspections/${id}/verification`,
          payload: { orgId: scj, accepted: true, note: '同意', on: '2026-06-01' },
        })
      ).statusCode,
      409,
    );
    assert.equal(
      (
        await t.call(liaison, {
          method: 'POST',
          url: `/api/plan/inspections/${id}/rectification`,
          payload: { orgId: scj, report: '已补充公示全部执法信息', on: '2026-05-30' },
        })
      ).statusCode,
      200,
    );
    assert.equal(
      (
        await t.call(coord, {
          method: 'POST',
          url: `/api/plan/inspections/${id}/verification`,
          payload: { orgId: scj, accepted: false, note: '仍有两项未公示', on: '2026-06-01' },
        })
      ).statusCode,
      200,
    );
    assert.equal(
      (
        await t.call(liaison, {
          method: 'POST',
          url: `/api/plan/inspections/${id}/rectification`,
          payload: { orgId: scj, report: '两项已补充公示', on: '2026-06-05' },
        })
      ).statusCode,
      200,
    );
    assert.equal(
      (
        await t.call(coord, {
          method: 'POST',
          url: `/api/plan/inspections/${id}/verification`,
          payload: { orgId: scj, accepted: true, note: '整改到位', on: '2026-06-08' },
        })
      ).statusCode,
      200,
    );
    const i = (await t.call(coord, { method: 'GET', url: `/api/plan/inspections/${id}` })).json();
    assert.equal(i.targets.find((x: { orgId: string }) => x.orgId === scj).status, 'verified');
    assert.equal(i.status, 'in_progress', 'JCJ still awaits its conclusion');
    const actions = (await auditFor(t.db, 'inspection', id)).map((a) => a.action);
    assert.ok(actions.includes('inspection.rectification_verified'));
  });

  test('indicators: inspections concerning a unit and the 督办单 it received, for the year, with their records', async () => {
    const ind = (code: string) => planModule.indicators!.find((i) => i.code === code)!;
    const all = await ind('plan.inspections').compute(t.db, { year: 2026, orgId: null, today: today(t.clock.now()) });
    const total = await t.db.selectFrom('inspections').select('id').where('starts_on', '>=', '2026-01-01').execute();
    assert.equal(all.value, total.length);
    assert.ok(all.records.some((r) => r.id === id));
    const mine = await ind('plan.inspections').compute(t.db, { year: 2026, orgId: scj, today: today(t.clock.now()) });
    assert.ok(
      mine.records.some((r) => r.id === id),
      'SCJ was inspected',
    );
    const other = await ind('plan.inspections').compute(t.db, {
      year: 2026,
      orgId: await t.orgId('CGJ'),
      today: today(t.clock.now()),
    });
    assert.equal(other.value, 0);
    assert.equal(
      (await ind('plan.inspections').compute(t.db, { year: 2025, orgId: null, today: today(t.clock.now()) })).value,
      0,
    );
    const orders = await ind('plan.inspection_orders').compute(t.db, {
      year: 2026,
      orgId: scj,
      today: today(t.clock.now()),
    });
    const scjOrders = await t.db
      .selectFrom('inspection_orders')
      .select(['id', 'status'])
      .where('org_id', '=', scj)
      .execute();
    assert.ok(scjOrders.length > 0);
    assert.equal(orders.value, scjOrders.length);
    assert.match(
      orders.basis,
      new RegExp(`已答复${scjOrders.filter((o) => o.status === 'answered' || o.status === 'closed').length}件`),
    );
  });
});
