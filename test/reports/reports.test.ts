import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import JSZip from 'jszip';
import { dashboardStatus, missingSections, reportDueDates } from '../../src/modules/reports/reports.workflow.js';
import { SAMPLE_PLAN_TEXT } from '../../src/modules/plan/plan.sample.js';
import { gongwenDate, renderGongwen } from '../../src/platform/documents/gongwen.js';
import { latestCheckpoint, sequence } from '../../src/platform/ledger/store.js';
import { fixedClock } from '../../src/platform/clock.js';
import { auditFor, createTestApp, type Session, type TestApp, TEST_NOW } from '../helpers/app.js';

const docXml = async (buf: Buffer) => (await JSZip.loadAsync(buf)).file('word/document.xml')!.async('string');
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

describe('report rules (pure)', () => {
  test('due dates: departments submit by 1 March, everyone publishes by 1 April', () => {
    assert.deepEqual(reportDueDates(2025), { submitBy: '2026-03-01', publishBy: '2026-04-01' });
  });
  test('dashboard status: late after the due date, government exempt from 1 March', () => {
    const due = reportDueDates(2025);
    assert.equal(dashboardStatus(null, '2026-02-01', due, false), 'not_started');
    assert.equal(dashboardStatus('draft', '2026-02-01', due, false), 'drafting');
    assert.equal(dashboardStatus('draft', '2026-03-02', due, false), 'late');
    assert.equal(dashboardStatus('draft', '2026-03-02', due, true), 'drafting');
    assert.equal(dashboardStatus('submitted', '2026-03-20', due, false), 'submitted');
    assert.equal(dashboardStatus('submitted', '2026-04-02', due, false), 'late');
    assert.equal(dashboardStatus('published', '2026-05-01', due, false), 'published');
  });
  test('required sections', () => {
    assert.deepEqual(missingSections({ measures: 'x', shortcomings: ' ', headDuty: '', nextYear: 'y', other: '' }), [
      '（二）存在的不足和原因',
      '（三）党政主要负责人履行推进法治建设第一责任人职责情况',
    ]);
  });
});

describe('GB/T 9704 DOCX renderer', () => {
  test('layout parameters and elements are in the file', async () => {
    const buf = await renderGongwen({
      issuerMark: '示例区市场监管局',
      docNo: '示市监〔2026〕3号',
      signer: '周局长',
      title: '关于2025年度法治政府建设情况的报告',
      mainRecipient: '区委、区政府',
      body: [
        { kind: 'heading', level: 1, text: '一、主要举措和成效' },
        { kind: 'heading', level: 2, text: '（一）推进依法决策' },
        { kind: 'paragraph', text: '全年承担任务12项。' },
      ],
      signatureOrg: '示例区市场监管局',
      date: '2026-03-05',
      cc: ['区司法局'],
      printedBy: { org: '示例区市场监管局办公室', date: '2026-03-05' },
    });
    const zip = await JSZip.loadAsync(buf);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = textOf(xml);
    for (const s of [
      '示例区市场监管局',
      '示市监〔2026〕3号',
      '签发人：',
      '周局长',
      '一、主要举措和成效',
      '（一）推进依法决策',
      '全年承担任务12项。',
      '2026年3月5日',
      '抄送：区司法局。',
      '2026年3月5日印发',
    ])
      assert.ok(text.includes(s), s);
    assert.match(xml, /w:pgMar w:top="209[78]" w:right="147[34]" w:bottom="198[34]" w:left="158[67]"/);
    assert.match(xml, /w:docGrid w:type="lines" w:linePitch="579"/);
    assert.match(xml, /w:eastAsia="仿宋_GB2312"/);
    assert.match(xml, /w:eastAsia="黑体"/);
    assert.match(xml, /w:eastAsia="楷体_GB2312"/);
    assert.match(xml, /w:color w:val="FF0000"/);
    const settings = await zip.file('word/settings.xml')!.async('string');
    assert.match(settings, /evenAndOddHeaders/);
    const footers = Object.keys(zip.files).filter((f) => /word\/footer\d+\.xml/.test(f));
    assert.equal(footers.length, 2);
    const f = await zip.file(footers[0])!.async('string');
    assert.match(f, /PAGE/);
    assert.match(textOf(f), /^— +—$/);
    assert.equal(gongwenDate('2026-03-05'), '2026年3月5日');
  });
});

describe('annual report HTTP: draft with provenance, workflow, deadlines, DOCX, portal, ledger', () => {
  let t: TestApp;
  let liaison: Session;
  let head: Session;
  let coord: Session;
  let liaison2: Session;
  let reportId: string;
  let scj: string;
  // Progress is reported within the report year (figures read it as of 31 December), then the clock returns.
  const clock = fixedClock(TEST_NOW);
  before(async () => {
    t = await createTestApp({ clock });
    [liaison, head, coord, liaison2] = await Promise.all(
      ['liaison', 'head', 'coordinator', 'liaison2'].map((u) => t.loginAs(u)),
    );
    scj = await t.orgId('SCJ');
    // Known activity: the sample plan decomposed; SCJ completes one task and half of another.
    const plan = (
      await t.call(coord, {
        method: 'POST',
        url: '/api/plan/plans',
        payload: { text: SAMPLE_PLAN_TEXT, yearFrom: 2021, yearTo: 2025 },
      })
    ).json();
    const detail = (await t.call(coord, { method: 'GET', url: `/api/plan/plans/${plan.id}` })).json();
    const u = detail.items
      .flatMap((i: { units: { id: string; rawName: string }[] }) => i.units)
      .find((x: { rawName: string }) => x.rawName === '区大数据中心');
    await t.call(coord, {
      method: 'PATCH',
      url: `/api/plan/units/${u.id}`,
      payload: { ignore: true, reason: '不在本区政府单位树中' },
    });
    await t.call(coord, {
      method: 'POST',
      url: `/api/plan/plans/${plan.id}/decompose`,
      payload: { dueDate: '2025-12-31' },
    });
    const tasks = (await t.call(liaison, { method: 'GET', url: `/api/plan/tasks?planId=${plan.id}` })).json().items;
    clock.set('2025-11-20T10:00:00+08:00');
    await t.call(liaison, {
      method: 'POST',
      url: `/api/plan/tasks/${tasks[0].id}/progress`,
      payload: { progress: 100, note: '已全部完成', evidence: [{ title: '工作总结' }] },
    });
    await t.call(liaison, {
      method: 'POST',
      url: `/api/plan/tasks/${tasks[1].id}/progress`,
      payload: { progress: 50, note: '完成一半' },
    });
    clock.set(TEST_NOW);
    // A signed checkpoint exists, so the draft's figures are pinned to a real tree size and root.
    await sequence(t.db);
  });
  after(() => t.close());

  test('401 / 404 for another unit / 422 for a future year', async () => {
    assert.equal(
      (await t.call(null, { method: 'POST', url: '/api/reports', payload: { orgId: scj, year: 2025 } })).statusCode,
      401,
    );
    assert.equal(
      (await t.call(liaison2, { method: 'POST', url: '/api/reports', payload: { orgId: scj, year: 2025 } })).statusCode,
      404,
    );
    assert.equal(
      (await t.call(liaison, { method: 'POST', url: '/api/reports', payload: { orgId: scj, year: 2099 } })).statusCode,
      422,
    );
  });

  test('a draft carries computed figures with provenance that resolves to records', async () => {
    const res = await t.call(liaison, { method: 'POST', url: '/api/reports', payload: { orgId: scj, year: 2025 } });
    assert.equal(res.statusCode, 201, res.body);
    const r = res.json();
    reportId = r.id;
    assert.equal(r.title, '区市场监管局关于2025年度法治政府建设情况的报告');
    assert.equal(r.status, 'draft');
    const total = r.figures.find((f: { code: string }) => f.code === 'plan.tasks_total');
    const pct = r.figures.find((f: { code: string }) => f.code === 'plan.task_completion_pct');
    const scjTasks = await t.db.selectFrom('plan_tasks').select(['id', 'status']).where('org_id', '=', scj).execute();
    assert.equal(total.value, scjTasks.length);
    assert.equal(pct.value, Math.round((1 / scjTasks.length) * 1000) / 10);
    assert.match(pct.basis, new RegExp(`1/${scjTasks.length}`));
    assert.ok(r.snapshotAt);
    const cp = await latestCheckpoint(t.db);
    assert.ok(cp, 'a checkpoint was signed before drafting');
    assert.match(r.ledgerTreeSize, /^\d+$/, 'the tree size is a number, not null');
    assert.equal(Number(r.ledgerTreeSize), Number(cp.treeSize));
    assert.ok(Number(r.ledgerTreeSize) > 0);
    assert.match(r.ledgerRoot, /^[0-9a-f]{64}$/);
    assert.equal(r.ledgerRoot, cp.rootHash.toString('hex'));
    // Every record behind a figure exists, and its link opens it.
    for (const rec of total.records) {
      assert.ok(scjTasks.some((x) => x.id === rec.id));
      assert.equal(rec.link, `/admin/plan/tasks/${rec.id}`);
      assert.equal((await t.call(liaison, { method: 'GET', url: `/api/plan/tasks/${rec.id}` })).statusCode, 200);
    }
    assert.match(r.rawSections.measures, new RegExp(`承担实施方案任务${scjTasks.length}项，已完成1项`));
    assert.match(r.rawSections.shortcomings, /未按期完成/);
    assert.equal(r.rawSections.headDuty, '');
    assert.equal(r.submitBy, '2026-03-01');
    assert.equal(r.defaultRecipient, '区委、区政府', 'a department reports to the Party committee and the government');
    const deadlines = await t.db
      .selectFrom('deadlines')
      .select(['rule_id', 'due_date'])
      .where('entity_kind', '=', 'annual_report')
      .where('entity_id', '=', reportId)
      .orderBy('rule_id')
      .execute();
    assert.deepEqual(deadlines, [
      { rule_id: 'report.publish', due_date: '2026-04-01' },
      { rule_id: 'report.submit', due_date: '2026-03-01' },
    ]);
    assert.equal(
      (await t.call(liaison, { method: 'POST', url: '/api/reports', payload: { orgId: scj, year: 2025 } })).statusCode,
      409,
    );
  });

  test('submitting with required sections empty is refused and nothing is lost', async () => {
    const r0 = (await t.call(liaison, { method: 'GET', url: `/api/reports/${reportId}` })).json();
    const edit = await t.call(liaison, {
      method: 'PATCH',
      url: `/api/reports/${reportId}`,
      payload: { version: r0.version, sections: { shortcomings: '部分任务进度滞后，原因是人员力量不足。' } },
    });
    assert.equal(edit.statusCode, 200);
    const stale = await t.call(liaison, {
      method: 'PATCH',
      url: `/api/reports/${reportId}`,
      payload: { version: r0.version, sections: { other: '旧版本' } },
    });
    assert.equal(stale.statusCode, 409);
    const req1 = await t.call(liaison, { method: 'POST', url: `/api/reports/${reportId}/request-approval` });
    assert.equal(req1.statusCode, 422);
    assert.match(req1.json().message, /（三）党政主要负责人履行推进法治建设第一责任人职责情况/);
    const after = (await t.call(liaison, { method: 'GET', url: `/api/reports/${reportId}` })).json();
    assert.equal(after.status, 'draft');
    assert.equal(after.rawSections.shortcomings, '部分任务进度滞后，原因是人员力量不足。');
    const badNo = await t.call(liaison, {
      method: 'PATCH',
      url: `/api/reports/${reportId}`,
      payload: { version: after.version, docNo: '示市监[2026]3号' },
    });
    assert.equal(badNo.statusCode, 400);
  });

  test('draft → head approval → submitted → published, with deadlines closed and ledger anchoring', async () => {
    let r = (await t.call(liaison, { method: 'GET', url: `/api/reports/${reportId}` })).json();
    const ok = await t.call(liaison, {
      method: 'PATCH',
      url: `/api/reports/${reportId}`,
      payload: {
        version: r.version,
        docNo: '示市监〔2026〕3号',
        cc: '区司法局',
        sections: { headDuty: '局主要负责人专题听取法治建设工作汇报4次。', nextYear: '继续推进行政执法三项制度。' },
      },
    });
    assert.equal(ok.statusCode, 200);
    assert.equal((await t.call(liaison, { method: 'POST', url: `/api/reports/${reportId}/approve` })).statusCode, 403);
    // The head may approve, but not a draft that was never sent for approval: wrong step (409), not wrong role.
    const early = await t.call(head, { method: 'POST', url: `/api/reports/${reportId}/approve` });
    assert.equal(early.statusCode, 409);
    assert.match(early.json().message, /报告当前状态为“起草中”，不能审定报告/);
    assert.equal((await t.call(liaison, { method: 'GET', url: `/api/reports/${reportId}` })).json().status, 'draft');
    assert.equal(
      (await t.call(liaison, { method: 'POST', url: `/api/reports/${reportId}/request-approval` })).statusCode,
      200,
    );
    assert.equal(
      (
        await t.call(liaison, {
          method: 'PATCH',
          url: `/api/reports/${reportId}`,
          payload: { version: 99, sections: { other: 'x' } },
        })
      ).statusCode,
      409,
    );
    r = (await t.call(head, { method: 'POST', url: `/api/reports/${reportId}/approve` })).json();
    assert.equal(r.status, 'approved');
    r = (await t.call(liaison, { method: 'POST', url: `/api/reports/${reportId}/submit` })).json();
    assert.equal(r.status, 'submitted');
    assert.equal((await t.call(liaison, { method: 'POST', url: `/api/reports/${reportId}/publish` })).statusCode, 403);
    // Not yet public
    assert.equal((await t.call(null, { method: 'GET', url: `/api/public/reports/${reportId}` })).statusCode, 404);
    r = (await t.call(coord, { method: 'POST', url: `/api/reports/${reportId}/publish` })).json();
    assert.equal(r.status, 'published');
    const dl = await t.db
      .selectFrom('deadlines')
      .select(['rule_id', 'status', 'met'])
      .where('entity_id', '=', reportId)
      .orderBy('rule_id')
      .execute();
    assert.deepEqual(
      dl.map((d) => [d.rule_id, d.status, d.met]),
      [
        ['report.publish', 'closed', false],
        ['report.submit', 'closed', false],
      ],
    );
    const actions = (await auditFor(t.db, 'annual_report', reportId)).map((a) => a.action);
    for (const a of [
      'annual_report.drafted',
      'annual_report.edited',
      'annual_report.approval_requested',
      'annual_report.approved',
      'annual_report.submitted',
      'annual_report.published',
    ])
      assert.ok(actions.includes(a), a);
    const pub = await t.call(null, { method: 'GET', url: `/api/public/reports/${reportId}` });
    assert.equal(pub.statusCode, 200);
    const p = pub.json();
    assert.equal(p.sections[0].heading, '一、2025年度推进法治政府建设的主要举措和成效');
    assert.ok(p.proof, 'the published report has a ledger entry');
    assert.equal(p.proof.entry?.recordKind ?? p.proof.entry.recordKind, 'annual_report');
    const list = (await t.call(null, { method: 'GET', url: '/api/public/reports?year=2025' })).json();
    assert.equal(list.items.length, 1);
  });

  test('DOCX export re-opens with the headings and figures', async () => {
    // Approved at 01:30 on 5 March in Beijing (still 4 March in UTC): the 成文日期 is the Beijing day.
    await t.db
      .updateTable('annual_reports')
      .set({ approved_at: new Date('2026-03-04T17:30:00Z') })
      .where('id', '=', reportId)
      .execute();
    const res = await t.call(liaison, { method: 'GET', url: `/api/reports/${reportId}/docx` });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /wordprocessingml/);
    const text = textOf(await docXml(res.rawPayload));
    const scjTasks = await t.db.selectFrom('plan_tasks').select('id').where('org_id', '=', scj).execute();
    for (const s of [
      '区市场监管局关于2025年度法治政府建设情况的报告',
      '示市监〔2026〕3号',
      '签发人：',
      '周局长',
      '一、2025年度推进法治政府建设的主要举措和成效',
      '二、2025年度推进法治政府建设存在的不足和原因',
      '三、党政主要负责人2025年度履行推进法治建设第一责任人职责、加强法治政府建设的情况',
      '四、2026年度推进法治政府建设的主要安排',
      `承担实施方案任务${scjTasks.length}项`,
      '抄送：区司法局。',
      '区委、区政府：',
      '2026年3月5日',
    ]) {
      assert.ok(text.includes(s), s);
    }
    assert.ok(!text.includes('2026年3月4日'), 'not the UTC day');
    // The recipients are a parameter (default by the kind of unit).
    const other = await t.call(liaison, {
      method: 'GET',
      url: `/api/reports/${reportId}/docx?recipient=${encodeURIComponent('区委、区政府、区人大常委会')}`,
    });
    assert.equal(other.statusCode, 200);
    assert.ok(textOf(await docXml(other.rawPayload)).includes('区委、区政府、区人大常委会：'));
    const bad = await t.call(liaison, {
      method: 'GET',
      url: `/api/reports/${reportId}/docx?recipient=${encodeURIComponent('<b>')}`,
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /主送机关/);
    const pub = await t.call(null, { method: 'GET', url: `/api/public/reports/${reportId}/docx` });
    assert.equal(pub.statusCode, 200);
    assert.ok(!textOf(await docXml(pub.rawPayload)).includes('签发人'), 'the web edition has no 版头');
  });

  test('comparison with last year and the coordinator dashboard', async () => {
    const cmp = (await t.call(liaison, { method: 'GET', url: `/api/reports/${reportId}/compare` })).json();
    assert.equal(cmp.previous, null);
    assert.ok(cmp.rows.every((x: { previous: number | null }) => x.previous === null));
    assert.equal(cmp.sections.length, 5);
    assert.ok(cmp.sections.every((x: { previous: string | null }) => x.previous === null));
    const prev = await t.call(liaison, { method: 'POST', url: '/api/reports', payload: { orgId: scj, year: 2024 } });
    assert.equal(prev.statusCode, 201);
    const cmp2 = (await t.call(liaison, { method: 'GET', url: `/api/reports/${reportId}/compare` })).json();
    assert.equal(cmp2.previous.year, 2024);
    const row = cmp2.rows.find((x: { code: string }) => x.code === 'plan.tasks_total');
    assert.equal(row.previous, 0);
    assert.equal(row.change, row.current);
    // The narrative sections side by side: this year's text beside last year's.
    const prevReport = prev.json();
    type Sec = { key: string; heading: string; current: string; previous: string | null; changed: boolean };
    const head3 = cmp2.sections.find((x: Sec) => x.key === 'headDuty');
    assert.equal(head3.heading, '三、党政主要负责人2025年度履行推进法治建设第一责任人职责、加强法治政府建设的情况');
    assert.equal(head3.current, '局主要负责人专题听取法治建设工作汇报4次。');
    assert.equal(head3.previous, prevReport.rawSections.headDuty);
    assert.equal(head3.changed, true);
    const measures = cmp2.sections.find((x: Sec) => x.key === 'measures');
    assert.equal(measures.previous, prevReport.rawSections.measures);
    assert.deepEqual(
      cmp2.sections.map((x: Sec) => x.key),
      ['measures', 'shortcomings', 'headDuty', 'nextYear', 'other'],
    );
    const d = (await t.call(coord, { method: 'GET', url: '/api/reports/dashboard?year=2025' })).json();
    const u = d.units.find((x: { orgId: string }) => x.orgId === scj);
    assert.equal(u.status, 'published');
    assert.equal(
      d.units.find((x: { orgId: string; kind: string }) => x.orgId !== scj && x.kind === 'department').status,
      'late',
    );
    assert.ok(d.plan.chapters.length >= 3);
    assert.ok(d.overdueTasks.length > 0);
    const ld = (await t.call(liaison2, { method: 'GET', url: '/api/reports/dashboard?year=2025' })).json();
    assert.ok(
      ld.units.every((x: { orgId: string }) => x.orgId !== scj),
      'a unit sees only its own subtree',
    );
  });
});
