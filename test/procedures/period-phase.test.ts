import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fixedClock } from '../../src/platform/clock.js';
import { assertPeriodOpen, periodPhase } from '../../src/procedures/public-comment/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { makeNormativeDoc } from '../factories/normative-docs.js';

/** Beijing midnight of a date, as the UTC instant (UTC+8). */
const beijing = (date: string, time = '00:00') => new Date(`${date}T${time}:00+08:00`);
const period = { open: true, opensOn: '2026-06-15', closesOn: '2026-06-30' };

describe('a comment period’s public status is derived in one place, from its dates and state, in Beijing time', () => {
  test('at the edges of the window', () => {
    assert.equal(periodPhase(period, beijing('2026-06-14', '23:59')), 'upcoming');
    assert.equal(periodPhase(period, beijing('2026-06-15', '00:00')), 'open');
    // 16:30 UTC on 14 June is already 15 June in Beijing.
    assert.equal(periodPhase(period, new Date('2026-06-14T16:30:00Z')), 'open');
    assert.equal(periodPhase(period, beijing('2026-06-30', '23:59')), 'open');
    assert.equal(periodPhase(period, beijing('2026-07-01', '00:00')), 'closed');
    // Closed by the unit before its last day: closed, whatever the dates say.
    assert.equal(periodPhase({ ...period, open: false }, beijing('2026-06-20')), 'closed');
  });

  test('the intake refuses exactly what the portal shows as not open', () => {
    for (const at of ['2026-06-14T23:59', '2026-06-15T00:00', '2026-06-30T23:59', '2026-07-01T00:00']) {
      const [d, t] = at.split('T') as [string, string];
      const now = beijing(d, t);
      const accepts = (() => {
        try {
          assertPeriodOpen(period, now);
          return true;
        } catch {
          return false;
        }
      })();
      assert.equal(accepts, periodPhase(period, now) === 'open', at);
    }
  });

  describe('the portal’s normative drafts', () => {
    let t: TestApp;
    const clock = fixedClock(beijing('2026-06-14', '12:00'));
    let id: string;
    before(async () => {
      t = await createTestApp({ clock });
      id = (
        await makeNormativeDoc(t, {
          status: 'commenting',
          columns: { comment_start: '2026-06-15', comment_end: '2026-06-30' },
        })
      ).id;
    });
    after(() => t?.close());
    const draft = async () => (await t.call(null, { method: 'GET', url: `/api/public/normative-drafts/${id}` })).json();

    test('before, during and after the window: 尚未开始, 正在征求意见, 征求意见已截止 — never "not started" after it ended', async () => {
      assert.deepEqual(((d) => [d.phase, d.phaseLabel, d.open])(await draft()), ['upcoming', '尚未开始', false]);
      clock.set(beijing('2026-06-15', '00:00'));
      assert.deepEqual(((d) => [d.phase, d.phaseLabel, d.open])(await draft()), ['open', '正在征求意见', true]);
      clock.set(beijing('2026-07-01', '00:00'));
      assert.deepEqual(((d) => [d.phase, d.phaseLabel, d.open])(await draft()), ['closed', '征求意见已截止', false]);
      const list = (await t.call(null, { method: 'GET', url: '/api/public/normative-drafts' })).json();
      assert.equal(list.items.find((x: { id: string }) => x.id === id).phaseLabel, '征求意见已截止');
    });
  });
});
