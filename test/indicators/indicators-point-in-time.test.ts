import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { platformIndicators } from '../../src/modules/indicators/indicators.platform.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

/** Overdue deadlines are counted as of the end of the year: one closed only next year was overdue then. */
describe('calendar figures are point-in-time: deadlines overdue at 31 December', () => {
  let t: TestApp;
  let orgId: string;
  before(async () => {
    t = await createTestApp();
    orgId = await t.orgId('SCJ');
    const deadline = (due: string, closedOn: string | null) =>
      t.db
        .insertInto('deadlines')
        .values({
          entity_kind: 'test',
          entity_id: `t-${due}-${closedOn}`,
          rule_id: 'reconsideration.acceptance',
          label: `届满${due}`,
          org_id: orgId,
          trigger_date: due,
          pauses: '[]',
          extensions: '[]',
          due_date: due,
          trace: 'test',
          status: closedOn ? 'closed' : 'open',
          responsible_user_ids: '[]',
          closed_on: closedOn,
          closed_at: null,
          met: closedOn ? closedOn <= due : null,
        })
        .execute();
    await deadline('2025-06-30', '2025-06-20'); // met in time
    await deadline('2025-09-30', '2026-01-15'); // closed late, in the next year: overdue at the end of 2025
    await deadline('2025-11-30', null); // still open
  });
  after(() => t?.close());

  test('2025 as seen in March 2026 counts the two deadlines open on 31 December 2025', async () => {
    const f = await platformIndicators
      .find((i) => i.code === 'calendar.deadlines_overdue')!
      .compute(t.db, { year: 2025, orgId, today: '2026-03-01' });
    assert.equal(f.value, 2);
    assert.match(f.basis, /截至2025-12-31/);
  });
});
