import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { sequence } from '../../../src/platform/ledger/index.js';
import { browserApp, shot } from '../../helpers/browser.js';

/** A citizen reading a record whose rows were edited behind the application is told so, never "已上链". */
describe('browser: the portal shows the discrepancy for a record altered after it was anchored', () => {
  let b: Awaited<ReturnType<typeof browserApp>>;
  let docId: string;
  before(async () => {
    b = await browserApp({ moduleDemo: true });
    while ((await sequence(b.t.db)).appended > 0) {}
    docId = (
      await sql<{ record_id: string }>`select record_id from ledger_entries where record_kind = 'normative_doc'
        order by seq limit 1`.execute(b.t.db)
    ).rows[0]!.record_id;
  });
  after(() => b?.close());

  test('before the edit the document is shown as anchored; after it, as not matching its anchored copy', async () => {
    const { page, base, t } = b;
    await page.goto(`${base}/normative-docs/${docId}`);
    await page.getByText(/已上链存证（第 \d+ 号记录）/).waitFor();
    await sql`update normative_docs set body = body || '（未经程序增加的条款）' where id = ${docId}`.execute(t.db);
    await page.reload();
    await page.getByText('内容与上链存证不一致：本页内容在存证后被改动，请以存证原文为准').waitFor();
    assert.equal(await page.getByText(/已上链存证（第/).count(), 0);
    await shot(page, 'portal-normative-altered');
  });
});
