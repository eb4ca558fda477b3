import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';

/**
 * The approver sees what they approve: whoever may read a report may open, read-only, every record its figures
 * link to — and nothing else (platform/access/vouchers.ts, reports.vouchers.ts).
 */
describe("a report's approver reads the department records behind its figures, and only those", () => {
  let t: TestApp;
  let govhead: Session;
  let liaison2: Session;
  let reportId: string;
  let records: { kind: string; api?: string; link?: string }[];
  before(async () => {
    t = await createTestApp({ moduleDemo: true });
    const coordinator = await t.loginAs('coordinator');
    govhead = await t.loginAs('govhead');
    liaison2 = await t.loginAs('liaison2');
    const root = await t.db
      .selectFrom('organizations')
      .select('id')
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    const r = await t.call(coordinator, {
      method: 'POST',
      url: '/api/reports',
      payload: { orgId: root.id, year: 2025 },
    });
    assert.equal(r.statusCode, 201, r.body);
    reportId = r.json().id;
    records = r.json().figures.flatMap((f: { records: unknown[] }) => f.records);
  });
  after(() => t?.close());

  const read = (s: Session, url: string, via?: string) =>
    t.call(s, { method: 'GET', url, headers: via ? { 'x-fazhi-via': via } : {} });

  test('every record kind behind the figures has a link and an API, inspections included', () => {
    const kinds = [...new Set(records.map((r) => r.kind))].sort();
    assert.ok(kinds.length >= 3, kinds.join(', '));
    const unlinked = records.filter((r) => !r.api || !r.link).map((r) => r.kind);
    assert.deepEqual([...new Set(unlinked)], []);
  });

  test('the head of government: 404 on a department record alone, 200 through the report', async () => {
    let opened = 0;
    let hiddenBefore = 0;
    for (const rec of records) {
      const alone = await read(govhead, rec.api!);
      if (alone.statusCode === 404) hiddenBefore++;
      const via = await read(govhead, rec.api!, `report:${reportId}`);
      assert.equal(via.statusCode, 200, `${rec.kind} ${rec.api}: ${via.body}`);
      opened++;
    }
    assert.ok(hiddenBefore > 0, 'some department records are not visible to the head on their own');
    assert.equal(opened, records.length);
  });

  test('nothing else: a record the report does not cite, a write, or a reader who cannot see the report', async () => {
    const rec = records.find((r) => r.kind === 'normative_doc' || r.kind === 'plan_task')!;
    const other = await t.db
      .selectFrom('plan_tasks')
      .select('id')
      .where(
        'id',
        'not in',
        records.filter((r) => r.kind === 'plan_task').map((r) => r.api!.split('/').at(-1)!),
      )
      .executeTakeFirstOrThrow();
    const notCited = await read(govhead, `/api/plan/tasks/${other.id}`, `report:${reportId}`);
    assert.equal(notCited.statusCode, 404);
    // A reader of another unit cannot read the government's report, so its voucher opens nothing.
    const outsider = await read(liaison2, rec.api!, `report:${reportId}`);
    assert.equal(outsider.statusCode, 404);
    // A forged voucher.
    assert.equal((await read(govhead, rec.api!, 'report:not-a-report')).statusCode, 404);
  });
});
