import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemCtx } from '../../src/platform/access/actor.js';
import { registerDeadline } from '../../src/platform/calendar/index.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';

/**
 * Time comes from the injected clock (CODE_STYLE §5): the same HTTP requests answer differently under two clocks,
 * and follow the clock, not the wall. Both instants lie before any day the suite can run on, so an answer taken
 * from the wall clock would call both deadlines overdue and close them late.
 */
describe('the injected clock decides "today" for reads and commands', () => {
  const before16 = '2026-03-09T02:00:00Z'; // Monday 9 March 2026, 10:00 in Beijing
  const after16 = '2026-03-16T02:00:00Z'; // Monday 16 March 2026
  const clock = fixedClock(before16);
  let t: TestApp;
  let staff: Session;
  let coordinator: Session;
  const ids: Record<string, string> = {};

  before(async () => {
    t = await createTestApp({ clock });
    [staff, coordinator] = await Promise.all(['staff', 'coordinator'].map((u) => t.loginAs(u)));
    const orgId = await t.orgId('SCJ');
    for (const entityId of ['early', 'late']) {
      const row = await t.db.transaction().execute((trx) =>
        registerDeadline(trx, systemCtx('test', clock), {
          entityKind: 'clock_case',
          entityId,
          ruleId: 'penalty.hearing_request',
          triggerDate: '2026-03-06',
          orgId,
        }),
      );
      assert.equal(row.due_date, '2026-03-13');
      ids[entityId] = row.id;
    }
  });
  after(() => t.close());

  const overdueIds = async () => {
    const res = await t.call(coordinator, { method: 'GET', url: '/api/deadlines/overdue' });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { today: string; groups: { items: { id: string; alert: string }[] }[] };
    const items = body.groups.flatMap((g) => g.items).filter((i) => Object.values(ids).includes(i.id));
    return { today: body.today, overdue: items.filter((i) => i.alert === 'overdue').map((i) => i.id) };
  };
  const close = async (id: string) => {
    const res = await t.call(staff, { method: 'POST', url: `/api/deadlines/${id}/close`, payload: {} });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { closedOn: string; met: boolean };
  };

  test('on 9 March the deadline due 13 March is not overdue, and closing it today meets it', async () => {
    assert.deepEqual(await overdueIds(), { today: '2026-03-09', overdue: [] });
    const c = await close(ids.early);
    assert.deepEqual({ closedOn: c.closedOn, met: c.met }, { closedOn: '2026-03-09', met: true });
  });

  test('on 16 March (the clock moved, not the wall) the other one is overdue, and closing it misses it', async () => {
    clock.set(after16);
    assert.deepEqual(await overdueIds(), { today: '2026-03-16', overdue: [ids.late] });
    const c = await close(ids.late);
    assert.deepEqual({ closedOn: c.closedOn, met: c.met }, { closedOn: '2026-03-16', met: false });
    const rows = await t.db
      .selectFrom('deadlines')
      .select(['entity_id', 'closed_at'])
      .where('entity_kind', '=', 'clock_case')
      .orderBy('entity_id')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.entity_id, new Date(r.closed_at!).toISOString()]),
      [
        ['early', new Date(before16).toISOString()],
        ['late', new Date(after16).toISOString()],
      ],
    );
  });
});
