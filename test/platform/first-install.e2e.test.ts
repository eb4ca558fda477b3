import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setupToken } from '../../src/modules/identity/commands/initialize.js';
import { axeSerious, browserApp, shot } from '../helpers/browser.js';

describe('browser: a new installation is set up from the first-run page', () => {
  let b: Awaited<ReturnType<typeof browserApp>>;
  before(async () => {
    b = await browserApp({ empty: true });
  });
  after(() => b?.close());

  test('the login page points to the first-run page; the government and its administrator are created; the administrator signs in', async () => {
    const { page, base } = b;
    await page.goto(`${base}/login`);
    await page.getByText('本系统尚未初始化，还没有任何账号。').waitFor();
    await page.getByRole('link', { name: /前往首次安装/ }).click();
    await page.getByRole('heading', { name: '数字法治政府平台 · 首次安装' }).waitFor();
    assert.deepEqual(await axeSerious(page), []);
    await page.fill('#token', 'wrong-token');
    await page.fill('#governmentName', '某某区人民政府');
    await page.fill('#governmentCode', 'MMQ');
    await page.fill('#adminUsername', 'zhangsan');
    await page.fill('#adminName', '张三');
    await page.getByRole('button', { name: '建立政府和管理员' }).click();
    await page.getByText('首次安装令牌不正确').waitFor();
    await page.fill('#token', setupToken());
    await page.getByRole('button', { name: '建立政府和管理员' }).click();
    await page.getByText('已建立「某某区人民政府」和系统管理员').waitFor();
    await shot(page, 'first-install');
    const password = (await page.getByTestId('initial-password').textContent())!.trim();
    await page.getByRole('link', { name: '前往登录' }).click();
    await page.fill('#username', 'zhangsan');
    await page.fill('#password', password);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/admin\/account/);
  });
});
