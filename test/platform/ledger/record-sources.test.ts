import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { recordSourceKinds, sequence } from '../../../src/platform/ledger/index.js';
import { sweepLedger } from '../../../src/platform/ledger/sweep.js';
import { createTestApp, type TestApp } from '../../helpers/app.js';

/** Every record kind the code anchors, read from the source: `recordKind: '<kind>'` at each anchoring call. */
function anchoredKinds(): string[] {
  const kinds = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts'))
        for (const line of fs.readFileSync(p, 'utf8').split('\n')) {
          if (/^\s*(\*|\/\/)/.test(line)) continue; // documentation, not an anchoring call
          for (const m of line.matchAll(/recordKind: '([a-z_.]+)'/g)) kinds.add(m[1]!);
        }
    }
  };
  walk(path.resolve(import.meta.dirname, '../../../src'));
  return [...kinds].sort();
}

describe('tamper detection covers every record kind the portal shows with a proof', () => {
  let t: TestApp;
  const sweep = async () => {
    while ((await sequence(t.db)).appended > 0) {}
    return sweepLedger(t.db, t.clock.now(), { mode: 'full' });
  };
  const alarms = async () =>
    (await t.db.selectFrom('ledger_alarms').select(['kind', 'record_kind', 'record_id']).execute()).filter(
      (a) => a.kind === 'record_altered' || a.kind === 'record_missing',
    );

  const latest = async (kind: string) =>
    (
      await sql<{ record_id: string }>`select record_id from ledger_entries where record_kind = ${kind}
        order by seq desc limit 1`.execute(t.db)
    ).rows[0]!.record_id;

  before(async () => {
    t = await createTestApp({ moduleDemo: true });
  });
  after(() => t?.close());

  test('every record kind the code can anchor has a registered record source', () => {
    const kinds = anchoredKinds();
    assert.ok(kinds.length >= 10, kinds.join(', '));
    const missing = kinds.filter((k) => !recordSourceKinds().includes(k));
    assert.deepEqual(missing, [], `record kinds anchored without a source: ${missing.join(', ')}`);
  });

  test('on the demo data the full sweep re-derives every anchored record without an alarm', async () => {
    const r = await sweep();
    assert.ok(r.checkedEntries > 0);
    assert.deepEqual(r.problems, []);
    const doc = await latest('normative_doc');
    const pub = (await t.call(null, { method: 'GET', url: `/api/public/normative-docs/${doc}` })).json();
    assert.equal(pub.proof.recordState, 'matches');
  });

  test('editing one row of each kind directly in the database raises an alarm for that kind', async () => {
    const one = latest;
    const doc = await one('normative_doc');
    await sql`update normative_docs set title = title || '（改）' where id = ${doc}`.execute(t.db);
    const ended = (await one('normative_doc_status')).split(':')[0]!;
    await sql`update normative_docs set end_reason = '改过的理由' where id = ${ended}`.execute(t.db);
    const filing = await one('normative_filing_receipt');
    await sql`update normative_filings set submitted_on = submitted_on - 1 where id = ${filing}`.execute(t.db);
    const [campaignId, itemDoc] = (await one('normative_cleanup_outcome')).split(':');
    await sql`update normative_cleanup_items set reason = '改过的清理理由'
              where campaign_id = ${campaignId} and doc_id = ${itemDoc}`.execute(t.db);
    const campaign = await one('normative_cleanup_summary');
    await sql`update normative_cleanup_campaigns set title = title || '（改）' where id = ${campaign}`.execute(t.db);
    const catalog = (await one('normative_annual_catalog')).split(':');
    await sql`update normative_annual_catalogs set title = title || '（改）'
              where org_id = ${catalog[0]} and year = ${Number(catalog[1])} and version = ${Number(catalog[2]!.slice(1))}`.execute(
      t.db,
    );
    const report = await one('annual_report');
    await sql`update annual_reports set title = title || '（改）' where id = ${report}`.execute(t.db);

    await sweep();
    const got = [...new Set((await alarms()).map((a) => a.record_kind))].sort();
    assert.deepEqual(got, [
      'annual_report',
      'normative_annual_catalog',
      'normative_cleanup_outcome',
      'normative_cleanup_summary',
      'normative_doc',
      'normative_doc_status',
      'normative_filing_receipt',
    ]);
  });

  test('the portal never shows an altered record as anchored: its proof says the rows no longer match', async () => {
    const doc = await latest('normative_doc');
    const pub = (await t.call(null, { method: 'GET', url: `/api/public/normative-docs/${doc}` })).json();
    assert.equal(pub.proof.recordState, 'altered');
    const report = await latest('annual_report');
    const rep = (await t.call(null, { method: 'GET', url: `/api/public/reports/${report}` })).json();
    assert.equal(rep.proof.recordState, 'altered');
    // The badge's lookup by hash says so too.
    const found = await t.call(null, {
      method: 'GET',
      url: `/api/public/ledger/entries/by-hash/${pub.proof.leafHash}`,
    });
    assert.equal(found.statusCode, 200, found.body);
    assert.equal(found.json().items[0].recordState, 'altered');
  });
});
