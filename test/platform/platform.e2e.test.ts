import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { WEB_DIST } from '../../src/app.js';
import { DEMO_PASSWORD } from '../../src/platform/seed/demo-data.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { axeSerious, launchBrowser, listen, loginInBrowser, shot } from '../helpers/browser.js';

describe('browser: a newcomer administers the demo district', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  before(async () => {
    assert.ok(fs.existsSync(`${WEB_DIST}/index.html`), 'web app not built: run npm run build');
    t = await createTestApp();
    base = await listen(t);
    browser = await launchBrowser();
    page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 }, bypassCSP: true });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('the portal home is public, Chinese, and has no serious accessibility violations', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: /政务公开/ }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    await shot(page, 'portal-home');
    const v = await axeSerious(page);
    assert.deepEqual(v, [], JSON.stringify(v, null, 2));
  });

  test('the login page has no serious accessibility violations and shows a Chinese error on bad credentials', async () => {
    await page.goto(`${base}/login`);
    await page.getByRole('heading', { name: /工作台登录/ }).waitFor();
    const v = await axeSerious(page);
    assert.deepEqual(v, [], JSON.stringify(v, null, 2));
    await page.fill('#username', 'admin');
    await page.fill('#password', 'not-the-password');
    await page.click('button[type=submit]');
    await page.getByRole('alert').filter({ hasText: '用户名或密码不正确' }).waitFor();
    await shot(page, 'login-error');
  });

  test('admin logs in, creates a unit and a user, and sees both in the audit log', async () => {
    // This page keeps the server's Content-Security-Policy (the axe pages above bypass it to inject axe): the
    // workbench must work under the policy it is served with, and the browser must refuse nothing.
    const refused: string[] = [];
    page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
    });
    page.on('pageerror', (e) => refused.push(e.message));
    await loginInBrowser(page, base, 'admin', DEMO_PASSWORD);
    await page.getByRole('heading', { name: /您好/ }).waitFor();
    await shot(page, 'workbench');

    await page.goto(`${base}/admin/orgs`);
    await page.getByText('区司法局').first().waitFor();
    await page.click('#org-parent');
    await page.keyboard.type('示例区人民政府');
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '示例区人民政府' }).last().click();
    await page.fill('#org-name', '区数据局');
    await page.getByRole('button', { name: '创建单位' }).click();
    await page.getByText('单位已创建').waitFor();
    await page.locator('.ant-tree-title', { hasText: '区数据局' }).waitFor();
    await shot(page, 'orgs');

    await page.goto(`${base}/admin/users`);
    await page.getByRole('button', { name: '新建用户' }).click();
    await page.fill('#user-username', 'zhangsan');
    await page.fill('#user-name', '张三');
    await page.click('#user-org');
    await page.keyboard.type('区数据局');
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '区数据局' }).last().click();
    await page.getByRole('button', { name: '创建' }).click();
    await page.getByText('用户 zhangsan 的初始密码已生成').waitFor();
    await page.getByRole('searchbox', { name: '搜索用户' }).fill('zhangsan');
    await page.keyboard.press('Enter');
    await page.getByRole('cell', { name: '张三' }).waitFor();
    await shot(page, 'users');

    await page.goto(`${base}/admin/audit`);
    await page.getByRole('cell', { name: '新建用户' }).first().waitFor();
    const rows = await page.locator('tbody tr').allInnerTexts();
    assert.ok(
      rows.some((r) => r.includes('新建用户') && r.includes('区数据局')),
      rows.join('\n'),
    );
    assert.ok(
      rows.some((r) => r.includes('新建单位') && r.includes('区数据局')),
      rows.join('\n'),
    );
    await shot(page, 'audit');

    const inDb = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('actor_name', '=', '系统管理员')
      .execute();
    assert.ok(inDb.some((e) => e.action === 'org.created'));
    assert.ok(inDb.some((e) => e.action === 'user.created'));
    assert.deepEqual(refused, [], '浏览器在内容安全策略下拒绝了资源或脚本出错');
  });
});
