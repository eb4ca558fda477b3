import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { today } from '../../src/platform/calendar/index.js';
import { evaluateTree } from '../../src/modules/indicators/indicators.service.js';
import { MODULES } from '../../src/modules/index.js';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';

describe('indicators: tree, computed and manual figures, absent sources, trend (with the demo data)', () => {
  let t: TestApp;
  let coord: Session;
  let liaison: Session;
  let liaison2: Session;
  before(async () => {
    t = await createTestApp({ moduleDemo: true });
    [coord, liaison, liaison2] = await Promise.all(['coordinator', 'liaison', 'liaison2'].map((u) => t.loginAs(u)));
  });
  after(() => t.close());

  test('demo: the plan is imported and decomposed, SCJ has progress, a 2024 report is published', async () => {
    const plans = (await t.call(coord, { method: 'GET', url: '/api/plan/plans' })).json().items;
    assert.equal(plans.length, 1);
    assert.equal(plans[0].status, 'active');
    assert.equal(plans[0].unmatchedUnits, 0);
    assert.ok(plans[0].tasks > 20);
    // Staggered, realistic due dates within the plan period (not one date for every task).
    const dues = await t.db.selectFrom('plan_tasks').select('due_date').distinct().orderBy('due_date').execute();
    assert.ok(dues.length >= 3, `distinct due dates: ${dues.map((d) => d.due_date).join(', ')}`);
    assert.ok(dues.every((d) => d.due_date >= '2021-01-01' && d.due_date <= '2025-12-31'));
    for (const y of ['2022', '2023', '2024', '2025'])
      assert.ok(
        dues.some((d) => d.due_date.startsWith(y)),
        `tasks fall due in ${y}`,
      );
    const pub = (await t.call(null, { method: 'GET', url: '/api/public/reports' })).json().items;
    assert.equal(pub.length, 1);
    assert.equal(pub[0].year, 2024);
  });

  test('computed figures match the records; manual ones say so; absent modules are labelled', async () => {
    const scj = await t.orgId('SCJ');
    const res = await t.call(liaison, { method: 'GET', url: `/api/indicators?year=2025&orgId=${scj}` });
    assert.equal(res.statusCode, 200);
    const items = res.json().items as {
      no: string;
      value: number | null;
      provenance: string;
      provenanceLabel: string;
      recordCount: number;
      sourceCode: string | null;
      meetsTarget: boolean | null;
    }[];
    const tasks = await t.db
      .selectFrom('plan_tasks')
      .select(['status'])
      .where('org_id', '=', scj)
      .where('due_date', '>=', '2025-01-01')
      .where('due_date', '<=', '2025-12-31')
      .execute();
    assert.ok(tasks.length > 0, 'SCJ has tasks falling due in 2025');
    const pct = items.find((i) => i.sourceCode === 'plan.task_completion_pct')!;
    assert.equal(pct.provenance, 'computed');
    assert.equal(pct.provenanceLabel, '系统计算');
    assert.equal(pct.value, Math.round((tasks.filter((x) => x.status === 'done').length / tasks.length) * 1000) / 10);
    assert.equal(pct.recordCount, tasks.length);
    assert.equal(pct.meetsTarget, false);
    const lit = items.find((i) => i.sourceCode === 'litigation.head_appearance_pct')!;
    assert.equal(lit.provenance, 'absent');
    assert.equal(lit.provenanceLabel, '数据来源模块未启用');
    assert.equal(lit.value, null);
    const manual = items.find((i) => i.no === '24')!;
    assert.equal(manual.provenance, 'missing');
    // A module missing from the list: its codes become "absent", nothing crashes.
    const without = await evaluateTree(
      t.db,
      { year: 2025, orgId: scj, today: today(t.clock.now()) },
      MODULES.filter((m) => m.name !== 'plan'),
    );
    assert.equal(
      without.find((i) => i.sourceCode === 'plan.task_completion_pct')!.provenanceLabel,
      '数据来源模块未启用',
    );
  });

  test('manual entry: evidence required, % within 0–100, computed ones refused, other unit 404', async () => {
    const scj = await t.orgId('SCJ');
    const items = (await t.call(liaison, { method: 'GET', url: `/api/indicators?year=2025&orgId=${scj}` })).json()
      .items;
    const m = items.find((i: { no: string }) => i.no === '24');
    const c = items.find((i: { sourceCode: string | null }) => i.sourceCode === 'plan.task_completion_pct');
    const url = `/api/indicators/${m.id}/entries`;
    assert.equal(
      (await t.call(liaison, { method: 'PUT', url, payload: { year: 2025, orgId: scj, value: 100, evidence: '' } }))
        .statusCode,
      400,
    );
    assert.equal(
      (
        await t.call(liaison, {
          method: 'PUT',
          url,
          payload: { year: 2025, orgId: scj, value: 120, evidence: '征求意见记录表' },
        })
      ).statusCode,
      422,
    );
    assert.equal(
      (
        await t.call(liaison, {
          method: 'PUT',
          url: `/api/indicators/${c.id}/entries`,
          payload: { year: 2025, orgId: scj, value: 50, evidence: '征求意见记录表' },
        })
      ).statusCode,
      422,
    );
    assert.equal(
      (
        await t.call(liaison2, {
          method: 'PUT',
          url,
          payload: { year: 2025, orgId: scj, value: 100, evidence: '征求意见记录表' },
        })
      ).statusCode,
      404,
    );
    const ok = await t.call(liaison, {
      method: 'PUT',
      url,
      payload: {
        year: 2025,
        orgId: scj,
        value: 100,
        evidence: '全年3件规范性文件均公开征求意见，记录见附件',
        links: [{ title: '征求意见公告', url: '/admin/normative' }],
      },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const after = (await t.call(liaison, { method: 'GET', url: `/api/indicators?year=2025&orgId=${scj}` }))
      .json()
      .items.find((i: { no: string }) => i.no === '24');
    assert.equal(after.value, 100);
    assert.equal(after.provenance, 'manual');
    assert.equal(after.provenanceLabel, '人工填报');
    assert.match(after.evidence, /征求意见/);
    const trend = (
      await t.call(liaison, { method: 'GET', url: `/api/indicators/${m.id}/trend?from=2024&to=2025&orgId=${scj}` })
    ).json().items;
    assert.deepEqual(trend, [
      { year: 2024, value: null, provenance: 'missing' },
      { year: 2025, value: 100, provenance: 'manual' },
    ]);
  });

  test('a liaison sees their own unit by default; coordinators the whole government', async () => {
    const l = (await t.call(liaison, { method: 'GET', url: '/api/indicators?year=2025' })).json();
    assert.equal(l.orgName, '区市场监管局');
    const c = (await t.call(coord, { method: 'GET', url: '/api/indicators?year=2025' })).json();
    assert.equal(c.orgId, null);
    assert.equal(c.orgName, '示例区人民政府');
    assert.equal(
      (await t.call(liaison2, { method: 'GET', url: `/api/indicators?year=2025&orgId=${await t.orgId('SCJ')}` }))
        .statusCode,
      404,
    );
  });

  test('trends of key indicators by year, each point labelled computed / manual; bad ranges 400; other unit 404', async () => {
    const scj = await t.orgId('SCJ');
    const url = `/api/indicators/trends?from=2022&to=2025&orgId=${scj}`;
    assert.equal((await t.call(null, { method: 'GET', url })).statusCode, 401);
    assert.equal((await t.call(liaison2, { method: 'GET', url })).statusCode, 404);
    const res = await t.call(liaison, { method: 'GET', url });
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json();
    assert.equal(d.orgName, '区市场监管局');
    type Pt = { year: number; value: number | null; provenance: string; provenanceLabel: string };
    type Se = { id: string; no: string; kind: string; sourceCode: string | null; points: Pt[] };
    assert.ok(d.series.length >= 2 && d.series.length <= 8);
    assert.ok(d.series.some((x: Se) => x.kind === 'computed') && d.series.some((x: Se) => x.kind === 'manual'));
    assert.ok(d.available.length > d.series.length);
    for (const x of d.series as Se[]) {
      assert.deepEqual(
        x.points.map((p) => p.year),
        [2022, 2023, 2024, 2025],
      );
      for (const p of x.points)
        assert.ok(
          x.kind === 'computed'
            ? ['computed', 'absent'].includes(p.provenance)
            : ['manual', 'missing'].includes(p.provenance),
          `${x.no} ${p.year}: ${p.provenance}`,
        );
    }
    // The manual figure entered in the previous test shows as 人工填报 in 2025 only.
    const manual = (d.series as Se[]).find((x) => x.no === '24')!;
    assert.deepEqual(
      manual.points.map((p) => [p.year, p.value, p.provenanceLabel]),
      [
        [2022, null, '未填报'],
        [2023, null, '未填报'],
        [2024, null, '未填报'],
        [2025, 100, '人工填报'],
      ],
    );
    // The plan completion rate per year equals the unit's tasks falling due that year (demo: staggered dates).
    const plan = (d.series as Se[]).find((x) => x.sourceCode === 'plan.task_completion_pct')!;
    assert.ok(plan, 'the plan completion rate is a key indicator');
    const byYear = Object.fromEntries(plan.points.map((p) => [p.year, p.value]));
    for (const y of [2022, 2023, 2024, 2025]) {
      const due = await t.db
        .selectFrom('plan_tasks')
        .select('status')
        .where('org_id', '=', scj)
        .where('due_date', '>=', `${y}-01-01`)
        .where('due_date', '<=', `${y}-12-31`)
        .execute();
      const done = due.filter((x) => x.status === 'done').length;
      assert.equal(byYear[y], due.length ? Math.round((done / due.length) * 1000) / 10 : null, `${y}`);
    }
    assert.notEqual(byYear[2022], byYear[2025], 'the trend moves over the years');
    const pct = (
      await t.call(liaison, {
        method: 'GET',
        url: `/api/indicators/trends?from=2022&to=2025&orgId=${scj}&ids=${plan.id}`,
      })
    ).json();
    assert.deepEqual(
      pct.series.map((x: Se) => x.id),
      [plan.id],
    );
    assert.deepEqual(pct.series[0].points, plan.points);
    const items = (await t.call(liaison, { method: 'GET', url: `/api/indicators?year=2023&orgId=${scj}` })).json()
      .items;
    const v2023 = items.find((i: { id: string }) => i.id === plan.id).value;
    assert.equal(plan.points.find((p) => p.year === 2023)!.value, v2023);
    for (const bad of ['from=2025&to=2022', 'from=2010&to=2025', `from=2022&to=2025&ids=abc`]) {
      const r = await t.call(liaison, { method: 'GET', url: `/api/indicators/trends?${bad}` });
      assert.equal(r.statusCode, 400, bad);
    }
    const unknown = await t.call(liaison, {
      method: 'GET',
      url: '/api/indicators/trends?from=2022&to=2025&ids=00000000-0000-4000-8000-000000000000',
    });
    assert.equal(unknown.statusCode, 404);
  });
});
