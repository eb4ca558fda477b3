import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { escalateOverdueTasks } from '../../src/modules/plan/commands/escalate-overdue.js';
import { checkProgress, matchUnit, normalizeUnitName, rollup } from '../../src/modules/plan/plan.logic.js';
import { cnToNumber, parsePlanText } from '../../src/modules/plan/plan.parser.js';
import { SAMPLE_PLAN_TEXT } from '../../src/modules/plan/plan.sample.js';
import { auditFor, createTestApp, type Session, type TestApp } from '../helpers/app.js';

const SEEDS = path.resolve(import.meta.dirname, '../../../shared/seeds');
const seed003 = fs.existsSync(SEEDS) ? fs.readdirSync(SEEDS).find((f) => f.startsWith('003_')) : undefined;
const SEED_TEXT = seed003 ? fs.readFileSync(path.join(SEEDS, seed003), 'utf8') : null;
if (!SEED_TEXT)
  console.log(`# SKIP: ../shared/seeds/003_* not found at ${SEEDS}; the seed-003 parsing checks are skipped`);

describe('plan parser', () => {
  test('Chinese numerals', () => {
    assert.deepEqual(
      ['一', '九', '十', '十二', '二十', '三十六', '九十九'].map(cnToNumber),
      [1, 9, 10, 12, 20, 36, 99],
    );
    assert.equal(cnToNumber('十十'), null);
    assert.equal(cnToNumber('abc'), null);
  });

  test('seed 003: 9 chapters, 36 items, (四)…(三十六) each with its responsible units', {
    skip: !SEED_TEXT && 'seed 003 missing',
  }, () => {
    const p = parsePlanText(SEED_TEXT!);
    assert.deepEqual(p.problems, []);
    assert.equal(p.docNo, '普委发〔2022〕5号');
    assert.match(p.title ?? '', /普陀区加强法治政府建设实施意见/);
    assert.equal(p.chapters.length, 9);
    assert.equal(p.chapters[1].title, '加快转变政府职能，推进政府治理体系和治理能力现代化');
    assert.equal(p.chapters[8].title, '加强党的领导，不断完善法治政府建设推进机制');
    assert.equal(p.items.length, 36);
    assert.deepEqual(
      p.items.map((i) => i.seq),
      Array.from({ length: 36 }, (_, i) => i + 1),
    );
    // (一)–(三) are general provisions; (四)–(三十六) are the 33 tasks, each with units.
    assert.deepEqual(
      p.items.filter((i) => i.general).map((i) => i.title),
      ['指导思想', '基本原则', '总体目标'],
    );
    const tasks = p.items.filter((i) => !i.general);
    assert.equal(tasks.length, 33);
    assert.ok(tasks.every((t) => t.units.length > 0));
    const by = (n: number) => p.items.find((i) => i.seq === n)!;
    // Page breaks split "各街\n\n镇)" and put (十九)'s units on their own line: both are joined back.
    assert.deepEqual(by(4).units, ['区委编办', '区府办', '各相关部门', '各街镇']);
    assert.equal(by(4).chapterSeq, 2);
    assert.deepEqual(by(19).units, ['区卫生健康委', '各相关部门', '各街镇']);
    assert.deepEqual(by(21).units, [
      '区司法局',
      '区市场监管局',
      '区公安分局',
      '区生态环境局',
      '区人社局',
      '区房管局',
      '区规划资源局',
      '各街镇',
    ]);
    assert.deepEqual(by(23).units, ['区司法局']);
    assert.deepEqual(by(13).units, ['区司法局', '区委编办', '各执法部门']);
    assert.deepEqual(by(36).units, ['区司法局', '区财政局', '各街镇']);
    assert.equal(by(26).title, '加强政府督查工作');
    assert.equal(by(32).title, '深入推进“互联网+监管”');
    assert.match(by(8).body, /中以（上海）创新园/);
    assert.doesNotMatch(by(36).body, /各街镇、各部门要全面准确贯彻/, 'the closing paragraph is not part of item 36');
    // Chapter of each item
    assert.deepEqual(
      [4, 9, 13, 17, 21, 25, 30, 33].map((n) => by(n).chapterSeq),
      [2, 3, 4, 5, 6, 7, 8, 9],
    );
    // Every distinct responsible-unit string
    const all = new Set(tasks.flatMap((t) => t.units));
    for (const u of [
      '区委编办',
      '区行政服务中心',
      '区投促办',
      '区委政法委',
      '区城运中心',
      '区商务委',
      '区民政局',
      '区审计局',
      '区统计局',
      '区委组织部',
      '区科委',
      '区大数据中心',
      '各执法部门',
    ]) {
      assert.ok(all.has(u), u);
    }
    assert.equal(all.size, 27);
  });

  test('broken numbering and missing responsible units are reported with line numbers', () => {
    const broken = SAMPLE_PLAN_TEXT.replace('（四）全面落实', '（六）全面落实').replace('（责任单位：区司法局）', '');
    const p = parsePlanText(broken);
    const lines = broken.split('\n');
    const lineOf = (s: string) => lines.findIndex((l) => l.includes(s)) + 1;
    assert.ok(
      p.problems.some((x) => x.line === lineOf('（六）全面落实') && /应为（四），实际为（六）/.test(x.message)),
      JSON.stringify(p.problems),
    );
    assert.ok(p.problems.some((x) => x.line === lineOf('发挥行政复议主渠道作用') && /缺少“（责任单位/.test(x.message)));
    assert.ok(parsePlanText('这不是方案').problems[0].message.includes('未找到章节标题'));
  });

  test('the sample plan parses cleanly', () => {
    const p = parsePlanText(SAMPLE_PLAN_TEXT);
    assert.deepEqual(p.problems, []);
    assert.equal(p.items.length, 8);
    assert.equal(p.items.filter((i) => i.general).length, 1);
    assert.equal(p.docNo, '示府发〔2021〕12号');
  });
});

describe('plan logic', () => {
  const orgs = [
    { id: 'fbg', name: '区政府办公室', shortName: '区府办', kind: 'department' },
    { id: 'wjw', name: '区卫健委', shortName: '区卫健委', kind: 'department' },
    { id: 'jcj', name: '江川街道办事处', shortName: '江川街道', kind: 'subdistrict' },
  ];
  test('unit matching: short names, normalized long forms, aliases, groups, never a guess', () => {
    const none = new Map<string, string>();
    assert.equal(matchUnit('区府办', orgs, none).orgId, 'fbg');
    assert.equal(matchUnit('区卫生健康委', orgs, none).orgId, 'wjw');
    assert.equal(matchUnit('江川街道', orgs, none).orgId, 'jcj');
    assert.equal(matchUnit('各街镇', orgs, none).groupKey, 'subdistricts_towns');
    assert.equal(matchUnit('各相关部门', orgs, none).groupKey, 'relevant_departments');
    assert.equal(matchUnit('区委编办', orgs, none).resolution, 'unmatched');
    assert.equal(matchUnit('区委编办', orgs, new Map([['区委编办', 'fbg']])).orgId, 'fbg');
    assert.equal(normalizeUnitName('区卫生健康委员会'), '区卫健委');
  });

  test('progress rules: ≤100 %, backwards only with a reason', () => {
    assert.equal(checkProgress({ current: 10, next: 50 }), null);
    assert.equal(checkProgress({ current: 10, next: 101 })?.field, 'progress');
    assert.equal(checkProgress({ current: 60, next: 40 })?.field, 'reason');
    assert.equal(checkProgress({ current: 60, next: 40, reason: '上级要求重新开展' }), null);
  });

  test('weighted roll-up: tasks → items → chapters → plan, general items left out', () => {
    const r = rollup(
      [
        { id: 'c1', weight: 1 },
        { id: 'c2', weight: 3 },
      ],
      [
        { id: 'i1', chapterId: 'c1', weight: 1 },
        { id: 'i2', chapterId: 'c1', weight: 1 },
        { id: 'i3', chapterId: 'c2', weight: 1 },
        { id: 'g', chapterId: 'c2', weight: 1 },
      ],
      [
        { itemId: 'i1', orgId: 'a', progress: 100, weight: 1 },
        { itemId: 'i1', orgId: 'b', progress: 0, weight: 3 },
        { itemId: 'i2', orgId: 'a', progress: 50, weight: 1 },
        { itemId: 'i3', orgId: 'b', progress: 20, weight: 1 },
      ],
    );
    assert.equal(r.item.get('i1'), 25);
    assert.equal(r.item.get('g'), null);
    assert.equal(r.chapter.get('c1'), 37.5);
    assert.equal(r.chapter.get('c2'), 20);
    assert.equal(r.plan, 24.4); // (37.5·1 + 20·3) / 4 = 24.375
    assert.equal(r.unit.get('a'), 75);
    assert.equal(r.unit.get('b'), 5); // (0·3 + 20·1) / 4
  });
});

describe('plan HTTP: import, review, decompose, progress, escalation', () => {
  let t: TestApp;
  let coord: Session;
  let liaison: Session;
  let liaison2: Session;
  let planId: string;
  before(async () => {
    t = await createTestApp();
    coord = await t.loginAs('coordinator');
    liaison = await t.loginAs('liaison');
    liaison2 = await t.loginAs('liaison2');
  });
  after(() => t.close());

  test('401 → 403 → 400 → 422 (broken text imports nothing)', async () => {
    assert.equal(
      (
        await t.call(null, {
          method: 'POST',
          url: '/api/plan/plans',
          payload: { text: SAMPLE_PLAN_TEXT, yearFrom: 2021, yearTo: 2025 },
        })
      ).statusCode,
      401,
    );
    assert.equal(
      (
        await t.call(liaison, {
          method: 'POST',
          url: '/api/plan/plans',
          payload: { text: SAMPLE_PLAN_TEXT, yearFrom: 2021, yearTo: 2025 },
        })
      ).statusCode,
      403,
    );
    assert.equal(
      (
        await t.call(coord, {
          method: 'POST',
          url: '/api/plan/plans',
          payload: { text: SAMPLE_PLAN_TEXT, yearFrom: '2021' },
        })
      ).statusCode,
      400,
    );
    const broken = SAMPLE_PLAN_TEXT.replace('（四）全面落实', '（六）全面落实');
    const res = await t.call(coord, {
      method: 'POST',
      url: '/api/plan/plans',
      payload: { text: broken, yearFrom: 2021, yearTo: 2025 },
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.json().message, /未导入任何内容/);
    assert.ok(res.json().details.problems[0].line > 0);
    const n = await t.db.selectFrom('plans').select('id').execute();
    assert.equal(n.length, 0);
    assert.equal((await t.db.selectFrom('plan_items').select('id').execute()).length, 0);
  });

  test('import the sample plan: units matched, unmatched listed for review', async () => {
    const pre = await t.call(coord, {
      method: 'POST',
      url: '/api/plan/preview',
      payload: { text: SAMPLE_PLAN_TEXT, yearFrom: 2021, yearTo: 2025 },
    });
    assert.equal(pre.statusCode, 200);
    assert.deepEqual(pre.json().unmatched, ['区大数据中心']);
    const res = await t.call(coord, {
      method: 'POST',
      url: '/api/plan/plans',
      payload: { text: SAMPLE_PLAN_TEXT, yearFrom: 2021, yearTo: 2025 },
    });
    assert.equal(res.statusCode, 201, res.body);
    planId = res.json().id;
    assert.deepEqual(res.json().unmatched, ['区大数据中心']);
    const again = await t.call(coord, {
      method: 'POST',
      url: '/api/plan/plans',
      payload: { text: SAMPLE_PLAN_TEXT, yearFrom: 2021, yearTo: 2025 },
    });
    assert.equal(again.statusCode, 409);
    assert.equal((await auditFor(t.db, 'plan', planId))[0].action, 'plan.imported');
  });

  test('decompose is refused while a name is unmatched; the review resolves it', async () => {
    const refused = await t.call(coord, {
      method: 'POST',
      url: `/api/plan/plans/${planId}/decompose`,
      payload: { dueDate: '2025-12-31' },
    });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.json().message, /区大数据中心/);
    const detail = (await t.call(coord, { method: 'GET', url: `/api/plan/plans/${planId}` })).json();
    const u = detail.items
      .flatMap((i: { units: { id: string; rawName: string }[] }) => i.units)
      .find((x: { rawName: string }) => x.rawName === '区大数据中心');
    const bad = await t.call(coord, {
      method: 'PATCH',
      url: `/api/plan/units/${u.id}`,
      payload: { ignore: true, reason: '' },
    });
    assert.equal(bad.statusCode, 400);
    const ok = await t.call(coord, {
      method: 'PATCH',
      url: `/api/plan/units/${u.id}`,
      payload: { orgId: await t.orgId('XXW') },
    });
    assert.equal(ok.statusCode, 200);
    const alias = await t.db
      .selectFrom('plan_unit_aliases')
      .selectAll()
      .where('alias', '=', '区大数据中心')
      .executeTakeFirst();
    assert.equal(alias?.org_id, await t.orgId('XXW'));
    const outOfRange = await t.call(coord, {
      method: 'POST',
      url: `/api/plan/plans/${planId}/decompose`,
      payload: { dueDate: '2030-12-31' },
    });
    assert.equal(outOfRange.statusCode, 422);
    const dec = await t.call(coord, {
      method: 'POST',
      url: `/api/plan/plans/${planId}/decompose`,
      payload: { dueDate: '2025-12-31' },
    });
    assert.equal(dec.statusCode, 200, dec.body);
    assert.ok(dec.json().created > 30);
    const again = await t.call(coord, {
      method: 'POST',
      url: `/api/plan/plans/${planId}/decompose`,
      payload: { dueDate: '2025-12-31' },
    });
    assert.equal(again.json().created, 0, 'decomposition is idempotent');
    // 各街镇 expanded to every sub-district and town; the first named unit leads.
    const tasks = await t.db
      .selectFrom('plan_tasks')
      .innerJoin('plan_items', 'plan_items.id', 'plan_tasks.item_id')
      .select(['plan_items.seq', 'plan_tasks.org_id', 'plan_tasks.lead'])
      .execute();
    const item3 = tasks.filter((x) => x.seq === 3);
    for (const code of ['XCL', 'JCJ', 'GMJ', 'HCZ', 'PJZ', 'SFJ']) {
      const id = await t.orgId(code);
      assert.ok(
        item3.some((x) => x.org_id === id),
        code,
      );
    }
    const sfj = await t.orgId('SFJ');
    assert.ok(item3.find((x) => x.org_id === sfj)?.lead);
    assert.equal(item3.filter((x) => x.lead).length, 1);
  });

  test('progress: visible only to the unit; >100 % is 400; backwards needs a reason; 100 % needs evidence', async () => {
    const mine = (await t.call(liaison, { method: 'GET', url: `/api/plan/tasks?planId=${planId}` })).json().items;
    const scj = await t.orgId('SCJ');
    assert.ok(mine.length > 0);
    assert.ok(
      mine.every((x: { orgId: string }) => x.orgId === scj),
      'a liaison sees only their unit',
    );
    const task = mine[0];
    assert.equal(task.abilities.reportProgress, true);
    assert.equal((await t.call(liaison2, { method: 'GET', url: `/api/plan/tasks/${task.id}` })).statusCode, 404);
    assert.equal(
      (
        await t.call(liaison2, {
          method: 'POST',
          url: `/api/plan/tasks/${task.id}/progress`,
          payload: { progress: 10, note: '已经开展工作' },
        })
      ).statusCode,
      404,
    );
    const over = await t.call(liaison, {
      method: 'POST',
      url: `/api/plan/tasks/${task.id}/progress`,
      payload: { progress: 120, note: '已经开展工作' },
    });
    assert.equal(over.statusCode, 400);
    assert.match(over.json().message, /100%/);
    const ok = await t.call(liaison, {
      method: 'POST',
      url: `/api/plan/tasks/${task.id}/progress`,
      payload: { progress: 60, note: '制定工作方案并完成培训', evidence: [{ title: '培训签到表' }] },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const back = await t.call(liaison, {
      method: 'POST',
      url: `/api/plan/tasks/${task.id}/progress`,
      payload: { progress: 40, note: '重新评估' },
    });
    assert.equal(back.statusCode, 422);
    assert.match(back.json().message, /回退原因/);
    const noEvidence = await t.call(liaison, {
      method: 'POST',
      url: `/api/plan/tasks/${task.id}/progress`,
      payload: { progress: 100, note: '全部完成' },
    });
    assert.equal(noEvidence.statusCode, 422);
    const row = await t.db
      .selectFrom('plan_tasks')
      .select('progress')
      .where('id', '=', task.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.progress, 60, 'rejected reports change nothing');
    const up = await t.call(liaison, {
      method: 'POST',
      url: '/api/plan/evidence',
      payload: { name: '整改报告.txt', mime: 'text/plain', contentBase64: Buffer.from('整改完成').toString('base64') },
    });
    assert.equal(up.statusCode, 201);
    const done = await t.call(liaison, {
      method: 'POST',
      url: `/api/plan/tasks/${task.id}/progress`,
      payload: { progress: 100, note: '全部完成', evidence: [{ title: '整改报告', fileSha256: up.json().sha256 }] },
    });
    assert.equal(done.json().status, 'done');
    const dl = await t.call(liaison, { method: 'GET', url: `/api/plan/evidence/${up.json().sha256}` });
    assert.equal(dl.statusCode, 200);
    assert.equal(dl.body, '整改完成');
    const detail = (await t.call(liaison, { method: 'GET', url: `/api/plan/tasks/${task.id}` })).json();
    assert.deepEqual(
      detail.reports.map((r: { to: number }) => r.to),
      [60, 100],
    );
    const plan = (await t.call(coord, { method: 'GET', url: `/api/plan/plans/${planId}` })).json();
    const item = plan.items.find((i: { id: string }) => i.id === task.itemId);
    assert.ok(item.progress > 0 && item.progress < 100);
    assert.ok(plan.progress > 0);
  });

  test('evidence download is scoped to the tasks citing it: other unit 404, own unit and coordinator 200, anonymous 401', async () => {
    const task = (await t.call(liaison, { method: 'GET', url: `/api/plan/tasks?planId=${planId}` }))
      .json()
      .items.find((x: { status: string }) => x.status === 'done');
    const sha = (await t.call(liaison, { method: 'GET', url: `/api/plan/tasks/${task.id}` }))
      .json()
      .reports.flatMap((r: { evidence: { fileSha256?: string }[] }) => r.evidence)
      .find((e: { fileSha256?: string }) => e.fileSha256).fileSha256;
    const url = `/api/plan/evidence/${sha}`;
    assert.equal((await t.call(null, { method: 'GET', url })).statusCode, 401);
    const other = await t.call(liaison2, { method: 'GET', url });
    assert.equal(other.statusCode, 404, 'another unit cannot fetch a file by its hash');
    assert.match(other.json().message, /附件不存在或您无权查看/);
    assert.doesNotMatch(other.body, /整改完成/);
    const own = await t.call(liaison, { method: 'GET', url });
    assert.equal(own.statusCode, 200);
    assert.equal(own.body, '整改完成');
    assert.equal((await t.call(coord, { method: 'GET', url })).statusCode, 200, 'the coordinator sees every unit');
    // A file no visible progress report cites does not exist for the user, even right after uploading it.
    const loose = await t.call(liaison2, {
      method: 'POST',
      url: '/api/plan/evidence',
      payload: { name: '草稿.txt', mime: 'text/plain', contentBase64: Buffer.from('未引用的附件').toString('base64') },
    });
    assert.equal(loose.statusCode, 201);
    const looseUrl = `/api/plan/evidence/${loose.json().sha256}`;
    assert.equal((await t.call(liaison2, { method: 'GET', url: looseUrl })).statusCode, 404);
    assert.equal((await t.call(coord, { method: 'GET', url: looseUrl })).statusCode, 404);
  });

  test('weights: the coordinator sets them (audited), the roll-up follows; bad input is 400/404/422 and changes nothing', async () => {
    const url = `/api/plan/plans/${planId}/weights`;
    const detail = async () => (await t.call(coord, { method: 'GET', url: `/api/plan/plans/${planId}` })).json();
    const before = await detail();
    // An item whose progress differs from the other items of its chapter, so its weight moves the chapter.
    type It = { id: string; chapterId: string; progress: number | null; weight: number };
    const items = before.items as It[];
    const item = items.find(
      (i) =>
        i.progress !== null &&
        items.some(
          (o) => o.chapterId === i.chapterId && o.id !== i.id && o.progress !== null && o.progress !== i.progress,
        ),
    )!;
    assert.ok(item, 'a chapter with items at different progress');
    const chapterBefore = before.chapters.find((c: { id: string }) => c.id === item.chapterId).progress;
    const body = (weight: unknown, extra: object = {}) => ({ level: 'item', targetId: item.id, weight, ...extra });
    assert.equal((await t.call(null, { method: 'PUT', url, payload: body(3) })).statusCode, 401);
    assert.equal((await t.call(liaison, { method: 'PUT', url, payload: body(3) })).statusCode, 403);
    for (const bad of [0, -1, 'abc', 1.234, 101]) {
      const res = await t.call(coord, { method: 'PUT', url, payload: body(bad) });
      assert.equal(res.statusCode, 400, `weight ${bad}`);
      assert.match(res.json().message, /权重/);
    }
    const zero = await t.call(coord, { method: 'PUT', url, payload: body(0) });
    assert.match(zero.json().message, /正数/);
    const unknown = await t.call(coord, {
      method: 'PUT',
      url,
      payload: body(2, { targetId: '00000000-0000-4000-8000-000000000000' }),
    });
    assert.equal(unknown.statusCode, 404);
    const same = await t.call(coord, { method: 'PUT', url, payload: body(1) });
    assert.equal(same.statusCode, 422);
    assert.match(same.json().message, /无需调整/);
    assert.deepEqual(await detail(), before, 'rejected requests change nothing');

    const ok = await t.call(coord, { method: 'PUT', url, payload: body(3) });
    assert.equal(ok.statusCode, 200, ok.body);
    const after = await detail();
    assert.equal(after.items.find((i: It) => i.id === item.id).weight, 3);
    const inChapter = (after.items as It[]).filter((i) => i.chapterId === item.chapterId && i.progress !== null);
    const expected =
      Math.round(
        (inChapter.reduce((s, i) => s + i.progress! * i.weight, 0) / inChapter.reduce((s, i) => s + i.weight, 0)) * 10,
      ) / 10;
    const chapterAfter = after.chapters.find((c: { id: string }) => c.id === item.chapterId).progress;
    assert.equal(chapterAfter, expected);
    assert.notEqual(chapterAfter, chapterBefore, 'the heavier item moves its chapter');
    assert.equal(ok.json().progress, after.progress);

    // A task's weight moves its item.
    const tasks = (await t.call(coord, { method: 'GET', url: `/api/plan/tasks?planId=${planId}` })).json().items as {
      id: string;
      itemId: string;
      progress: number;
      weight: number;
    }[];
    const done = tasks.find((x) => x.progress === 100)!;
    const siblings = tasks.filter((x) => x.itemId === done.itemId);
    assert.ok(siblings.length > 1);
    const tw = await t.call(coord, { method: 'PUT', url, payload: { level: 'task', targetId: done.id, weight: 4 } });
    assert.equal(tw.statusCode, 200, tw.body);
    const itemProgress = (await detail()).items.find((i: It) => i.id === done.itemId).progress;
    const sum = siblings.reduce((s, x) => s + x.progress * (x.id === done.id ? 4 : x.weight), 0);
    const totalW = siblings.reduce((s, x) => s + (x.id === done.id ? 4 : x.weight), 0);
    assert.equal(itemProgress, Math.round((sum / totalW) * 10) / 10);
    const audit = (await auditFor(t.db, 'plan', planId)).filter((a) => a.action === 'plan.weight_changed');
    assert.deepEqual(
      audit.map((a) => {
        const d = a.data as { level: string; from: number; to: number };
        return [d.level, d.from, d.to];
      }),
      [
        ['item', 1, 3],
        ['task', 1, 4],
      ],
    );
  });

  test('a due date may not precede the Beijing day of decomposition (not the UTC day)', async () => {
    const task = await t.db
      .selectFrom('plan_tasks')
      .select(['id', 'due_date'])
      .where('plan_id', '=', planId)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    // Decomposed at 01:00 on 1 July in Beijing, which is still 30 June in UTC.
    await t.db
      .updateTable('plan_tasks')
      .set({ created_at: new Date('2025-06-30T17:00:00Z') })
      .where('id', '=', task.id)
      .execute();
    const url = `/api/plan/tasks/${task.id}/due-date`;
    const early = await t.call(coord, {
      method: 'PUT',
      url,
      payload: { dueDate: '2025-06-30', reason: '按督查意见调整' },
    });
    assert.equal(early.statusCode, 422);
    assert.match(early.json().message, /不能早于任务分解日期 2025-07-01/);
    const row = await t.db
      .selectFrom('plan_tasks')
      .select('due_date')
      .where('id', '=', task.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.due_date, task.due_date, 'refused: unchanged');
    const ok = await t.call(coord, {
      method: 'PUT',
      url,
      payload: { dueDate: '2025-07-01', reason: '按督查意见调整' },
    });
    assert.equal(ok.statusCode, 200, ok.body);
  });

  test('overdue tasks escalate to the coordinator once', async () => {
    const now = new Date('2026-01-05T02:00:00Z');
    const r1 = await escalateOverdueTasks(t.db, now);
    assert.ok(r1.escalated > 30);
    const coordUser = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'coordinator')
      .executeTakeFirstOrThrow();
    const notes = await t.db
      .selectFrom('notifications')
      .select('id')
      .where('user_id', '=', coordUser.id)
      .where('kind', '=', 'plan_task.overdue')
      .execute();
    assert.equal(notes.length, r1.escalated);
    const r2 = await escalateOverdueTasks(t.db, now);
    assert.equal(r2.escalated, 0);
    assert.equal(r2.notifications, 0);
    const done = await t.db.selectFrom('plan_tasks').select('escalated_at').where('status', '=', 'done').execute();
    assert.ok(
      done.every((d) => d.escalated_at === null),
      'completed tasks are not escalated',
    );
  });
});
