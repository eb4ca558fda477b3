import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { axeSerious, launchBrowser, listen, shot } from '../../helpers/browser.js';

describe('browser: a citizen uses the public deadline calculator', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  before(async () => {
    t = await createTestApp();
    base = await listen(t);
    browser = await launchBrowser();
    page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 900 }, bypassCSP: true });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('20 working days across National Day 2025 with the make-up Sunday and Saturday: due 2025-10-30', async () => {
    await page.goto(`${base}/calendar`);
    await page.getByRole('heading', { name: '法定期限计算器' }).waitFor();
    await page.getByRole('combobox', { name: '期限规则' }).click();
    // Pick the information-disclosure reply rule by its Chinese label.
    await page.getByRole('combobox', { name: '期限规则' }).fill('政府信息公开');
    await page.locator('.ant-select-item-option', { hasText: '答复' }).first().click();
    await page.fill('input[type=date]', '2025-09-26');
    await page.getByRole('button', { name: '计算' }).click();
    const result = page.locator('.ant-card', { hasText: '计算结果' });
    await result.waitFor();
    const text = await result.innerText();
    assert.match(text, /2025-10-30/, text);
    assert.match(text, /国庆/, text);
    await shot(page, 'portal-calculator');
    const v = await axeSerious(page);
    assert.deepEqual(v, [], JSON.stringify(v, null, 2));
  });
});
