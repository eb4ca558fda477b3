import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { planIndicators } from '../../src/modules/plan/plan.indicators.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

/**
 * Task completion is read as of the end of the report year from the dated progress reports, not from today's
 * status: a task finished in January of the next year was unfinished — and overdue — at the end of its year.
 */
describe('plan figures are point-in-time: task completion as of 31 December', () => {
  let t: TestApp;
  let orgId: string;
  const figure = (code: string, year: number, today: string) =>
    planIndicators.find((i) => i.code === code)!.compute(t.db, { year, orgId, today });

  before(async () => {
    t = await createTestApp();
    orgId = await t.orgId('SCJ');
    const plan = await t.db
      .insertInto('plans')
      .values({
        title: '测试实施方案',
        doc_no: null,
        year_from: 2021,
        year_to: 2025,
        source_sha256: 'x',
        default_due_date: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ch = await t.db
      .insertInto('plan_chapters')
      .values({ plan_id: plan.id, seq: 1, numeral: '一', title: '总体要求' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const task = async (seq: number, reports: [string, number][], progress: number) => {
      const item = await t.db
        .insertInto('plan_items')
        .values({
          plan_id: plan.id,
          chapter_id: ch.id,
          seq,
          numeral: String(seq),
          title: `任务${seq}`,
          body: '内容',
          general: false,
          line_no: seq,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const row = await t.db
        .insertInto('plan_tasks')
        .values({
          plan_id: plan.id,
          item_id: item.id,
          org_id: orgId,
          lead: true,
          due_date: '2025-06-30',
          progress,
          status: progress === 100 ? 'done' : 'open',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      let from = 0;
      for (const [at, to] of reports) {
        await t.db
          .insertInto('plan_progress_reports')
          .values({
            task_id: row.id,
            progress_from: from,
            progress_to: to,
            note: '进展',
            reason: null,
            evidence: '[]',
            reported_by: null,
            reported_at: new Date(at),
          })
          .execute();
        from = to;
      }
    };
    await task(1, [['2025-05-10T10:00:00+08:00', 100]], 100); // done within the year
    await task(
      2,
      [
        ['2025-09-01T10:00:00+08:00', 60],
        ['2026-01-10T10:00:00+08:00', 100],
      ],
      100,
    ); // done next January
    // Reported 100% at 00:30 on 1 January in Beijing (16:30 UTC on 31 December): that is the next year.
    await task(3, [['2025-12-31T16:30:00Z', 100]], 100);
    await task(4, [], 0); // entered with its state, never reported
  });
  after(() => t?.close());

  test('2025 as seen in 2026: only the task finished within 2025 counts as done; the others were overdue', async () => {
    const done = await figure('plan.task_completion_pct', 2025, '2026-03-01');
    assert.equal(done.value, 25);
    assert.match(done.basis, /截至2025-12-31/);
    const overdue = await figure('plan.tasks_overdue', 2025, '2026-03-01');
    assert.equal(overdue.value, 3);
  });
});
