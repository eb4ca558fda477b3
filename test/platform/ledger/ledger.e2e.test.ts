import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { anchorRecord, sequence } from '../../../src/platform/ledger/index.js';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { DEMO_PASSWORD } from '../../../src/platform/seed/demo-data.js';
import { axeSerious, launchBrowser, listen, loginInBrowser, shot } from '../../helpers/browser.js';

describe('browser: a citizen verifies a published document in their own browser', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  let file: string;
  let fileHash: string;
  before(async () => {
    t = await createTestApp();
    // A published document: its bytes' SHA-256 is anchored as the record's attachment hash.
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-doc-')), '关于印发示例区行政规范性文件的通知.txt');
    fs.writeFileSync(
      file,
      '示例区人民政府关于印发《示例区行政执法公示办法》的通知\n各街道办事处、镇人民政府，区政府各委、办、局：……',
    );
    fileHash = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    await t.db.transaction().execute((trx) =>
      anchorRecord(trx, {
        recordKind: 'test.published-doc',
        recordId: 'doc-1',
        content: { title: '示例区行政执法公示办法' },
        attachmentsHash: fileHash,
      }),
    );
    await sequence(t.db);
    base = await listen(t);
    browser = await launchBrowser();
    page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 900 }, bypassCSP: true });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('dropping the published file verifies its inclusion against the signed checkpoint', async () => {
    await page.goto(`${base}/verify`);
    await page.locator('input[type=file]').setInputFiles(file);
    const ok = page.getByText('核验通过');
    await ok.waitFor({ timeout: 15_000 });
    const text = await page.locator('.ant-alert').first().innerText();
    assert.match(text, /test\.published-doc/);
    await shot(page, 'portal-verify-ok');
    const v = await axeSerious(page);
    assert.deepEqual(v, [], JSON.stringify(v, null, 2));
  });

  test('the record itself, downloaded from the result, verifies when dropped back: no server word needed', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /下载（规范化 JSON/ }).click(),
    ]);
    const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-dl-')), download.suggestedFilename());
    await download.saveAs(saved);
    assert.deepEqual(JSON.parse(fs.readFileSync(saved, 'utf8')), { title: '示例区行政执法公示办法' });
    await page.goto(`${base}/verify`);
    await page.locator('input[type=file]').setInputFiles(saved);
    await page.getByText('核验通过').waitFor({ timeout: 15_000 });
    assert.match(await page.locator('.ant-alert').first().innerText(), /test\.published-doc doc-1/);
  });

  test('a hash that was never published is reported as not verified, never as verified', async () => {
    await page.goto(`${base}/verify`);
    await page.getByRole('tab', { name: '粘贴哈希值' }).click();
    await page.getByRole('textbox', { name: 'SHA-256 哈希值' }).fill('ab'.repeat(32));
    await page.getByRole('button', { name: '核验' }).click();
    await page.getByText('未通过核验').waitFor({ timeout: 15_000 });
    assert.equal(await page.getByText('核验通过').count(), 0);
    await page.getByRole('textbox', { name: 'SHA-256 哈希值' }).fill('not-a-hash');
    await page.getByRole('button', { name: '核验' }).click();
    await page.getByText('未通过核验').waitFor();
    await shot(page, 'portal-verify-fail');
  });
});

describe('browser: an administrator sees a tamper alarm and acknowledges it', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  before(async () => {
    t = await createTestApp();
    await t.db
      .transaction()
      .execute((trx) =>
        anchorRecord(trx, { recordKind: 'test.notice', recordId: 'n-1', content: { title: '公告', body: '原文' } }),
      );
    await sequence(t.db);
    base = await listen(t);
    browser = await launchBrowser();
    page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 }, bypassCSP: true });
    await loginInBrowser(page, base, 'admin', DEMO_PASSWORD);
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('an incremental sweep of an untouched log is clean; a row changed behind the system raises an alarm', async () => {
    await page.goto(`${base}/admin/ledger`);
    await page.getByRole('button', { name: '增量巡检' }).click();
    await page.getByText(/巡检完成：.*发现问题 0 项/).waitFor();
    const entry = await t.db
      .selectFrom('ledger_entries')
      .select('idx')
      .where('record_kind', '=', 'test.notice')
      .executeTakeFirstOrThrow();
    // An intruder with database access rewrites the anchored content.
    await sql`alter table ledger_entries disable trigger ledger_entries_append_only`.execute(t.db);
    await sql`update ledger_entries set content = '{"title":"公告","body":"改过"}' where idx = ${entry.idx}`.execute(
      t.db,
    );
    await sql`alter table ledger_entries enable trigger ledger_entries_append_only`.execute(t.db);
    await page.getByRole('button', { name: '完整巡检' }).click();
    await page.getByText(/未处置的篡改告警/).waitFor();
    await page.getByText(`第 ${entry.idx} 号条目`).waitFor();
    assert.match((await page.locator('.ant-descriptions').textContent()) ?? '', /完整巡检，发现问题 [1-9]/);
    await shot(page, 'admin-ledger-alarm');
    await page.getByRole('button', { name: '确认并填写说明' }).first().click();
    await page.getByLabel('处置说明').fill('已核查，系测试环境人为改动');
    await page.getByRole('button', { name: '确认', exact: true }).click();
    await page.getByText('已确认告警，处置说明已记入审计日志').waitFor();
    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'in', ['ledger.sweep_run', 'ledger.alarm_acknowledged'])
      .execute();
    assert.deepEqual(new Set(audit.map((a) => a.action)), new Set(['ledger.sweep_run', 'ledger.alarm_acknowledged']));
  });
});
