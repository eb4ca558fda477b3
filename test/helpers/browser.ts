import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type Browser, type Locator, type Page, chromium } from 'playwright-core';
import { WEB_DIST } from '../../src/app.js';
import { createTestApp, type TestApp } from './app.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-results/screenshots');

/**
 * Debian's chromium, headless, with the flags this network needs (no background connections).
 * Browser tests run against the real server: `listen()` a TestApp on a free loopback port.
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  // Every page gets the same waiting budget and reports what went wrong in it, so a failure on a loaded CI
  // machine says whether the page was slow, threw, or got an error from the API.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const ctx = await newContext(options);
    ctx.setDefaultTimeout(E2E_TIMEOUT_MS);
    ctx.on('page', instrument);
    return ctx;
  };
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options) => {
    const page = await newPage(options);
    page.setDefaultTimeout(E2E_TIMEOUT_MS);
    instrument(page);
    return page;
  };
  return browser;
}

/** Waiting budget per browser action; generous because CI machines are shared (FAZHI_E2E_TIMEOUT_MS). */
const E2E_TIMEOUT_MS = Number(process.env.FAZHI_E2E_TIMEOUT_MS ?? 60_000);

function instrument(page: Page): void {
  page.on('pageerror', (e) => console.error(`[browser] page error on ${page.url()}: ${e.message}`));
  page.on('response', async (r) => {
    if (r.status() < 400 || !r.url().includes('/api/')) return;
    // Refusals of writes are what a failing step usually hides: print the server's message with them.
    const method = r.request().method();
    if (r.status() < 500 && method === 'GET') return;
    const body = await r.text().catch(() => '');
    console.error(`[browser] ${method} ${r.url()} → ${r.status()} ${body.slice(0, 300)}`);
  });
}

export async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = t.app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  return `http://127.0.0.1:${addr.port}`;
}

export async function shot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Runs axe-core in the page; returns the serious and critical violations (ids with their targets). */
export async function axeSerious(page: Page): Promise<{ id: string; impact: string; targets: string[] }[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected at run time
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: { id: string; impact: string; nodes: { target: string[] }[] }) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return (result as { id: string; impact: string; targets: string[] }[]).filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
}

export async function loginInBrowser(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.waitForURL(/\/admin\//);
}

/**
 * Fill an antd date picker by typing the date and confirming, then check the field really holds it (on a busy
 * machine the picker may swallow the first keystrokes); tries again a few times before giving up.
 */
export async function pickDate(page: Page, label: string, date: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  for (let attempt = 1; ; attempt++) {
    await input.click();
    await input.fill(date);
    await input.press('Enter');
    if ((await input.inputValue()) === date) return;
    if (attempt === 3) throw new Error(`日期框「${label}」未能填入 ${date}（实际为「${await input.inputValue()}」）`);
    await page.waitForTimeout(300);
  }
}

/**
 * Picks an option of an antd Select and checks the select really holds it, trying again a few times before giving
 * up. `input` is the select's combobox input; `type` types the text first, so long virtual lists render the option.
 *
 * On a loaded machine the list may stay open after the pick (it re-renders under the pointer), or the pick may not
 * take at all. Escape is pressed only while the select says it is open (`aria-expanded`): the select then keeps the
 * key to itself, whereas an Escape reaching an enclosing Modal while the list is merely fading out closes the Modal
 * and loses the form.
 */
export async function pickOption(
  page: Page,
  input: Locator,
  text: string,
  opts: { type?: boolean; exact?: boolean } = {},
): Promise<void> {
  const listId = await input.getAttribute('aria-controls');
  const dropdown = listId
    ? page.locator(`.ant-select-dropdown:has([id="${listId}"])`)
    : page.locator('.ant-select-dropdown:visible');
  const shown = input.locator('xpath=ancestor::*[contains(concat(" ", @class, " "), " ant-select-content ")][1]');
  for (let attempt = 1; ; attempt++) {
    await input.click();
    if (opts.type) await input.pressSequentially(text);
    const option = opts.exact
      ? dropdown.locator('.ant-select-item-option').getByText(text, { exact: true })
      : dropdown.locator('.ant-select-item-option', { hasText: text });
    await option.first().click();
    await dropdown.waitFor({ state: 'hidden', timeout: 5_000 }).catch(async () => {
      if ((await input.getAttribute('aria-expanded')) === 'true') await input.press('Escape');
      await dropdown.waitFor({ state: 'hidden' });
    });
    const title = (await shown.getAttribute('title').catch(() => null)) ?? (await shown.textContent()) ?? '';
    if (opts.exact ? title === text : title.includes(text)) return;
    if (attempt === 3) throw new Error(`下拉框未能选中「${text}」（实际为「${title}」）`);
    await page.waitForTimeout(300);
  }
}

/** Choose an option of an antd select by its label and the option's visible text. */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  await pickOption(page, page.getByLabel(label, { exact: true }), option, { exact: true });
}

/**
 * The scaffolding of a browser test: a test app served over HTTP, a browser and one page (zh-CN, 1366×900).
 * `close` ends all three.
 */
export async function browserApp(opts: Parameters<typeof createTestApp>[0] = {}) {
  if (!fs.existsSync(`${WEB_DIST}/index.html`)) throw new Error('web app not built: run npm run build');
  const t = await createTestApp(opts);
  const base = await listen(t);
  const browser = await launchBrowser();
  const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 }, bypassCSP: true });
  return {
    t,
    base,
    browser,
    page,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}
