import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { WEB_DIST } from '../../src/app.js';
import { DEMO_PASSWORD } from '../../src/platform/seed/demo-data.js';
import { systemClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { axeSerious, launchBrowser, listen, loginInBrowser, shot } from '../helpers/browser.js';

describe('browser: government inspection (plan, 督办单, answer) and a manual indicator figure', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let inspectionId: string;
  const newPage = async (username: string): Promise<Page> => {
    const ctx = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 }, bypassCSP: true });
    const page = await ctx.newPage();
    await loginInBrowser(page, base, username, DEMO_PASSWORD);
    return page;
  };
  before(async () => {
    assert.ok(fs.existsSync(`${WEB_DIST}/index.html`), 'web app not built: run npm run build');
    // The system clock, not the fixed test clock: the browser's date widgets and default dates use its own
    // (wall-clock) today, and a server on another day would refuse or misread them.
    t = await createTestApp({ moduleDemo: true, clock: systemClock });
    base = await listen(t);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test("the coordinator writes an inspection plan; it awaits the government head's approval", async () => {
    const page = await newPage('coordinator');
    await page.goto(`${base}/admin/inspections`);
    await page.getByRole('heading', { name: '政府督查' }).waitFor();
    // Saving with fields empty: the form says what is missing and nothing is created.
    await page.getByRole('button', { name: '保存督查方案' }).click();
    await page.getByText('请填写督查事项').waitFor();
    await page.fill('#inspection-plan_title', '行政执法三项制度落实情况督查');
    await page.fill('#inspection-plan_basis', '区政府第12次常务会议决定开展专项督查');
    await page.fill('#inspection-plan_scope', '行政执法公示、全过程记录、重大执法决定法制审核');
    await page.fill('#inspection-plan_methods', '听取汇报、查阅案卷、随机抽查');
    await page.fill('#inspection-plan_startsOn', '2026-11-01');
    await page.fill('#inspection-plan_endsOn', '2026-12-31');
    await page.locator('#inspection-plan_targetOrgIds').click();
    await page.keyboard.type('区市场监管局');
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '区市场监管局' }).first().click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '保存督查方案' }).click();
    await page.getByRole('heading', { name: '行政执法三项制度落实情况督查' }).waitFor();
    inspectionId = page.url().split('/').pop()!;
    // The coordinator cannot approve the plan: it goes to the government's head (第十一条).
    await page.getByText('督查方案须报本级人民政府行政首长批准后方可开始督查').waitFor();
    assert.equal(await page.getByRole('button', { name: '批准督查方案' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: '开始督查' }).count(), 0);
    const v1 = await axeSerious(page);
    assert.deepEqual(v1, [], JSON.stringify(v1, null, 2));
    await page.context().close();
  });

  test('the government head approves the inspection plan with an instruction', async () => {
    const page = await newPage('govhead');
    await page.goto(`${base}/admin/inspections`);
    await page.getByRole('link', { name: '行政执法三项制度落实情况督查' }).click();
    await page.getByText('方案待批准').first().waitFor();
    // Approving without an instruction is refused by the form; nothing is sent.
    await page.getByRole('button', { name: '批准督查方案' }).click();
    await page.getByText('请填写批准意见（批示）').waitFor();
    await page.fill('#approve-inspection_opinion', '同意。请严格控制督查频次和时限，不得增加基层负担。');
    await page.getByRole('button', { name: '批准督查方案' }).click();
    await page.getByText('督查方案已批准').first().waitFor();
    await page.getByText('方案已批准', { exact: true }).waitFor();
    await shot(page, 'inspection-govhead-approval');
    const v = await axeSerious(page);
    assert.deepEqual(v, [], JSON.stringify(v, null, 2));
    const row = await t.db
      .selectFrom('inspections')
      .select(['status', 'approval_opinion'])
      .where('id', '=', inspectionId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, {
      status: 'approved',
      approval_opinion: '同意。请严格控制督查频次和时限，不得增加基层负担。',
    });
    await page.context().close();
  });

  test('the coordinator starts the approved inspection and issues a 督办单', async () => {
    const page = await newPage('coordinator');
    await page.goto(`${base}/admin/inspections/${inspectionId}`);
    await page.getByText(/林区长.*批准：同意/).waitFor();
    await page.getByRole('button', { name: '开始督查' }).click();
    await page.getByRole('button', { name: '下发' }).waitFor();
    await page.fill('#issue-order_content', '请于本月底前报送2026年行政执法案卷自查情况');
    await page.fill('#issue-order_dueDate', '2026-12-15');
    await page.getByRole('button', { name: '下发' }).click();
    await page.getByText('督办单已下发').waitFor();
    await page.getByText('待答复').waitFor();
    await shot(page, 'inspection-coordinator');
    const v2 = await axeSerious(page);
    assert.deepEqual(v2, [], JSON.stringify(v2, null, 2));
    const row = await t.db
      .selectFrom('inspections')
      .select(['status', 'title'])
      .where('id', '=', inspectionId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'in_progress', title: '行政执法三项制度落实情况督查' });
    await page.context().close();
  });

  test('the unit liaison answers the 督办单', async () => {
    const page = await newPage('liaison');
    await page.goto(`${base}/admin/inspections`);
    await page.getByRole('link', { name: '行政执法三项制度落实情况督查' }).click();
    await page.getByText('待答复（展开本行答复）').waitFor();
    await page.getByRole('button', { name: '展开行' }).first().click();
    const order = await t.db
      .selectFrom('inspection_orders')
      .select('id')
      .where('inspection_id', '=', inspectionId)
      .executeTakeFirstOrThrow();
    // An empty answer is refused by the form; nothing is sent.
    await page.getByRole('button', { name: '提交答复' }).click();
    await page.getByText('请填写办理情况').waitFor();
    await page.fill(`#answer-${order.id}_answer`, '已完成2026年行政执法案卷自查，共抽查案卷40件，问题均已整改。');
    await page.getByRole('button', { name: '提交答复' }).click();
    await page.getByText('督办单已答复').waitFor();
    await page.getByText('已答复', { exact: true }).waitFor();
    await shot(page, 'inspection-liaison');
    const v = await axeSerious(page);
    assert.deepEqual(v, [], JSON.stringify(v, null, 2));
    const row = await t.db
      .selectFrom('inspection_orders')
      .select(['status', 'answer'])
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'answered');
    assert.match(row.answer!, /抽查案卷40件/);
    await page.context().close();
  });

  test('the liaison enters a manual indicator figure with evidence; it is labelled 人工填报', async () => {
    const page = await newPage('liaison');
    await page.goto(`${base}/admin/indicators`);
    await page.getByRole('heading', { name: '指标体系' }).waitFor();
    await page.fill('#ind-year', '2025');
    await page.getByRole('button', { name: '填报 24' }).click();
    await page.getByRole('button', { name: '保存填报' }).click();
    await page.getByText('请填写佐证说明').waitFor();
    await page.fill('#indicator-entry_value', '96');
    await page.fill('#indicator-entry_evidence', '2025年度行政执法案卷评查结果汇总表');
    await page.getByRole('button', { name: '保存填报' }).click();
    await page.getByRole('cell', { name: '人工填报' }).first().waitFor();
    await shot(page, 'indicators-manual');
    const v = await axeSerious(page);
    assert.deepEqual(v, [], JSON.stringify(v, null, 2));
    const scj = await t.orgId('SCJ');
    const e = await t.db
      .selectFrom('indicator_entries')
      .innerJoin('indicators', 'indicators.id', 'indicator_entries.indicator_id')
      .select(['indicator_entries.value', 'indicator_entries.evidence', 'indicator_entries.year'])
      .where('indicators.no', '=', '24')
      .where('indicator_entries.org_id', '=', scj)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      { ...e, value: Number(e.value) },
      { value: 96, evidence: '2025年度行政执法案卷评查结果汇总表', year: 2025 },
    );
    await page.context().close();
  });
});
