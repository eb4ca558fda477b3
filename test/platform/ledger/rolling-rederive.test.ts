import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { sequence } from '../../../src/platform/ledger/index.js';
import { rollingWindow, sweepLedger, sweepSettingsFromEnv } from '../../../src/platform/ledger/sweep.js';
import { createTestApp, type TestApp } from '../../helpers/app.js';

describe('rolling re-derivation: an edit to an old record is found within the bound, not at the next full sweep', () => {
  test('the window goes round the older leaves in slices of ⌈m × interval / bound⌉', () => {
    assert.deepEqual(rollingWindow(0, 0, 15, 60), { ranges: [], next: 0 });
    assert.deepEqual(rollingWindow(100, 0, 15, 60), { ranges: [[0, 25]], next: 25 });
    assert.deepEqual(rollingWindow(100, 90, 15, 60), {
      ranges: [
        [90, 100],
        [0, 15],
      ],
      next: 15,
    });
    assert.deepEqual(rollingWindow(10, 3, 60, 60), {
      ranges: [
        [3, 10],
        [0, 3],
      ],
      next: 3,
    });
    // A cursor beyond a log that shrank starts again from the beginning.
    assert.deepEqual(rollingWindow(10, 40, 15, 60), { ranges: [[0, 3]], next: 3 });
    // Four runs cover every leaf.
    let cursor = 0;
    const seen = new Set<number>();
    for (let run = 0; run < 4; run++) {
      const w = rollingWindow(1001, cursor, 15, 60);
      for (const [a, b] of w.ranges) for (let i = a; i < b; i++) seen.add(i);
      cursor = w.next;
    }
    assert.equal(seen.size, 1001);
  });

  test('the bound is configuration with a documented default, and a typo falls back to it', () => {
    assert.equal(sweepSettingsFromEnv({}).rederiveBoundMs, 60 * 60_000);
    assert.equal(sweepSettingsFromEnv({ FAZHI_LEDGER_REDERIVE_MINUTES: '20' }).rederiveBoundMs, 20 * 60_000);
    assert.equal(sweepSettingsFromEnv({ FAZHI_LEDGER_REDERIVE_MINUTES: '0' }).rederiveBoundMs, 60 * 60_000);
  });

  describe('on the demo data', () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp({ moduleDemo: true });
      while ((await sequence(t.db)).appended > 0) {}
    });
    after(() => t?.close());

    test('incremental runs at the job cadence find an edited old report within four runs', async () => {
      const full = await sweepLedger(t.db, t.clock.now(), { mode: 'full' });
      assert.deepEqual(full.problems, []);
      const report = (
        await sql<{
          record_id: string;
        }>`select record_id from ledger_entries where record_kind = 'annual_report'`.execute(t.db)
      ).rows[0]!.record_id;
      await sql`update annual_reports set title = title || '（改）' where id = ${report}`.execute(t.db);
      const opts = { mode: 'incremental' as const, intervalMs: 15 * 60_000, rederiveBoundMs: 60 * 60_000 };
      let found = -1;
      let rederived = 0;
      for (let run = 1; run <= 4 && found < 0; run++) {
        const r = await sweepLedger(t.db, t.clock.now(), opts);
        assert.equal(r.mode, 'incremental');
        rederived += r.rederived;
        if (r.problems.some((p) => p.kind === 'record_altered' && p.recordKind === 'annual_report')) found = run;
      }
      assert.ok(found > 0, `not found after four runs (${rederived} records re-derived)`);
      assert.ok(rederived > 0);
    });
  });
});
