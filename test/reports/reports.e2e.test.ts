import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { WEB_DIST } from '../../src/app.js';
import { DEMO_PASSWORD } from '../../src/platform/seed/demo-data.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { axeSerious, launchBrowser, listen, loginInBrowser, shot } from '../helpers/browser.js';

describe('browser: a liaison drafts and submits the annual report; the coordinator watches the dashboard', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  before(async () => {
    assert.ok(fs.existsSync(`${WEB_DIST}/index.html`), 'web app not built: run npm run build');
    t = await createTestApp({ moduleDemo: true });
    base = await listen(t);
    browser = await launchBrowser();
    page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 }, bypassCSP: true });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('the liaison drafts the 2025 report: figures with provenance, empty required sections refused, then filled and sent for approval', async () => {
    await loginInBrowser(page, base, 'liaison', DEMO_PASSWORD);
    await page.goto(`${base}/admin/reports`);
    await page.getByRole('heading', { name: '法治政府建设年度报告' }).waitFor();
    await page.fill('#report-year', '2025');
    await page.getByRole('button', { name: '起草本单位年度报告' }).click();
    await page.getByRole('heading', { name: '区市场监管局关于2025年度法治政府建设情况的报告' }).waitFor();
    await page.getByText('报告数据及来源').waitFor();
    await page.getByRole('cell', { name: '实施方案年度任务完成率' }).first().waitFor();
    assert.ok((await page.inputValue('#section-measures')).includes('承担实施方案任务'));
    await page.getByRole('button', { name: '报请主要负责人审定' }).click();
    await page.getByText(/以下必备内容尚未填写/).waitFor();
    await page.fill('#section-headDuty', '局主要负责人专题研究法治建设工作4次，带头述法。');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('报告已保存').waitFor();
    await shot(page, 'report-draft');
    const v = await axeSerious(page);
    assert.deepEqual(v, [], JSON.stringify(v, null, 2));
    await page.getByRole('button', { name: '报请主要负责人审定' }).click();
    await page.getByText('待主要负责人审定').first().waitFor();
  });

  test('after the head approves, the liaison submits it to the coordinator', async () => {
    const head = await t.loginAs('head');
    const rep = await t.db.selectFrom('annual_reports').select('id').where('year', '=', 2025).executeTakeFirstOrThrow();
    const res = await t.call(head, { method: 'POST', url: `/api/reports/${rep.id}/approve` });
    assert.equal(res.statusCode, 200, res.body);
    await page.reload();
    await page.getByRole('button', { name: '报送依法治区办' }).click();
    await page.getByText('报告已报送依法治区办').waitFor();
    const row = await t.db
      .selectFrom('annual_reports')
      .select('status')
      .where('id', '=', rep.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'submitted');
  });

  test("the coordinator's dashboard shows report status per unit, plan progress and overdue tasks, with drill-down", async () => {
    await page.context().clearCookies();
    await loginInBrowser(page, base, 'coordinator', DEMO_PASSWORD);
    await page.goto(`${base}/admin/dashboard`);
    await page.getByRole('heading', { name: '统筹看板' }).waitFor();
    await page.fill('#dash-year', '2025');
    await page
      .getByRole('img', { name: /各单位年度报告状态/ })
      .locator('canvas')
      .waitFor();
    await page
      .getByRole('img', { name: /实施方案各章节进度/ })
      .locator('canvas')
      .waitFor();
    const row = page.getByRole('row').filter({ hasText: '区市场监管局' }).first();
    // Submitted, but the 1 April publication date of 2026 has passed: the dashboard says it is late.
    await row.getByText('逾期').waitFor();
    await page.getByText(/超期未完成任务（\d+）/).waitFor();
    await shot(page, 'coordinator-dashboard');
    const v = await axeSerious(page);
    assert.deepEqual(v, [], JSON.stringify(v, null, 2));
    // Indicators by year, computed and manual told apart; a year opens the indicator tree at that indicator.
    await page.getByText('重点指标趋势（2022—2025年').waitFor();
    const trend = page.getByRole('img', { name: /十\.1\.1“实施方案年度任务完成率”逐年数值：2022年.*（系统计算）/ });
    await trend.locator('canvas').waitFor();
    assert.ok((await page.getByText('人工填报').count()) > 0, 'manual indicators are labelled');
    // Drill-down: the "逾期" counter filters the units to those late, each linking to its report.
    await page.getByRole('button', { name: /^年度报告逾期 \d+ 个单位/ }).click();
    await page.getByRole('heading', { name: /各单位情况：年度报告逾期（\d+ 个单位）/ }).waitFor();
    assert.equal(await page.getByRole('row').filter({ hasText: '已公开' }).count(), 0, 'only late units are listed');
    await shot(page, 'coordinator-dashboard-drilldown');
    const v2 = await axeSerious(page);
    assert.deepEqual(v2, [], JSON.stringify(v2, null, 2));
    await page.getByRole('link', { name: /区市场监管局超期任务\d+项/ }).click();
    await page.getByRole('heading', { name: '实施方案任务' }).waitFor();
    assert.match(page.url(), /overdue=1/);
    await page.getByRole('cell', { name: '区市场监管局' }).first().waitFor();
    await page.goBack();
    await page
      .getByRole('link', { name: /^2025年 [\d.]+%$/ })
      .first()
      .click();
    await page.getByRole('heading', { name: '指标体系' }).waitFor();
    assert.match(page.url(), /year=2025&focus=/);
    assert.equal(await page.inputValue('#ind-year'), '2025');
    await page.goBack();
    await page.getByRole('heading', { name: '统筹看板' }).waitFor();
    await page.fill('#dash-year', '2025');
    await row.getByRole('link', { name: '逾期' }).click();
    await page.getByRole('heading', { name: '区市场监管局关于2025年度法治政府建设情况的报告' }).waitFor();
  });

  test('the published 2024 report is on the portal with its ledger badge', async () => {
    await page.goto(`${base}/reports`);
    await page.getByRole('link', { name: /区市场监管局关于2024年度法治政府建设情况的报告/ }).click();
    await page.getByRole('heading', { name: '一、2024年度推进法治政府建设的主要举措和成效' }).waitFor();
    await page.getByText(/已提交上链，等待检查点|已上链存证（第/).waitFor();
    await shot(page, 'portal-report');
    const v = await axeSerious(page);
    assert.deepEqual(v, [], JSON.stringify(v, null, 2));
  });
});
