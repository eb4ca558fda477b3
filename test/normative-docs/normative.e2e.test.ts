import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { WEB_DIST } from '../../src/app.js';
import { seedDemoLaws } from '../../src/modules/laws/laws.demo.js';
import { upsertIssuingBody } from '../../src/modules/normative-docs/commands/drafting.js';
import type { RequestCtx } from '../../src/platform/access/actor.js';
import { loadActor } from '../../src/platform/auth/actor-loader.js';
import { addCalendarDays, addWorkingDays, today } from '../../src/platform/calendar/index.js';
import { DEMO_PASSWORD } from '../../src/platform/seed/demo-data.js';
import { systemClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import {
  axeSerious,
  choose,
  launchBrowser,
  listen,
  loginInBrowser,
  pickDate,
  pickOption,
  shot,
} from '../helpers/browser.js';

const TITLE = '示例区市场监管局关于农贸市场电子秤检定便民服务的规定';
const ZH = { locale: 'zh-CN', viewport: { width: 1366, height: 900 }, bypassCSP: true };

describe('browser: a liaison takes a draft to publication in the workbench; citizens comment and find it', () => {
  let t: TestApp;
  let browser: Browser;
  let liaison: Page;
  let base: string;
  let docId: string;
  before(async () => {
    assert.ok(fs.existsSync(`${WEB_DIST}/index.html`), 'web app not built: run npm run build');
    // The system clock, not the fixed test clock: the browser's date widgets and default dates use its own
    // (wall-clock) today, and a server on another day would refuse or misread them.
    t = await createTestApp({ clock: systemClock });
    await seedDemoLaws(t.db);
    const row = await t.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    const admin: RequestCtx = { actor: await loadActor(t.db, row.id, 'session'), requestId: 'e2e', ip: null };
    await upsertIssuingBody(t.db, admin, {
      orgId: await t.orgId('SCJ'),
      numberPrefix: '示市监规',
      basis: '制定主体清单',
      active: true,
    });
    base = await listen(t);
    browser = await launchBrowser();
    liaison = await browser.newPage(ZH);
    await loginInBrowser(liaison, base, 'liaison', DEMO_PASSWORD);
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('the liaison drafts with legal bases from the law library and opens public comment', async () => {
    const p = liaison;
    await p.goto(`${base}/admin/normative-docs`);
    await p.getByRole('button', { name: '起草文件' }).click();
    await choose(p, '制定机关（制定主体清单内）', '区市场监管局');
    await p.getByLabel('文件标题').fill(TITLE);
    await p
      .getByLabel('文件正文')
      .fill('第一条 农贸市场经营者使用的电子秤，由区市场监管局组织免费检定。\n第二条 检定结果在市场入口公示。');
    await p.getByLabel('检索法律法规').click();
    await p.getByLabel('检索法律法规').fill('营商');
    await p
      .locator('.ant-select-dropdown:visible')
      .getByText(/优化营商环境条例/)
      .first()
      .click();
    await p.getByLabel(/所依据的条款/).fill('第六十二条');
    await p.getByRole('button', { name: '保存草稿' }).click();
    await p.getByRole('heading', { name: TITLE }).waitFor();
    docId = p.url().split('/').at(-1)!;
    const bases = await t.db.selectFrom('normative_doc_bases').selectAll().where('doc_id', '=', docId).execute();
    assert.equal(bases.length, 1);
    assert.equal(bases[0]!.articles, '第六十二条');

    await p.getByRole('button', { name: '公开征求意见' }).click();
    await pickDate(p, '开始日期', today(t.clock.now()));
    await pickDate(p, '截止日期', addCalendarDays(today(t.clock.now()), 20));
    await p.getByRole('button', { name: '提交' }).click();
    await p.getByText('公开征求意见中').first().waitFor();
  });

  test('a citizen comments on the draft on the portal and receives a receipt number', async () => {
    const c = await browser.newPage(ZH);
    await c.goto(`${base}/normative-drafts`);
    await c.getByRole('link', { name: TITLE }).click();
    await c.getByText('草案全文').waitFor();
    await c.getByLabel('单位').check();
    await c.getByLabel('单位名称').fill('示例区农贸市场协会');
    await c.getByLabel('意见内容').fill('建议在周末也安排检定，并在网上公示检定结果。<b>谢谢</b>');
    await c.getByRole('button', { name: '提交意见' }).click();
    const receipt = await c.getByTestId('receipt-no').textContent();
    assert.match(receipt ?? '', /^GF\d{8}-/);
    const v = await axeSerious(c);
    assert.deepEqual(v, [], JSON.stringify(v, null, 2));
    await shot(c, 'normative-portal-comment');
    await c.close();
    const stored = await t.db.selectFrom('normative_comments').selectAll().where('doc_id', '=', docId).execute();
    assert.equal(stored.length, 1);
    assert.equal(stored[0]!.submitter_name, '示例区农贸市场协会');
  });

  test('comment closes, legality review by the reviewer, deliberation, numbering and publication — all in the UI', async () => {
    // Time passes: the comment period (20 days) has run. Only the dates move; everything else is done by hand.
    await t.db
      .updateTable('normative_docs')
      .set({
        comment_start: addCalendarDays(today(t.clock.now()), -21),
        comment_end: addCalendarDays(today(t.clock.now()), -1),
      })
      .where('id', '=', docId)
      .execute();
    const p = liaison;
    await p.reload();
    // The citizen's comment reached the drafting unit's workbench: it is disposed of there, with a reason.
    await p.getByText('建议在周末也安排检定').waitFor();
    await p.getByRole('button', { name: '处理', exact: true }).click();
    await choose(p, '处理结果', '采纳');
    await p.getByLabel('理由（至少 4 个字）', { exact: true }).fill('已在第三条增加周末检定安排。');
    await p.getByRole('button', { name: '提交' }).click();
    // In the comments table (the form's own text may still be on screen while its dialog closes).
    await p.locator('td').getByText('已在第三条增加周末检定安排。').waitFor();
    await p.getByRole('button', { name: '结束征求意见' }).click();
    await p.getByRole('button', { name: '提交' }).click();
    // The adoption statement is compiled from the dispositions, not typed.
    await p.getByText(/收到有效意见1条，采纳1条/).waitFor();
    await shot(p, 'normative-comments-disposed');
    await p.getByRole('button', { name: '提交合法性审核' }).click();
    await p.getByText('合法性审核中').first().waitFor();
    // Time passes again: the minimum review time (5 working days) has run, so no early-opinion reason is asked.
    await t.db
      .updateTable('normative_docs')
      .set({ legality_submitted_on: addWorkingDays(today(t.clock.now()), -6) })
      .where('id', '=', docId)
      .execute();

    const r = await browser.newPage(ZH);
    await loginInBrowser(r, base, 'reviewer', DEMO_PASSWORD);
    await r.goto(`${base}/admin/normative-docs/${docId}`);
    await r.getByRole('button', { name: '出具合法性审核意见' }).click();
    await choose(r, '审核结论', '合法');
    await r.getByLabel('审核意见', { exact: true }).fill('制定主体适格，内容符合上位法规定。');
    await r.getByRole('button', { name: '提交' }).click();
    await r.getByText('待集体审议').first().waitFor();
    await r.close();

    await p.reload();
    await p.getByRole('button', { name: '记录集体审议' }).click();
    await choose(p, '审议结果：通过', '是');
    await p.getByLabel('会议名称', { exact: true }).fill('局长办公会议');
    await pickDate(p, '会议日期', today(t.clock.now()));
    await p.getByRole('button', { name: '提交' }).click();
    await p.getByRole('button', { name: '统一登记编号' }).click();
    await p
      .getByText(/示市监规〔\d{4}〕1号/)
      .first()
      .waitFor();
    await p.getByRole('button', { name: '公布施行' }).click();
    await p
      .getByLabel('政策解读（与文件同时公布）')
      .fill('本规定为农贸市场经营者提供电子秤免费检定服务，检定结果公开，方便群众监督。');
    await p.getByRole('button', { name: '提交' }).click();
    // Published; in force only after the adaptation period (施行 defaults to 30 days after publication).
    await p
      .getByText(/已公布，\d{4}-\d{2}-\d{2}起施行/)
      .first()
      .waitFor();
    await shot(p, 'normative-published');
    const row = await t.db
      .selectFrom('normative_docs')
      .select(['status', 'registration_no', 'legality_outcome', 'comment_count'])
      .where('id', '=', docId)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'in_force');
    assert.equal(row.legality_outcome, 'lawful');
    assert.equal(row.comment_count, 1);
    assert.match(row.registration_no!, /^示市监规〔\d{4}〕1号$/);
  });

  test('a citizen searches the portal, sees the highlighted hit and opens the document with its proof', async () => {
    const citizen = await browser.newPage(ZH);
    await citizen.goto(`${base}/search`);
    await citizen.getByLabel('检索词').fill('电子秤 检定');
    await citizen.keyboard.press('Enter');
    await citizen.getByRole('link', { name: TITLE }).waitFor();
    assert.ok((await citizen.locator('mark').count()) > 0, 'hits are highlighted');
    const v = await axeSerious(citizen);
    assert.deepEqual(v, [], JSON.stringify(v, null, 2));
    await citizen.getByRole('link', { name: TITLE }).click();
    await citizen.getByText(/已上链存证（/).waitFor();
    await citizen.getByText('政策解读').first().waitFor();
    assert.deepEqual(await axeSerious(citizen), []);
    await shot(citizen, 'normative-portal-doc');
    await citizen.goto(`${base}/normative-docs`);
    await citizen.getByRole('link', { name: TITLE }).waitFor();
    assert.deepEqual(await axeSerious(citizen), []);
    await citizen.close();
  });

  test('the liaison publishes the annual catalog in the workbench; citizens read it on the portal', async () => {
    const year = Number(today(t.clock.now()).slice(0, 4)) - 1;
    const p = liaison;
    await p.goto(`${base}/admin/normative-catalogs`);
    await p.getByRole('cell', { name: '区市场监管局' }).waitFor();
    await p.getByRole('button', { name: '公布目录' }).click();
    await p.getByRole('dialog').getByRole('button', { name: '公布' }).click();
    await p.getByText(/已公布第 1 版/).waitFor();
    const rows = await t.db.selectFrom('normative_annual_catalogs').select(['year', 'version']).execute();
    assert.deepEqual(rows, [{ year, version: 1 }]);
    const c = await browser.newPage(ZH);
    await c.goto(`${base}/normative-catalogs`);
    await c.getByRole('heading', { name: `区市场监管局${year}年度制定、修改、废止的行政规范性文件目录` }).waitFor();
    await c
      .getByText(/已上链存证/)
      .first()
      .waitFor();
    assert.deepEqual(await axeSerious(c), []);
    await shot(c, 'normative-portal-catalog');
    await c.close();
  });

  test('the liaison enters a document published before the platform (补录): labelled so in the workbench and on the portal', async () => {
    const p = liaison;
    await p.goto(`${base}/admin/normative-docs`);
    await p.getByRole('button', { name: '补录已公布文件' }).click();
    const dialog = p.getByRole('dialog');
    await pickOption(p, p.locator('#historical_orgId'), '区市场监管局');
    await p.fill('#historical_title', '示例区市场监管局关于集贸市场经营管理的若干规定');
    await p.fill('#historical_registrationNo', '示市监规〔2023〕9号');
    await p.fill('#historical_publishedOn', '2023-03-01');
    await p.fill('#historical_body', '第一条 为规范集贸市场经营秩序，制定本规定。\n第二条 本规定自公布之日起施行。');
    await dialog.getByLabel('检索法律法规').click();
    await dialog.getByLabel('检索法律法规').fill('营商');
    await p
      .locator('.ant-select-dropdown:visible')
      .getByText(/优化营商环境条例/)
      .first()
      .click();
    await dialog.getByLabel(/所依据的条款/).fill('第六十二条');
    await p.fill('#historical_reason', '平台启用前已公布施行的文件，按原文号、原日期补录');
    await dialog.getByRole('button', { name: '补录', exact: true }).click();
    await p.getByText(/^补录（/).waitFor();
    await shot(p, 'normative-historical-entry');
    const id = p.url().split('/').at(-1)!;
    const row = await t.db
      .selectFrom('normative_docs')
      .select(['status', 'published_on', 'registration_no', 'entered_afterwards'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, {
      status: 'in_force',
      published_on: '2023-03-01',
      registration_no: '示市监规〔2023〕9号',
      entered_afterwards: true,
    });
    const c = await browser.newPage(ZH);
    await c.goto(`${base}/normative-docs/${id}`);
    await c.getByText(/非经本平台程序制定/).waitFor();
    assert.deepEqual(await axeSerious(c), []);
    await c.close();
  });
});
