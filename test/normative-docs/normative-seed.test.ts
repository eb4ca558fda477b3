import assert from 'node:assert/strict';
import { test } from 'node:test';
import { today } from '../../src/platform/calendar/index.js';
import { seedDemoLaws } from '../../src/modules/laws/laws.demo.js';
import { seedNormativeDemo } from '../../src/modules/normative-docs/normative.demo.js';
import { normativeIndicators } from '../../src/modules/normative-docs/normative.indicators.js';
import { createTestApp } from '../helpers/app.js';

test('demo seed: documents in every state through the real commands, sweep lapses the 2021 document', async (t) => {
  const ta = await createTestApp();
  t.after(() => ta.close());
  const laws = await seedDemoLaws(ta.db);
  assert.ok(laws >= 4, `demo laws imported: ${laws}`);
  await seedNormativeDemo(ta.db, ta.clock);
  const rows = await ta.db
    .selectFrom('normative_docs')
    .select(['title', 'status', 'registration_no', 'valid_until', 'needs_review'])
    .orderBy('created_at')
    .execute();
  const byStatus = (s: string) => rows.filter((r) => r.status === s).length;
  assert.equal(byStatus('in_force'), 4);
  assert.equal(byStatus('expired'), 1);
  assert.equal(byStatus('legality_review'), 1);
  assert.equal(byStatus('commenting'), 1);
  assert.equal(byStatus('draft'), 1);
  const tasks = await ta.db.selectFrom('normative_review_tasks').select(['kind']).execute();
  assert.deepEqual(
    tasks.map((x) => x.kind),
    ['expiry_evaluation'],
  );
  const figures: Record<string, number | null> = {};
  for (const ind of normativeIndicators)
    figures[ind.code] = (await ind.compute(ta.db, { year: 2026, orgId: null, today: today(ta.clock.now()) })).value;
  // 2026: two published (the district measures, filed late; the e-commerce notice, filing overdue).
  assert.equal(figures['normative.filing_rate_pct'], 50);
  assert.equal(figures['normative.on_time_filing_pct'], 0);
  assert.equal(figures['normative.conformity_pct'], 100);
  assert.equal(figures['normative.legality_review_coverage_pct'], 100);
  assert.equal(figures['normative.in_force_count'], 4);
  // The market regulator's annual catalogs for 2024 and 2025 are on the portal, each with the documents it made.
  const cats = (await ta.call(null, { method: 'GET', url: '/api/public/normative-catalogs' })).json();
  const scjCats = cats.items.filter((c: { title: string }) => c.title.includes('市场监管局'));
  assert.deepEqual(scjCats.map((c: { year: number }) => c.year).sort(), [2024, 2025]);
  for (const c of scjCats) {
    assert.ok(c.counts.made >= 1, JSON.stringify(c.counts));
    assert.match(c.leafHash, /^[0-9a-f]{64}$/);
  }
  // Seeding twice does nothing.
  await seedNormativeDemo(ta.db, ta.clock);
  assert.equal((await ta.db.selectFrom('normative_docs').select('id').execute()).length, rows.length);
});
