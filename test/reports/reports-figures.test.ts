import { MODULES } from '../../src/modules/index.js';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { today } from '../../src/platform/calendar/index.js';
import { campaignProgress, decideItem, startCampaign } from '../../src/modules/normative-docs/commands/cleanup.js';
import { computeFigure, indicatorRegistry } from '../../src/modules/indicators/indicators.registry.js';
import { reportFigures } from '../../src/modules/reports/reports.draft.js';
import type { RequestCtx } from '../../src/platform/access/actor.js';
import { loadActor } from '../../src/platform/auth/actor-loader.js';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';

const NORMATIVE_CODES = [
  'normative.filing_rate_pct',
  'normative.on_time_filing_pct',
  'normative.conformity_pct',
  'normative.legality_review_coverage_pct',
  'normative.in_force_count',
  'normative.cleanup_summary',
];

/**
 * The annual report carries the normative-document counts and the clean-up result (as seed 004 reports them:
 * "共有现行有效规范性文件66件…继续有效51件…") with provenance, from the normative-documents module's figures.
 */
describe('report figures: normative-document counts and the clean-up summary, with provenance', () => {
  let t: TestApp;
  let coord: Session;
  let root: string;
  let campaignDocs: string[];
  before(async () => {
    t = await createTestApp({ moduleDemo: true });
    coord = await t.loginAs('coordinator');
    root = (
      await t.db.selectFrom('organizations').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow()
    ).id;
    // A 2025 clean-up through the normative module's own commands (the reviewer of 区司法局 runs and decides it).
    const reviewer = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'reviewer')
      .executeTakeFirstOrThrow();
    const ctx: RequestCtx = { actor: await loadActor(t.db, reviewer.id, 'session'), requestId: 't', ip: null };
    const june = new Date('2025-06-02T02:00:00Z');
    const cid = await startCampaign(t.db, ctx, { title: '2025年规范性文件专项清理', dueOn: '2025-12-31' }, june);
    const items = await t.db
      .selectFrom('normative_cleanup_items')
      .select('doc_id')
      .where('campaign_id', '=', cid)
      .execute();
    campaignDocs = items.map((i) => i.doc_id);
    assert.ok(items.length >= 3, `demo documents in force: ${items.length}`);
    const outcomes = ['amend', 'lapse'] as const;
    for (const [i, it] of items.entries())
      await decideItem(
        t.db,
        ctx,
        cid,
        { docId: it.doc_id, outcome: outcomes[i] ?? 'keep', reason: '经评估确定' },
        june,
      );
    const p = await campaignProgress(t.db, cid);
    assert.equal(p.decided, items.length);
  });
  after(() => t.close());

  test('the report takes every normative count the indicator tree offers (from the module manifests)', () => {
    const codes = reportFigures(MODULES).map((f) => f.code);
    for (const c of NORMATIVE_CODES) assert.ok(codes.includes(c), c);
  });

  test('the 2025 government draft carries them, equal to their queries, and (一) states the clean-up result', async () => {
    const res = await t.call(coord, { method: 'POST', url: '/api/reports', payload: { orgId: root, year: 2025 } });
    assert.equal(res.statusCode, 201, res.body);
    const r = res.json();
    const reg = indicatorRegistry(MODULES);
    for (const code of NORMATIVE_CODES) {
      const f = r.figures.find((x: { code: string }) => x.code === code);
      assert.ok(f, `${code} missing from the draft`);
      assert.equal(f.status, 'computed', `${code}: ${f.basis}`);
      const now = await computeFigure(reg, t.db, code, { year: 2025, orgId: null, today: today(t.clock.now()) }, 200);
      assert.equal(f.value, now.value, `${code} equals its query`);
      assert.equal(f.basis, now.basis);
    }
    const cleanup = r.figures.find((x: { code: string }) => x.code === 'normative.cleanup_summary');
    const n = campaignDocs.length;
    assert.equal(cleanup.value, n);
    assert.equal(cleanup.recordCount, n);
    assert.deepEqual(
      cleanup.records.map((x: { id: string }) => x.id).sort(),
      [...campaignDocs].sort(),
      'the records behind the figure are the documents cleaned up',
    );
    assert.ok(cleanup.records.every((x: { link: string }) => x.link.startsWith('/admin/normative-docs/')));
    assert.match(
      r.rawSections.measures,
      new RegExp(
        `（三）加强行政规范性文件管理。.*共清理现行有效规范性文件${n}件：继续有效${n - 2}件，修改1件，废止0件，宣布失效1件`,
      ),
    );
    const inForce = r.figures.find((x: { code: string }) => x.code === 'normative.in_force_count');
    if (inForce.value) assert.match(r.rawSections.measures, new RegExp(`现行有效规范性文件${inForce.value}件`));
  });
});
