import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { today } from '../../src/platform/calendar/index.js';
import { decisionsModule } from '../../src/modules/decisions/decisions.module.js';
import { seedDecisionsDemo } from '../../src/modules/decisions/decisions.demo.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

describe('decisions demo data and indicators', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await seedDecisionsDemo(t.db, t.clock);
  });
  after(() => t.close());

  test('2025 and 2026 district catalogs: 11 and 20 items, +81.8% computed from data', async () => {
    const ind = (code: string) => decisionsModule.indicators!.find((i) => i.code === code)!;
    const items = await ind('decisions.catalog_items').compute(t.db, {
      year: 2026,
      orgId: null,
      today: today(t.clock.now()),
    });
    assert.equal(items.value, 20);
    assert.equal(items.records.length, 20);
    const prev = await ind('decisions.catalog_items').compute(t.db, {
      year: 2025,
      orgId: null,
      today: today(t.clock.now()),
    });
    assert.equal(prev.value, 11);
    const yoy = await ind('decisions.catalog_yoy_pct').compute(t.db, {
      year: 2026,
      orgId: null,
      today: today(t.clock.now()),
    });
    assert.equal(yoy.value, 81.8);
    const cov = await ind('decisions.legality_review_coverage_pct').compute(t.db, {
      year: 2025,
      orgId: null,
      today: today(t.clock.now()),
    });
    assert.equal(cov.value, 100);
    const forms = await ind('decisions.participation_forms').compute(t.db, {
      year: 2025,
      orgId: null,
      today: today(t.clock.now()),
    });
    assert.equal(forms.value, 2);
    const sched = await ind('decisions.on_schedule_pct').compute(t.db, {
      year: 2025,
      orgId: null,
      today: today(t.clock.now()),
    });
    // 9 completed, 2 still executing past their planned date; 3 completed late (2025-08-15, 2025-12-10 and none else).
    assert.ok(sched.value !== null && sched.value > 0 && sched.value < 100, `on-schedule ${sched.value}`);
    // A department's share of the government's catalog: the items it leads, counted from the lead unit.
    const scj = await t.orgId('SCJ');
    const led = await ind('decisions.led_items').compute(t.db, { year: 2026, orgId: scj, today: today(t.clock.now()) });
    const expected = await t.db
      .selectFrom('decisions')
      .innerJoin('decision_catalogs', 'decision_catalogs.id', 'decisions.catalog_id')
      .select('decisions.id')
      .where('decisions.lead_org_id', '=', scj)
      .where('decision_catalogs.year', '=', 2026)
      .where('decision_catalogs.status', '=', 'published')
      .where('decisions.in_catalog', '=', true)
      .where('decisions.status', '!=', 'withdrawn')
      .execute();
    assert.ok(expected.length > 0, 'the demo has items led by the market regulator');
    assert.equal(led.value, expected.length);
    assert.deepEqual(led.records.map((r) => r.id).sort(), expected.map((e) => e.id).sort());
    assert.equal(
      (await ind('decisions.led_items').compute(t.db, { year: 2026, orgId: null, today: today(t.clock.now()) })).value,
      null,
    );
    const statuses = await t.db.selectFrom('decisions').select(['status']).execute();
    const set = new Set(statuses.map((s) => s.status));
    for (const s of [
      'proposed',
      'drafting',
      'participation',
      'legality_review',
      'collective_discussion',
      'executing',
      'completed',
    ])
      assert.ok(set.has(s), `a demo item in ${s}`);
  });

  test('seeding twice adds nothing', async () => {
    const before = await t.db.selectFrom('decisions').select('id').execute();
    await seedDecisionsDemo(t.db, t.clock);
    assert.equal((await t.db.selectFrom('decisions').select('id').execute()).length, before.length);
  });
});
