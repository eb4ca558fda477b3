import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { WEB_DIST } from '../../src/app.js';
import { seedDecisionsDemo } from '../../src/modules/decisions/decisions.demo.js';
import { MAJOR_KINDS } from '../../src/modules/decisions/decisions.contract.js';
import { today } from '../../src/platform/calendar/index.js';
import { DEMO_PASSWORD } from '../../src/platform/seed/demo-data.js';
import { systemClock } from '../../src/platform/clock.js';
import { auditFor, createTestApp, type TestApp } from '../helpers/app.js';
import { axeSerious, launchBrowser, listen, loginInBrowser, pickOption, shot } from '../helpers/browser.js';

process.env.FAZHI_DECISIONS_COMMENT_RATE_MAX = '50';

/** Picks an option of the antd Select whose input is `#<id>` (see pickOption). */
async function pick(page: Page, id: string, text: string, type = false) {
  await pickOption(page, page.locator(`#${id}`), text, { type });
}

/** Opens a procedure step on the item page, fills it, submits it and waits for the server's confirmation. */
async function step(page: Page, label: string, fill: () => Promise<void> = async () => {}) {
  await page.getByRole('button', { name: label, exact: true }).click();
  await fill();
  await page.getByRole('button', { name: `提交：${label}`, exact: true }).click();
  await page.getByText(`${label}：已完成`).first().waitFor();
}

describe('browser: a major decision from catalog to publication, and a citizen commenting', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];
  const pages: Record<string, Page> = {};
  // The server runs on the system clock (see `before`), so the dates typed in are the wall clock's.
  const T = today(systemClock.now());
  const Y = Number(T.slice(0, 4)) + 1;
  let itemUrl = '';

  const as = async (user: string) => {
    if (!pages[user]) {
      const ctx = await browser.newContext({
        locale: 'zh-CN',
        viewport: { width: 1366, height: 900 },
        bypassCSP: true,
      });
      contexts.push(ctx);
      pages[user] = await ctx.newPage();
      await loginInBrowser(pages[user], base, user, DEMO_PASSWORD);
    }
    return pages[user];
  };
  const statusIs = (page: Page, label: string) =>
    page
      .locator('.ant-tag', { hasText: new RegExp(`^${label}$`) })
      .first()
      .waitFor();

  before(async () => {
    assert.ok(fs.existsSync(`${WEB_DIST}/index.html`), 'web app not built: run npm run build');
    // The system clock, not the fixed test clock: the browser's date widgets and default dates use its own
    // (wall-clock) today, and a server on another day would refuse or misread them.
    t = await createTestApp({ clock: systemClock });
    await seedDecisionsDemo(t.db, t.clock);
    base = await listen(t);
    browser = await launchBrowser();
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await t?.close();
  });

  test('catalog: the coordinator creates it, a department proposes an item with its "is it major?" assessment', async () => {
    const co = await as('coordinator');
    await co.goto(`${base}/admin/decisions`);
    await pick(co, 'catalog-year', `${Y} 年`);
    await co.getByText(`${Y} 年还没有可见的决策事项目录`).waitFor();
    await co.getByRole('button', { name: '新建年度目录' }).click();
    await pick(co, 'createCatalog_bodyOrgId', '示例区人民政府', true);
    await co.getByRole('button', { name: '创建' }).click();
    await co.getByText('目录已创建').waitFor();
    await co.getByText('草拟中').waitFor();

    const li = await as('liaison');
    await li.goto(`${base}/admin/decisions`);
    await pick(li, 'catalog-year', `${Y} 年`);
    await li.getByRole('button', { name: '提出决策事项' }).click();
    await li.fill('#proposeItem_title', '示例区农贸市场智慧化改造实施方案');
    await li.fill('#proposeItem_summary', '推进全区农贸市场智慧化改造，提升食品安全追溯和便民服务水平。');
    await pick(li, 'proposeItem_category', '公共服务、市场监管');
    await pick(li, 'proposeItem_leadOrgId', '区市场监管局', true);
    await li.fill('#proposeItem_plannedCompletionOn', `${Y}-10-31`);
    await li.getByRole('button', { name: '提交' }).click();
    await li.getByText('决策事项已提出').waitFor();
    await li.getByRole('link', { name: '示例区农贸市场智慧化改造实施方案' }).click();
    await li.waitForURL(/\/admin\/decisions\/items\//);
    itemUrl = li.url();
    await li.getByText('尚未进行重大性认定').waitFor();
    await li.getByRole('button', { name: '进行重大性认定' }).click();
    await li.getByLabel(MAJOR_KINDS.public_policy).check();
    await li.fill('#assess_reasons', '涉及全区农贸市场经营户和广大消费者切身利益，属于市场监管方面的重大公共政策。');
    await li.getByRole('button', { name: '保存认定' }).click();
    await li.locator('.ant-tag', { hasText: '属于重大行政决策' }).waitFor();
    await shot(li, 'decisions-assessment');
  });

  test('the decision body approves and publishes the catalog and initiates the procedure', async () => {
    const co = await as('coordinator');
    await co.goto(`${base}/admin/decisions`);
    await pick(co, 'catalog-year', `${Y} 年`);
    await co.getByRole('button', { name: '记录党委同意' }).click();
    await co.fill('#approveCatalog_partyConsentRef', `区委常委会${Y - 1}年第45次会议`);
    await co.fill('#approveCatalog_partyConsentOn', `${Y - 1}-12-20`);
    await co.getByRole('button', { name: '保存' }).click();
    await co.getByText('已记录党委同意').waitFor();
    await co.getByRole('button', { name: '公布目录' }).click();
    await co.getByText(/目录已公布（第 1 版）/).waitFor();
    await shot(co, 'decisions-catalogs');

    await co.goto(itemUrl);
    // Out of order is not even offered: before initiation only the initiation (and withdrawal) are shown.
    assert.equal(await co.getByRole('button', { name: '公布决策', exact: true }).count(), 0);
    await step(co, '启动决策程序');
    await statusIs(co, '拟定决策草案');
  });

  test('the responsible unit drafts, holds a symposium and completes participation; refusals are shown in Chinese', async () => {
    const st = await as('staff');
    await st.goto(itemUrl);
    // Without legal bases the server refuses; its Chinese message is shown and nothing changes.
    await st.getByRole('button', { name: '完成决策草案', exact: true }).click();
    await st.fill('#completeDrafting_text', '农贸市场智慧化改造实施方案（草案）共五部分二十条。');
    await st.fill('#completeDrafting_legalBases', '   ');
    await st.getByRole('button', { name: '提交：完成决策草案' }).click();
    await st.getByRole('alert').filter({ hasText: '法律、法规' }).waitFor();
    await statusIs(st, '拟定决策草案');
    await st.fill('#completeDrafting_legalBases', '《中华人民共和国食品安全法》\n《上海市食品安全条例》');
    await st.getByRole('button', { name: '提交：完成决策草案' }).click();
    await st.getByText('完成决策草案：已完成').waitFor();
    await statusIs(st, '公众参与');

    await st.getByRole('button', { name: '组织公众参与' }).click();
    await pick(st, 'participation_form', '座谈会');
    await st.fill('#participation_title', '经营户和消费者代表座谈会');
    await st.fill('#participation_heldOn', T);
    await st.fill('#participation_place', '区市场监管局第一会议室');
    await st.fill('#participation_participants', '经营户代表4名\n消费者代表3名\n人大代表1名');
    await st.getByRole('button', { name: '保存' }).click();
    await st.getByText('公众参与已组织').waitFor();
    await st.getByRole('button', { name: '结束并记录结果' }).click();
    await st.fill('#closeParticipation_outcome', '与会代表提出意见9条，主要集中在改造期间临时摊位安排。');
    await st.getByRole('button', { name: '结束', exact: true }).click();
    await st.getByText('公众参与已结束').waitFor();
    await step(st, '完成公众参与，生成意见采纳情况说明');
    await statusIs(st, '合法性审查');
    await step(st, '送请合法性审查', async () => {
      await st.waitForFunction(
        () => (document.querySelector('#submitLegalityReview_replyBy') as HTMLInputElement | null)?.value,
      );
    });
    await st.getByText('审查中').waitFor();
  });

  test('legality review at both levels, then collective discussion, Party report and publication', async () => {
    const li = await as('liaison');
    await li.goto(itemUrl);
    await step(li, '出具合法性审查意见', async () => {
      await li.getByLabel('合法', { exact: true }).check();
      await li.fill('#recordLegalityOpinion_opinion', '经初审，方案内容符合上位法规定，程序完备。');
    });
    const st = await as('staff');
    await st.goto(itemUrl);
    await step(st, '送请合法性审查', async () => {
      await st.getByLabel('司法局合法性审查').isChecked();
      await st.waitForFunction(
        () => (document.querySelector('#submitLegalityReview_replyBy') as HTMLInputElement | null)?.value,
      );
    });
    const rv = await as('reviewer');
    await rv.goto(itemUrl);
    // The reviewer sees the assessment and its reasons.
    await rv.getByText('涉及全区农贸市场经营户和广大消费者切身利益').first().waitFor();
    await step(rv, '出具合法性审查意见', async () => {
      await rv.getByLabel('修改后合法').check();
      await rv.fill('#recordLegalityOpinion_opinion', '第十二条收费标准应依法履行价格程序，修改后合法。');
    });
    await statusIs(rv, '集体讨论决定');
    await shot(rv, 'decisions-legality-review');

    const co = await as('coordinator');
    await co.goto(itemUrl);
    await step(co, '记录集体讨论决定', async () => {
      await co.fill('#recordCollectiveDecision_meeting', `区政府${Y}年第3次常务会议`);
      const members = [
        ['钱副区长', '副区长', '同意', ''],
        ['孙副区长', '副区长', '同意', '建议分批实施'],
        ['赵区长', '区长', '同意', '同意，按审查意见修改后公布。'],
      ];
      for (let i = 0; i < members.length; i++) {
        await co.getByRole('button', { name: '增加成员' }).click();
        await co.getByLabel('成员姓名').nth(i).fill(members[i][0]);
        await co.getByLabel('成员职务').nth(i).fill(members[i][1]);
        await pick(co, `recordCollectiveDecision_members_${i}_view`, members[i][2]);
        await co.getByLabel('发言要点').nth(i).fill(members[i][3]);
      }
      await co.fill('#recordCollectiveDecision_headName', '赵区长');
      await co.fill('#recordCollectiveDecision_minutes', '会议审议通过了实施方案，要求按合法性审查意见修改后公布。');
    });
    await statusIs(co, '向同级党委请示报告');
    await step(co, '记录向同级党委请示报告', async () => {
      await co.fill('#reportToParty_reference', `区委常委会${Y}年第5次会议`);
    });
    await step(co, '公布决策', async () => {
      await co.fill('#publish_publishedText', '示例区农贸市场智慧化改造实施方案经区政府常务会议审议通过，现予公布。');
      await pick(co, 'publish_executionOrgId', '区市场监管局', true);
      await co.getByRole('button', { name: '增加执行任务' }).click();
      await co.getByLabel('执行任务名称').fill('完成首批十个市场改造');
      await co.getByLabel('任务权重').fill('100');
    });
    await statusIs(co, '决策执行');
    await co.getByText('已上链存证 · 核验').first().waitFor();
    await shot(co, 'decisions-item-published');

    const events = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', itemUrl.split('/').at(-1)!)
      .execute();
    assert.ok(events.filter((e) => e.action === 'decision.transitioned').length >= 8);
  });

  test('the public status page shows each completed stage, the published decision and proof badges', async () => {
    const ctx = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 }, bypassCSP: true });
    contexts.push(ctx);
    const page = await ctx.newPage();
    await page.goto(`${base}/decisions/items/${itemUrl.split('/').at(-1)}`);
    await page.getByRole('heading', { name: '示例区农贸市场智慧化改造实施方案' }).waitFor();
    await page.getByText('已完成的决策程序').waitFor();
    await page.getByText('决策公布文本').waitFor();
    await page.getByText('意见采纳情况说明').first().waitFor();
    assert.ok((await page.getByRole('link', { name: '核验' }).count()) >= 3);
    const v = await axeSerious(page);
    assert.deepEqual(v, [], JSON.stringify(v, null, 2));
    await shot(page, 'portal-decision-status');
    const href = await page.getByRole('link', { name: '核验' }).last().getAttribute('href');
    assert.match(href ?? '', /^\/verify\?hash=[0-9a-f]{64}$/);
    await page.goto(`${base}${href}`);
    await page.getByText(/核验通过|正在排队写入账本/).waitFor();
    assert.equal(await page.getByLabel('SHA-256 哈希值').inputValue(), href!.split('=')[1]);
  });

  test('a citizen finds an open item on the portal, comments as an organisation and gets a receipt number', async () => {
    const ctx = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 }, bypassCSP: true });
    contexts.push(ctx);
    const page = await ctx.newPage();
    await page.goto(`${base}/decisions`);
    await page.getByRole('heading', { name: '重大行政决策' }).waitFor();
    let v = await axeSerious(page);
    assert.deepEqual(v, [], JSON.stringify(v, null, 2));
    await page
      .getByRole('link', { name: /2026年/ })
      .first()
      .click();
    await page.getByText('目录版本').waitFor();
    await page.getByText('同比上年').waitFor();
    v = await axeSerious(page);
    assert.deepEqual(v, [], JSON.stringify(v, null, 2));
    await shot(page, 'portal-decision-catalog');

    const open = await t.db
      .selectFrom('decision_participations')
      .innerJoin('decisions', 'decisions.id', 'decision_participations.decision_id')
      .select(['decisions.id', 'decisions.title', 'decision_participations.id as pid'])
      .where('decision_participations.form', '=', 'comment_period')
      .where('decision_participations.status', '=', 'open')
      .executeTakeFirstOrThrow();
    await page.getByRole('link', { name: open.title }).click();
    await page.getByText(/正在征求意见/).first().waitFor();
    v = await axeSerious(page);
    assert.deepEqual(v, [], JSON.stringify(v, null, 2));

    // Client-side: the name is required for an organisation.
    await page.getByLabel('单位', { exact: true }).check();
    await page.getByRole('button', { name: '提交意见' }).click();
    await page.getByText('请填写单位名称').waitFor();
    const body = '<script>window.__pwned=1</script><b>加粗</b> 建议改造期间设置临时摊位，保障居民买菜不受影响。';
    await page.getByLabel('单位名称').fill('示例区个体劳动者协会');
    await page.getByLabel('意见内容').fill(body);
    await page.getByRole('button', { name: '提交意见' }).click();
    const receipt = (await page.getByTestId('receipt-no').textContent()) ?? '';
    assert.match(receipt, /^YJ\d{8}-[0-9A-F]{10}$/);
    await shot(page, 'portal-decision-comment-receipt');

    // The same comment again: the server refuses and the page shows its Chinese reason.
    await page.getByRole('button', { name: '再提一条意见' }).click();
    await page.getByLabel('单位', { exact: true }).check();
    await page.getByLabel('单位名称').fill('示例区个体劳动者协会');
    await page.getByLabel('意见内容').fill(body);
    await page.getByRole('button', { name: '提交意见' }).click();
    await page.getByText(`相同内容的意见已经提交过（回执号 ${receipt}）`).waitFor();

    // Once published by the responsible unit, the markup is shown as text and never runs.
    const c = await t.db
      .selectFrom('decision_comments')
      .select('id')
      .where('receipt_no', '=', receipt)
      .executeTakeFirstOrThrow();
    const staff = await t.loginAs('coordinator');
    const mod = await t.call(staff, {
      method: 'POST',
      url: `/api/decisions/comments/${c.id}/moderate`,
      payload: { moderation: 'published' },
    });
    assert.equal(mod.statusCode, 200, mod.body);
    await page.reload();
    await page.getByText('<script>window.__pwned=1</script>', { exact: false }).first().waitFor();
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.equal(await page.locator('article b', { hasText: '加粗' }).count(), 0);
    await shot(page, 'portal-decision-comments');
  });

  test('adjustment (Art 37) carrying participation with a reason, and a planned-date change of the published catalog', async () => {
    const id = itemUrl.split('/').at(-1)!;
    const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
    const adjust = '调整决策（重新履行相关程序）';
    const co = await as('coordinator');
    await co.goto(itemUrl);
    await statusIs(co, '决策执行');
    await co.getByRole('button', { name: adjust, exact: true }).click();
    // The always re-run procedures are fixed and cite Art 37; only the triggered optional ones can be unticked.
    await co.getByText(/第三十七条：决策需要作出重大调整的/).waitFor();
    await co.getByRole('list', { name: '每次调整均须重新履行的程序' }).getByText('合法性审查（第二十五条）').waitFor();
    const participation = co.getByRole('checkbox', { name: /^公众参与/ });
    assert.equal(await participation.isChecked(), true, 'every procedure is re-run by default');
    assert.equal(await co.getByRole('checkbox', { name: /^专家论证/ }).count(), 0, 'not a technical item');
    await co.fill('#adjust_reason', '根据首批试点情况，将改造范围扩大到全区全部标准化菜市场。');
    await participation.uncheck();
    // Unticked: a reason is required, first in the browser, then by the server (its message shown on the field).
    await co.getByRole('button', { name: `提交：${adjust}` }).click();
    await co.getByText('请说明不重新履行公众参与的理由').waitFor();
    await co.getByLabel('不重新履行公众参与的理由').fill('不涉及');
    await co.getByRole('button', { name: `提交：${adjust}` }).click();
    await co.locator('.ant-form-item-explain-error', { hasText: '不重新履行公众参与的理由至少 4 个字' }).waitFor();
    await shot(co, 'decisions-adjust-form');
    assert.equal(
      (await t.db.selectFrom('decisions').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status,
      'executing',
    );
    const carry = '本次调整只扩大改造范围，不改变公众已发表意见的内容，沿用座谈会意见。';
    await co.getByLabel('不重新履行公众参与的理由').fill(carry);
    await co.getByRole('button', { name: `提交：${adjust}` }).click();
    await co.getByText(`${adjust}：已完成`).first().waitFor();
    await statusIs(co, '拟定决策草案');
    await co.getByText('第 2 轮程序（调整后重新履行）').waitFor();
    await co.getByText('沿用此前记录的程序').waitFor();
    const row = await t.db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.adjustment_count, 1);
    assert.deepEqual(json(row.rerun_stages), []);
    const adjusted = (await auditFor(t.db, 'decision', id)).filter((e) => e.action === 'decision.adjusted');
    assert.equal(adjusted.length, 1);
    assert.deepEqual(json(adjusted[0].data), {
      round: 1,
      reason: '根据首批试点情况，将改造范围扩大到全区全部标准化菜市场。',
      rerun: [],
      carried: [{ stage: 'participation', fromRound: 0, reason: carry }],
    });
    await shot(co, 'decisions-adjusted');

    // The planned date: the body only (the responsible unit's staff get no button).
    const st = await as('staff');
    await st.goto(itemUrl);
    await statusIs(st, '拟定决策草案');
    assert.equal(await st.getByRole('button', { name: '调整计划完成时间' }).count(), 0);
    const v0 = (
      await t.db
        .selectFrom('decision_catalogs')
        .select(['id', 'version'])
        .where('id', '=', row.catalog_id)
        .executeTakeFirstOrThrow()
    ).version;
    await co.getByRole('button', { name: '调整计划完成时间' }).click();
    const dialog = co.getByRole('dialog', { name: '调整计划完成时间' });
    await dialog.getByText(/目录已公布：调整计划完成时间属于目录调整/).waitFor();
    await dialog.getByLabel('新的计划完成时间').fill(`${Y}-12-15`);
    await dialog.getByRole('button', { name: '确认调整' }).click();
    await dialog.getByText('请填写调整理由').waitFor();
    await dialog.getByLabel('调整理由').fill('改造范围扩大，工期相应延长');
    await shot(co, 'decisions-plan-date');
    await dialog.getByRole('button', { name: '确认调整' }).click();
    await co.getByText(`计划完成时间已调整为 ${Y}-12-15，目录已公布新版本`).waitFor();
    await co.locator('.ant-descriptions-item-content', { hasText: `${Y}-12-15` }).waitFor();
    const after = await t.db
      .selectFrom('decisions')
      .select('planned_completion_on')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(after.planned_completion_on, `${Y}-12-15`);
    const cat = await t.db
      .selectFrom('decision_catalogs')
      .select('version')
      .where('id', '=', row.catalog_id)
      .executeTakeFirstOrThrow();
    assert.equal(cat.version, v0 + 1, 'a new catalog version is published');
    const moved = (await auditFor(t.db, 'decision', id)).filter((e) => e.action === 'decision.plan_adjusted');
    assert.equal(moved.length, 1);
    assert.deepEqual(json(moved[0].data), {
      catalogId: row.catalog_id,
      from: `${Y}-10-31`,
      to: `${Y}-12-15`,
      reason: '改造范围扩大，工期相应延长',
    });
  });
});
