import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../src/platform/seed/demo-data.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { axeSerious, launchBrowser, listen, loginInBrowser } from './helpers/browser.js';

/**
 * Every workbench page, for every kind of user, on the full demo district: each menu entry is opened and the
 * page must load without a script error and without the page itself asking the server for something that fails
 * (a 5xx, or a 4xx on a read — a page must not fetch what its user may not see). The module tests check what
 * pages do; this one checks that no page is broken for a role nobody tried.
 */
const USERS = ['admin', 'coordinator', 'reviewer', 'leader', 'liaison', 'head', 'officer', 'adviser', 'liaison2'];

describe('browser: every workbench page opens cleanly for every demo role', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  before(async () => {
    t = await createTestApp({ moduleDemo: true });
    base = await listen(t);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('the public portal: every menu page opens for an anonymous citizen, with no serious accessibility violation', async (tc) => {
    // bypassCSP only so that axe can be injected; the workbench pages below run under the real policy.
    const ctx = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 }, bypassCSP: true });
    const page = await ctx.newPage();
    const problems: string[] = [];
    let where = '首页';
    page.on('pageerror', (e) => problems.push(`${where}: 脚本错误 ${e.message}`));
    page.on('response', (r) => {
      if (r.url().includes('/api/') && (r.status() >= 500 || (r.request().method() === 'GET' && r.status() >= 400 && !r.url().includes('/api/auth/me'))))
        problems.push(`${where}: ${r.url().replace(base, '')} → ${r.status()}`);
    });
    await page.goto(`${base}/`);
    const items = page.locator('.ant-menu-item');
    await items.first().waitFor();
    const n = await items.count();
    for (let i = 0; i < n; i++) {
      where = (await items.nth(i).innerText()).trim();
      await items.nth(i).click();
      await page.waitForLoadState('networkidle');
      for (const v of await axeSerious(page)) problems.push(`${where}: 无障碍 ${v.id} ${v.targets.slice(0, 2).join(' ')}`);
    }
    tc.diagnostic(`portal: ${n} pages opened`);
    await ctx.close();
    assert.deepEqual(problems, []);
  });

  for (const user of USERS) {
    test(`${user}: every menu entry`, async (tc) => {
      const ctx = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
      const page: Page = await ctx.newPage();
      const problems: string[] = [];
      let where = '';
      page.on('pageerror', (e) => problems.push(`${where}: 脚本错误 ${e.message}`));
      page.on('response', (r) => {
        const url = r.url();
        if (!url.includes('/api/')) return;
        const method = r.request().method();
        if (r.status() >= 500 || (method === 'GET' && r.status() >= 400 && !url.includes('/api/auth/me'))) {
          problems.push(`${where}: ${method} ${url.replace(base, '')} → ${r.status()}`);
        }
      });
      await loginInBrowser(page, base, user, DEMO_PASSWORD);
      const items = page.locator('.ant-menu-item');
      await items.first().waitFor();
      const n = await items.count();
      assert.ok(n >= 3, `${user} sees only ${n} menu entries`);
      for (let i = 0; i < n; i++) {
        const item = items.nth(i);
        where = `${user} › ${(await item.innerText()).trim()}`;
        await item.click();
        await page.waitForLoadState('networkidle');
        // A page that failed to render shows antd's error result or nothing at all in the content area.
        if (await page.locator('.ant-result-error, .ant-result-500').count()) problems.push(`${where}: 页面显示错误结果`);
        if (!(await page.locator('main, .ant-layout-content').first().innerText()).trim()) problems.push(`${where}: 页面为空`);
      }
      await ctx.close();
      tc.diagnostic(`${user}: ${n} pages opened`);
      assert.deepEqual(problems, []);
    });
  }
});
