import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';

describe('indicator tree editing: add / edit / remove nodes, weights, computed vs manual', () => {
  let t: TestApp;
  let coord: Session;
  let liaison: Session;
  before(async () => {
    t = await createTestApp();
    [coord, liaison] = await Promise.all(['coordinator', 'liaison'].map((u) => t.loginAs(u)));
  });
  after(() => t.close());

  const node = (extra: Record<string, unknown>) => ({
    no: 'T1',
    title: '测试一级指标',
    kind: 'group',
    ...extra,
  });
  const tree = async (s: Session) =>
    (await t.call(s, { method: 'GET', url: '/api/indicators?year=2025' })).json().items as {
      id: string;
      no: string;
      level: number;
      kind: string;
      weight: number;
      provenance: string;
      provenanceLabel: string;
      title: string;
    }[];

  test('401 without login, 403 for a unit liaison, 400 on bad fields; nothing is created', async () => {
    assert.equal(
      (await t.call(null, { method: 'POST', url: '/api/indicators/nodes', payload: node({}) })).statusCode,
      401,
    );
    const f = await t.call(liaison, { method: 'POST', url: '/api/indicators/nodes', payload: node({}) });
    assert.equal(f.statusCode, 403);
    assert.match(f.json().message, /依法治区办/);
    const bad = await t.call(coord, { method: 'POST', url: '/api/indicators/nodes', payload: node({ weight: 0 }) });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /权重/);
    const noTitle = await t.call(coord, { method: 'POST', url: '/api/indicators/nodes', payload: node({ title: '' }) });
    assert.equal(noTitle.statusCode, 400);
    assert.equal((await tree(coord)).length, 0);
  });

  test('three levels with weights; computed needs a known source; a fourth level is refused', async () => {
    const l1 = await t.call(coord, { method: 'POST', url: '/api/indicators/nodes', payload: node({ weight: 2 }) });
    assert.equal(l1.statusCode, 201);
    const l2 = await t.call(coord, {
      method: 'POST',
      url: '/api/indicators/nodes',
      payload: node({ no: 'T1.1', title: '二级分组', parentId: l1.json().id }),
    });
    assert.equal(l2.statusCode, 201);
    const unknown = await t.call(coord, {
      method: 'POST',
      url: '/api/indicators/nodes',
      payload: node({
        no: 'T1.1.1',
        title: '计算指标',
        kind: 'computed',
        sourceCode: 'nope.none',
        parentId: l2.json().id,
      }),
    });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.json().message, /数据来源“nope\.none”不存在或其所属模块未启用/);
    const noSource = await t.call(coord, {
      method: 'POST',
      url: '/api/indicators/nodes',
      payload: node({ no: 'T1.1.1', title: '计算指标', kind: 'computed', parentId: l2.json().id }),
    });
    assert.equal(noSource.statusCode, 422);
    const computed = await t.call(coord, {
      method: 'POST',
      url: '/api/indicators/nodes',
      payload: node({
        no: 'T1.1.1',
        title: '任务完成率',
        kind: 'computed',
        sourceCode: 'plan.task_completion_pct',
        unit: '%',
        target: 90,
        targetOp: '>=',
        weight: 1.5,
        parentId: l2.json().id,
      }),
    });
    assert.equal(computed.statusCode, 201, computed.body);
    const manual = await t.call(coord, {
      method: 'POST',
      url: '/api/indicators/nodes',
      payload: node({ no: 'T1.1.2', title: '培训人次', kind: 'manual', unit: '人次', parentId: l2.json().id }),
    });
    assert.equal(manual.statusCode, 201);
    const deep = await t.call(coord, {
      method: 'POST',
      url: '/api/indicators/nodes',
      payload: node({ no: 'T1.1.2.1', title: '第四级', kind: 'manual', parentId: manual.json().id }),
    });
    assert.equal(deep.statusCode, 422);
    const dup = await t.call(coord, { method: 'POST', url: '/api/indicators/nodes', payload: node({}) });
    assert.equal(dup.statusCode, 409);
    assert.match(dup.json().message, /编号“T1”已被其他指标使用/);
    const items = await tree(coord);
    assert.deepEqual(
      items.map((i) => [i.no, i.level, i.kind, i.weight]),
      [
        ['T1', 1, 'group', 2],
        ['T1.1', 2, 'group', 1],
        ['T1.1.1', 3, 'computed', 1.5],
        ['T1.1.2', 3, 'manual', 1],
      ],
    );
    assert.equal(items[2].provenanceLabel, '系统计算');
    assert.equal(items[3].provenanceLabel, '未填报');
  });

  test('edit: rename and reweight (audited); a group with children cannot become a leaf', async () => {
    const items = await tree(coord);
    const leaf = items.find((i) => i.no === 'T1.1.2')!;
    const ok = await t.call(coord, {
      method: 'PUT',
      url: `/api/indicators/${leaf.id}`,
      payload: { no: 'T1.1.2', title: '法治培训人次', kind: 'manual', unit: '人次', weight: 3 },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const after = (await tree(coord)).find((i) => i.id === leaf.id)!;
    assert.equal(after.title, '法治培训人次');
    assert.equal(after.weight, 3);
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'data'])
      .where('entity_id', '=', leaf.id)
      .where('action', '=', 'indicator.updated')
      .execute();
    assert.equal(audit.length, 1);
    const group = items.find((i) => i.no === 'T1.1')!;
    const refused = await t.call(coord, {
      method: 'PUT',
      url: `/api/indicators/${group.id}`,
      payload: { no: 'T1.1', title: '二级分组', kind: 'manual' },
    });
    assert.equal(refused.statusCode, 409);
    assert.equal((await tree(coord)).find((i) => i.id === group.id)!.kind, 'group');
  });

  test('manual entry with evidence; such a node can no longer be removed or retyped; removal order', async () => {
    const items = await tree(coord);
    const leaf = items.find((i) => i.no === 'T1.1.2')!;
    const scj = await t.orgId('SCJ');
    const noEvidence = await t.call(liaison, {
      method: 'PUT',
      url: `/api/indicators/${leaf.id}/entries`,
      payload: { year: 2025, orgId: scj, value: 120, evidence: '' },
    });
    assert.equal(noEvidence.statusCode, 400);
    const entered = await t.call(liaison, {
      method: 'PUT',
      url: `/api/indicators/${leaf.id}/entries`,
      payload: { year: 2025, orgId: scj, value: 120, evidence: '年度培训签到表汇总' },
    });
    assert.equal(entered.statusCode, 200, entered.body);
    const v = (await t.call(liaison, { method: 'GET', url: `/api/indicators?year=2025&orgId=${scj}` }))
      .json()
      .items.find((i: { id: string }) => i.id === leaf.id);
    assert.equal(v.value, 120);
    assert.equal(v.provenanceLabel, '人工填报');
    assert.equal(v.evidence, '年度培训签到表汇总');
    const del = await t.call(coord, { method: 'DELETE', url: `/api/indicators/${leaf.id}` });
    assert.equal(del.statusCode, 409);
    assert.match(del.json().message, /已有人工填报的数据/);
    const retype = await t.call(coord, {
      method: 'PUT',
      url: `/api/indicators/${leaf.id}`,
      payload: { no: 'T1.1.2', title: '法治培训人次', kind: 'computed', sourceCode: 'plan.task_completion_pct' },
    });
    assert.equal(retype.statusCode, 409);
    const group = items.find((i) => i.no === 'T1.1')!;
    assert.equal((await t.call(coord, { method: 'DELETE', url: `/api/indicators/${group.id}` })).statusCode, 409);
    const computed = items.find((i) => i.no === 'T1.1.1')!;
    assert.equal((await t.call(liaison, { method: 'DELETE', url: `/api/indicators/${computed.id}` })).statusCode, 403);
    assert.equal((await t.call(coord, { method: 'DELETE', url: `/api/indicators/${computed.id}` })).statusCode, 200);
    assert.deepEqual(
      (await tree(coord)).map((i) => i.no),
      ['T1', 'T1.1', 'T1.1.2'],
    );
  });
});
