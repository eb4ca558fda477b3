import { MODULES } from '../../src/modules/index.js';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { today } from '../../src/platform/calendar/index.js';
import { computeFigure, indicatorRegistry } from '../../src/modules/indicators/indicators.registry.js';
import { latestCheckpoint } from '../../src/platform/ledger/store.js';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';

interface Fig {
  code: string;
  value: number | null;
  status: string;
  basis: string;
  records: { kind: string; id: string; label: string; link?: string }[];
  recordCount: number;
}

/**
 * The decisions and normative-documents modules plug their figures in through their manifests: the indicator
 * tree and the annual-report drafts (unit and government) on the demo data carry them with provenance.
 */
describe('module figures in the indicator tree and the 2025 reports; government report approved by its head', () => {
  let t: TestApp;
  let coord: Session;
  let liaison: Session;
  let leader: Session;
  let govhead: Session;
  let head: Session;
  let root: string;
  before(async () => {
    t = await createTestApp({ moduleDemo: true });
    [coord, liaison, leader, govhead, head] = await Promise.all(
      ['coordinator', 'liaison', 'leader', 'govhead', 'head'].map((u) => t.loginAs(u)),
    );
    root = (
      await t.db.selectFrom('organizations').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow()
    ).id;
  });
  after(() => t.close());

  test('every decisions.* / normative.* code in the tree is computed by its module (none reported absent)', async () => {
    const items = (await t.call(coord, { method: 'GET', url: '/api/indicators?year=2025' })).json().items as {
      sourceCode: string | null;
      provenance: string;
      provenanceLabel: string;
      value: number | null;
    }[];
    const reg = indicatorRegistry(MODULES);
    const moduleCodes = items.filter((i) => i.sourceCode && /^(decisions|normative)\./.test(i.sourceCode));
    assert.ok(moduleCodes.length >= 5, `expected the module codes in the default tree, got ${moduleCodes.length}`);
    for (const i of moduleCodes) {
      assert.ok(reg.has(i.sourceCode!), `${i.sourceCode} is not provided by any manifest`);
      assert.equal(i.provenance, 'computed', `${i.sourceCode}: ${i.provenanceLabel}`);
      assert.equal(i.provenanceLabel, '系统计算');
    }
    const cat = items.find((i) => i.sourceCode === 'decisions.catalog_items')!;
    assert.ok((cat.value ?? 0) > 0, 'the demo 2025 catalog has items');
  });

  const checkFigures = async (figures: Fig[], orgId: string | null) => {
    const reg = indicatorRegistry(MODULES);
    for (const code of [
      'decisions.catalog_items',
      'decisions.catalog_yoy_pct',
      'decisions.legality_review_coverage_pct',
      'normative.filing_rate_pct',
      'normative.legality_review_coverage_pct',
    ]) {
      const f = figures.find((x) => x.code === code);
      assert.ok(f, `${code} missing from the report`);
      assert.equal(f.status, 'computed');
      assert.ok(f.basis.length > 4, `${code} has a basis`);
      const now = await computeFigure(reg, t.db, code, { year: 2025, orgId, today: today(t.clock.now()) }, 200);
      assert.equal(f.value, now.value, `${code} equals its query`);
      assert.equal(f.recordCount, now.recordCount);
      for (const r of f.records)
        assert.ok(r.link?.startsWith('/admin/'), `${code} record ${r.id} links to the workbench`);
    }
    return figures;
  };

  let govReport: string;
  test('the government-wide 2025 draft carries the decisions and normative figures with provenance', async () => {
    const res = await t.call(coord, { method: 'POST', url: '/api/reports', payload: { orgId: root, year: 2025 } });
    assert.equal(res.statusCode, 201, res.body);
    const r = res.json();
    govReport = r.id;
    assert.ok(r.snapshotAt);
    // A government reports to the same-level Party committee and NPC Standing Committee (RULES §7.1).
    assert.equal(r.defaultRecipient, '区委、区人大常委会');
    // The ledger checkpoint the figures were taken against (none yet on a fresh demo: both null together).
    const cp = await latestCheckpoint(t.db);
    assert.equal(r.ledgerTreeSize, cp ? String(cp.treeSize) : null);
    if (r.ledgerTreeSize !== null) assert.match(r.ledgerRoot, /^[0-9a-f]{64}$/);
    else assert.equal(r.ledgerRoot, null);
    const figs = await checkFigures(r.figures, null);
    const cat = figs.find((f) => f.code === 'decisions.catalog_items')!;
    assert.ok((cat.value ?? 0) > 0);
    assert.match(r.rawSections.measures, new RegExp(`重大行政决策事项目录纳入事项${cat.value}项`));
    // A record behind a decisions figure opens for the coordinator.
    const rec = cat.records[0];
    const api = rec.link!.replace('/admin/', '/api/');
    assert.equal((await t.call(coord, { method: 'GET', url: api })).statusCode, 200, api);
  });

  test('a unit 2025 draft (区市场监管局) carries the same figures, scoped to the unit', async () => {
    const scj = await t.orgId('SCJ');
    const res = await t.call(liaison, { method: 'POST', url: '/api/reports', payload: { orgId: scj, year: 2025 } });
    assert.equal(res.statusCode, 201, res.body);
    const figs = await checkFigures(res.json().figures, scj);
    const filing = figs.find((f) => f.code === 'normative.filing_rate_pct')!;
    const docs = await t.db.selectFrom('normative_docs').select('id').where('org_id', '=', scj).execute();
    for (const r of filing.records)
      assert.ok(
        docs.some((d) => d.id === r.id),
        `record ${r.id} is an SCJ document`,
      );
  });

  test('government report: the principal head of the government approves; leader read-only; a unit head cannot', async () => {
    const r0 = (await t.call(coord, { method: 'GET', url: `/api/reports/${govReport}` })).json();
    const edit = await t.call(coord, {
      method: 'PATCH',
      url: `/api/reports/${govReport}`,
      payload: {
        version: r0.version,
        sections: {
          shortcomings: '个别部门规范性文件报备不够及时，原因是内部流转环节较多。',
          headDuty: '区政府主要负责人主持召开常务会议专题研究法治政府建设，带头述法。',
          nextYear: '继续推进重大行政决策目录管理和规范性文件备案审查。',
        },
      },
    });
    assert.equal(edit.statusCode, 200, edit.body);
    const byLeader = await t.call(leader, {
      method: 'PATCH',
      url: `/api/reports/${govReport}`,
      payload: { version: edit.json().version, sections: { other: '领导改写' } },
    });
    assert.equal(byLeader.statusCode, 403);
    assert.equal(
      (await t.call(coord, { method: 'POST', url: `/api/reports/${govReport}/request-approval` })).statusCode,
      200,
    );
    const seen = await t.call(leader, { method: 'GET', url: `/api/reports/${govReport}` });
    assert.equal(seen.statusCode, 200);
    assert.ok(
      Object.values(seen.json().abilities).every((v) => v === false),
      'leader has no action',
    );
    assert.equal((await t.call(leader, { method: 'POST', url: `/api/reports/${govReport}/approve` })).statusCode, 403);
    const byUnitHead = await t.call(head, { method: 'POST', url: `/api/reports/${govReport}/approve` });
    assert.ok([403, 404].includes(byUnitHead.statusCode), `unit head: ${byUnitHead.statusCode}`);
    assert.equal((await t.call(coord, { method: 'POST', url: `/api/reports/${govReport}/approve` })).statusCode, 403);
    const view = (await t.call(govhead, { method: 'GET', url: `/api/reports/${govReport}` })).json();
    assert.equal(view.abilities.approve, true);
    const ok = await t.call(govhead, { method: 'POST', url: `/api/reports/${govReport}/approve` });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'approved');
    const audit = await t.db
      .selectFrom('audit_events')
      .innerJoin('users', 'users.id', 'audit_events.actor_user_id')
      .select(['audit_events.action', 'users.username'])
      .where('audit_events.entity_id', '=', govReport)
      .where('audit_events.action', '=', 'annual_report.approved')
      .execute();
    assert.deepEqual(audit, [{ action: 'annual_report.approved', username: 'govhead' }]);
    assert.equal((await t.call(leader, { method: 'POST', url: `/api/reports/${govReport}/submit` })).statusCode, 403);
  });

  test('per-task due date: coordinator overrides with a reason; units may not; bad input leaves it unchanged', async () => {
    const scj = await t.orgId('SCJ');
    const task = await t.db
      .selectFrom('plan_tasks')
      .select(['id', 'due_date'])
      .where('org_id', '=', scj)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    const url = `/api/plan/tasks/${task.id}/due-date`;
    assert.equal(
      (await t.call(null, { method: 'PUT', url, payload: { dueDate: '2027-06-30', reason: '按督查意见延期' } }))
        .statusCode,
      401,
    );
    const byUnit = await t.call(liaison, {
      method: 'PUT',
      url,
      payload: { dueDate: '2027-06-30', reason: '工作量大需延期' },
    });
    assert.equal(byUnit.statusCode, 403);
    const noReason = await t.call(coord, { method: 'PUT', url, payload: { dueDate: '2027-06-30', reason: '' } });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.json().message, /理由/);
    const badDate = await t.call(coord, {
      method: 'PUT',
      url,
      payload: { dueDate: '2026-02-30', reason: '按督查意见延期' },
    });
    assert.ok([400, 422].includes(badDate.statusCode));
    const ok = await t.call(coord, {
      method: 'PUT',
      url,
      payload: { dueDate: '2027-06-30', reason: '按督查意见延期' },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const d = (await t.call(liaison, { method: 'GET', url: `/api/plan/tasks/${task.id}` })).json();
    assert.equal(d.dueDate, '2027-06-30');
    assert.equal(d.abilities.setDue, false);
    const audit = await t.db
      .selectFrom('audit_events')
      .select('data')
      .where('entity_id', '=', task.id)
      .where('action', '=', 'plan_task.due_changed')
      .executeTakeFirstOrThrow();
    assert.deepEqual(audit.data, { from: task.due_date, to: '2027-06-30', reason: '按督查意见延期' });
  });
});
