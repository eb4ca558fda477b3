import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { WEB_DIST } from '../../src/app.js';
import { seedNormativeDemo } from '../../src/modules/normative-docs/normative.demo.js';
import { addCalendarDays, today } from '../../src/platform/calendar/index.js';
import { DEMO_PASSWORD } from '../../src/platform/seed/demo-data.js';
import { systemClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { axeSerious, launchBrowser, listen, loginInBrowser, shot } from '../helpers/browser.js';

describe('browser: the legality-review body runs a clean-up campaign in the workbench', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  before(async () => {
    assert.ok(fs.existsSync(`${WEB_DIST}/index.html`), 'web app not built: run npm run build');
    // The system clock, not the fixed test clock: the browser's date widgets and default dates use its own
    // (wall-clock) today, and a server on another day would refuse or misread them.
    t = await createTestApp({ clock: systemClock });
    await seedNormativeDemo(t.db, t.clock);
    base = await listen(t);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('start, decide one document, see progress per unit and the summary figures', async () => {
    const inForce = await t.db.selectFrom('normative_docs').select('id').where('status', '=', 'in_force').execute();
    assert.ok(inForce.length > 1, 'the demo has documents in force');
    const p = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 }, bypassCSP: true });
    await loginInBrowser(p, base, 'reviewer', DEMO_PASSWORD);
    await p.goto(`${base}/admin/normative-cleanups`);
    await p.getByRole('button', { name: '启动清理' }).click();
    await p.getByLabel('清理名称', { exact: true }).fill('2026年度行政规范性文件全面清理');
    const due = p.getByLabel('完成期限', { exact: true });
    await due.click();
    await due.fill(addCalendarDays(today(t.clock.now()), 60));
    await due.press('Enter');
    await p.getByRole('button', { name: '启动', exact: true }).click();
    // The demo's completed clean-up is listed too: the open campaign's summary is the one with undecided documents
    // (waited for by its text, so a list still showing only the completed campaign does not match).
    const summary = p.getByTestId('cleanup-summary').filter({ hasText: '尚未确定' });
    await summary.waitFor();
    assert.match(
      (await summary.textContent()) ?? '',
      new RegExp(
        `清理范围 ${inForce.length} 件现行有效文件：继续有效 0 件、修改 0 件、废止 0 件、宣布失效 0 件；尚未确定 ${inForce.length} 件`,
      ),
    );
    await p
      .getByRole('button', { name: /^确定结果：/ })
      .first()
      .click();
    await p.getByLabel('清理结果', { exact: true }).click();
    await p.locator('.ant-select-dropdown:visible').getByText('继续有效', { exact: true }).click();
    await p.getByLabel('理由', { exact: true }).fill('仍然符合上位法和实际需要。');
    await p.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' });
    await p.getByRole('button', { name: '提交' }).click();
    await p.locator('.ant-modal:visible').waitFor({ state: 'detached' });
    await p
      .getByText(`继续有效 1 件、修改 0 件、废止 0 件、宣布失效 0 件；尚未确定 ${inForce.length - 1} 件`)
      .waitFor();
    await p.getByRole('button', { name: '完成清理' }).click();
    await p.getByText(/还有 \d+ 件文件未确定清理结果/).waitFor();
    assert.deepEqual(await axeSerious(p), []);
    await shot(p, 'normative-cleanup');
    const decided = await t.db
      .selectFrom('normative_cleanup_items as i')
      .innerJoin('normative_cleanup_campaigns as c', 'c.id', 'i.campaign_id')
      .select(['i.outcome', 'i.reason'])
      .where('c.status', '=', 'open')
      .where('i.outcome', 'is not', null)
      .execute();
    assert.deepEqual(decided, [{ outcome: 'keep', reason: '仍然符合上位法和实际需要。' }]);
  });
});
