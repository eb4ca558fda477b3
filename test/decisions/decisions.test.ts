import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { unzipSync, strFromU8 } from 'fflate';
import { createHash } from 'node:crypto';
import { addCalendarDays, addWorkingDays } from '../../src/platform/calendar/index.js';
import { auditFor, createTestApp, type Session, type TestApp, TEST_TODAY } from '../helpers/app.js';

process.env.FAZHI_DECISIONS_COMMENT_RATE_MAX = '200';

/** One decision walked through the whole procedure over HTTP, trying every gate and bad input on the way. */
describe('decisions: catalog → procedure → archive over HTTP', () => {
  let t: TestApp;
  let co: Session;
  let liaison: Session;
  let staff: Session;
  let reviewer: Session;
  let head2: Session;
  let catalogId: string;
  let itemId: string;
  let commentPeriodId: string;
  const T = TEST_TODAY;
  const year = Number(T.slice(0, 4));
  const step = (s: Session | null, path: string, payload: unknown) =>
    t.call(s, { method: 'POST', url: `/api/decisions/items/${itemId}/${path}`, payload: payload as object });
  const status = async () =>
    (await t.db.selectFrom('decisions').select('status').where('id', '=', itemId).executeTakeFirstOrThrow()).status;

  before(async () => {
    t = await createTestApp();
    // Sequential: parallel logins open several pooled connections, which the PostgreSQL test helper's forced drop can race.
    co = await t.loginAs('coordinator');
    liaison = await t.loginAs('liaison');
    staff = await t.loginAs('staff');
    reviewer = await t.loginAs('reviewer');
    head2 = await t.loginAs('head2');
  });
  after(() => t.close());

  test('catalog: 401, 400, 403, 201, 409; approval needs items and the Party consent; publication is versioned and anchored', async () => {
    const root = await t.orgId('SLQ');
    assert.equal((await t.call(null, { method: 'GET', url: '/api/decisions/catalogs' })).statusCode, 401);
    const bad = await t.call(co, { method: 'POST', url: '/api/decisions/catalogs', payload: { bodyOrgId: 'x', year } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /决策机关编号格式不正确/);
    const forbidden = await t.call(staff, {
      method: 'POST',
      url: '/api/decisions/catalogs',
      payload: { bodyOrgId: root, year },
    });
    assert.equal(forbidden.statusCode, 403);
    const created = await t.call(co, {
      method: 'POST',
      url: '/api/decisions/catalogs',
      payload: { bodyOrgId: root, year },
    });
    assert.equal(created.statusCode, 201, created.body);
    catalogId = created.json().id;
    assert.equal(
      (await t.call(co, { method: 'POST', url: '/api/decisions/catalogs', payload: { bodyOrgId: root, year } }))
        .statusCode,
      409,
    );
    const empty = await t.call(co, {
      method: 'POST',
      url: `/api/decisions/catalogs/${catalogId}/approve`,
      payload: { partyConsentRef: '区委常委会会议', partyConsentOn: `${year}-01-10` },
    });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.json().message, /还没有决策事项/);
    const early = await t.call(co, {
      method: 'POST',
      url: `/api/decisions/catalogs/${catalogId}/publish`,
      payload: {},
    });
    assert.equal(early.statusCode, 409);
    assert.match(early.json().message, /党委同意/);

    const scj = await t.orgId('SCJ');
    const item = {
      title: '示例区集贸市场管理办法',
      summary: '规范集贸市场经营秩序，保障食品安全和消费者权益。',
      category: 'public_policy',
      leadOrgId: scj,
      plannedCompletionOn: `${year}-12-31`,
      affectsStability: true,
    };
    // A unit outside the district body's view does not see its draft catalog at all.
    const wrongUnit = await t.call(head2, {
      method: 'POST',
      url: `/api/decisions/catalogs/${catalogId}/items`,
      payload: item,
    });
    assert.equal(wrongUnit.statusCode, 404);
    const otherLead = await t.call(liaison, {
      method: 'POST',
      url: `/api/decisions/catalogs/${catalogId}/items`,
      payload: { ...item, leadOrgId: await t.orgId('JCJ') },
    });
    assert.equal(otherLead.statusCode, 404);
    const proposed = await t.call(liaison, {
      method: 'POST',
      url: `/api/decisions/catalogs/${catalogId}/items`,
      payload: item,
    });
    assert.equal(proposed.statusCode, 201, proposed.body);
    itemId = proposed.json().id;
    assert.equal(
      (
        await t.call(co, {
          method: 'POST',
          url: `/api/decisions/catalogs/${catalogId}/approve`,
          payload: { partyConsentRef: '区委常委会会议', partyConsentOn: `${year}-01-10` },
        })
      ).statusCode,
      200,
    );
    const pub = await t.call(co, { method: 'POST', url: `/api/decisions/catalogs/${catalogId}/publish`, payload: {} });
    assert.equal(pub.statusCode, 200, pub.body);
    assert.equal(pub.json().version, 1);
    assert.equal(
      (await t.call(co, { method: 'POST', url: `/api/decisions/catalogs/${catalogId}/publish`, payload: {} }))
        .statusCode,
      422,
    );
    const noReason = await t.call(co, {
      method: 'POST',
      url: `/api/decisions/catalogs/${catalogId}/items`,
      payload: { ...item, title: '示例区夜间经济发展措施', affectsStability: false },
    });
    assert.equal(noReason.statusCode, 422);
    assert.match(noReason.json().message, /调整理由/);
    const adj = await t.call(co, {
      method: 'POST',
      url: `/api/decisions/catalogs/${catalogId}/items`,
      payload: {
        ...item,
        title: '示例区夜间经济发展措施',
        affectsStability: false,
        adjustmentReason: '根据区政府常务会议部署新增事项',
      },
    });
    assert.equal(adj.statusCode, 201);
    const versions = await t.db
      .selectFrom('decision_catalog_versions')
      .selectAll()
      .where('catalog_id', '=', catalogId)
      .orderBy('version')
      .execute();
    assert.deepEqual(
      versions.map((v) => v.version),
      [1, 2],
    );
    assert.match(versions[1].reason ?? '', /新增事项/);
    const leaves = await t.db
      .selectFrom('ledger_entries')
      .select(['record_id'])
      .where('record_kind', '=', 'decision.catalog')
      .execute();
    assert.deepEqual(leaves.map((l) => l.record_id).sort(), [`${catalogId}:v1`, `${catalogId}:v2`]);
    const stats = await t.call(co, { method: 'GET', url: `/api/decisions/catalogs/${catalogId}/stats` });
    assert.equal(stats.json().items, 2);
    assert.equal(stats.json().yoyPct, null);
    const docx = await t.call(co, { method: 'GET', url: `/api/decisions/catalogs/${catalogId}/docx` });
    assert.equal(docx.statusCode, 200);
    assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');
  });

  test('"is it major?": initiation refused without an assessment or when excluded; reasons visible to the reviewer', async () => {
    const noAssessment = await step(co, 'initiate', {});
    assert.equal(noAssessment.statusCode, 422);
    assert.match(noAssessment.json().message, /重大性认定/);
    const excluded = await t.call(liaison, {
      method: 'POST',
      url: `/api/decisions/items/${itemId}/assessment`,
      payload: {
        kinds: ['public_policy'],
        exclusions: ['emergency'],
        reasons: '该事项属于突发事件应急处置中的临时措施，依法不适用本条例规定。',
      },
    });
    assert.equal(excluded.json().isMajor, false);
    assert.equal((await step(co, 'initiate', {})).statusCode, 422);
    const ok = await t.call(liaison, {
      method: 'POST',
      url: `/api/decisions/items/${itemId}/assessment`,
      payload: {
        kinds: ['public_policy'],
        exclusions: [],
        reasons: '涉及全区集贸市场经营者和消费者切身利益，属于市场监管方面的重大公共政策。',
      },
    });
    assert.equal(ok.json().isMajor, true);
    assert.equal((await step(staff, 'initiate', {})).statusCode, 403);
    const started = await step(co, 'initiate', {});
    assert.equal(started.statusCode, 200, started.body);
    assert.equal(started.json().status, 'drafting');
    const seen = await t.call(reviewer, { method: 'GET', url: `/api/decisions/items/${itemId}` });
    assert.match(JSON.stringify(seen.json().assessment), /切身利益/);
  });

  test('out-of-order steps are refused naming what is missing, and change nothing', async () => {
    const skip = await step(co, 'collective-decision', {
      meeting: '区政府常务会议',
      meetingKind: 'executive',
      heldOn: T,
      members: [],
      headName: '赵区长',
      outcome: 'approved',
      minutes: '会议审议了决策草案及相关材料。',
    });
    assert.equal(skip.statusCode, 409);
    assert.match(skip.json().message, /拟定决策草案.*公众参与.*风险评估.*合法性审查/);
    const publish = await step(co, 'publish', {
      publishedText: 'x'.repeat(30),
      channels: ['网站'],
      executionOrgId: await t.orgId('SCJ'),
      tasks: [],
    });
    assert.equal(publish.statusCode, 409);
    assert.equal(await status(), 'drafting');
  });

  test('drafting needs legal bases, and two options when disputed', async () => {
    const draft = {
      text: '集贸市场管理办法（草案）共五章二十八条。',
      legalBases: [],
      disputed: false,
      alternatives: [],
    };
    assert.match((await step(staff, 'drafting', draft)).json().message, /法律、法规/);
    const disputed = await step(staff, 'drafting', {
      ...draft,
      legalBases: ['《食品安全法》'],
      disputed: true,
      alternatives: [{ title: '方案一', summary: '全区统一设置经营时段。' }],
    });
    assert.equal(disputed.statusCode, 422);
    assert.match(disputed.json().message, /两个以上方案/);
    const ok = await step(staff, 'drafting', { ...draft, legalBases: ['《食品安全法》', '《上海市食品安全条例》'] });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'participation');
  });

  test('participation: comment period ≥30 days unless a reason is given; hearing materials ≥7 days before', async () => {
    const url = `/api/decisions/items/${itemId}/participations`;
    const short = await t.call(staff, {
      method: 'POST',
      url,
      payload: { form: 'comment_period', title: '公开征求意见', opensOn: T, closesOn: addCalendarDays(T, 20) },
    });
    assert.equal(short.statusCode, 422);
    assert.match(short.json().message, /不少于30日/);
    const withReason = await t.call(staff, {
      method: 'POST',
      url,
      payload: {
        form: 'comment_period',
        title: '公开征求意见（紧急）',
        opensOn: T,
        closesOn: addCalendarDays(T, 20),
        shortenedReason: '汛期临近，需尽快出台市场防汛安全措施',
      },
    });
    assert.equal(withReason.statusCode, 201);
    const p = await t.db
      .selectFrom('decision_participations')
      .selectAll()
      .where('id', '=', withReason.json().id)
      .executeTakeFirstOrThrow();
    assert.equal(p.shortened_reason, '汛期临近，需尽快出台市场防汛安全措施');
    commentPeriodId = p.id;
    const hearingDate = addCalendarDays(T, 20);
    const late = await t.call(staff, {
      method: 'POST',
      url,
      payload: {
        form: 'hearing',
        title: '集贸市场管理办法听证会',
        heldOn: hearingDate,
        materialsSentOn: addCalendarDays(hearingDate, -5),
        selectionMethod: '自愿报名、随机抽取',
        participants: ['经营者代表王某'],
      },
    });
    assert.equal(late.statusCode, 422);
    assert.match(late.json().message, /7日前/);
    const noList = await t.call(staff, {
      method: 'POST',
      url,
      payload: {
        form: 'hearing',
        title: '集贸市场管理办法听证会',
        heldOn: hearingDate,
        materialsSentOn: T,
        selectionMethod: '自愿报名、随机抽取',
        participants: [],
      },
    });
    assert.match(noList.json().message, /参加人名单/);
    const hearing = await t.call(staff, {
      method: 'POST',
      url,
      payload: {
        form: 'hearing',
        title: '集贸市场管理办法听证会',
        heldOn: hearingDate,
        materialsSentOn: T,
        selectionMethod: '自愿报名、随机抽取',
        participants: ['经营者代表王某', '消费者代表李某'],
      },
    });
    assert.equal(hearing.statusCode, 201);
    const beforeHeld = await t.call(staff, {
      method: 'POST',
      url: `/api/decisions/participations/${hearing.json().id}/close`,
      payload: { outcome: '听证参加人发表意见14条。', recordSigned: true },
    });
    assert.equal(beforeHeld.statusCode, 422, 'no signed record before the hearing is held');
    assert.match(beforeHeld.json().message, /举行前不能/);
    // The hearing takes place (its date reached).
    await t.db.updateTable('decision_participations').set({ held_on: T }).where('id', '=', hearing.json().id).execute();
    const unsigned = await t.call(staff, {
      method: 'POST',
      url: `/api/decisions/participations/${hearing.json().id}/close`,
      payload: { outcome: '听证参加人发表意见14条。', recordSigned: false },
    });
    assert.equal(unsigned.statusCode, 422);
    assert.match(unsigned.json().message, /签字/);
    assert.equal(
      (
        await t.call(staff, {
          method: 'POST',
          url: `/api/decisions/participations/${hearing.json().id}/close`,
          payload: { outcome: '听证参加人发表意见14条。', recordSigned: true },
        })
      ).statusCode,
      200,
    );
  });

  test('portal comments: bad input refused; markup stored as text; receipt number; moderation and disposition', async () => {
    const url = `/api/public/decisions/participations/${commentPeriodId}/comments`;
    const count = async () => (await t.db.selectFrom('decision_comments').select('id').execute()).length;
    const before = await count();
    assert.equal(
      (await t.call(null, { method: 'POST', url, payload: { submitterKind: 'individual', body: '' } })).statusCode,
      400,
    );
    const noName = await t.call(null, {
      method: 'POST',
      url,
      payload: { submitterKind: 'individual', body: '建议延长营业时间。' },
    });
    assert.equal(noName.statusCode, 400);
    assert.match(noName.json().message, /姓名/);
    assert.equal(
      (
        await t.call(null, {
          method: 'POST',
          url,
          payload: { submitterKind: 'anonymous', body: '建议延长营业时间。', website: 'spam' },
        })
      ).statusCode,
      400,
    );
    const exe = await t.call(null, {
      method: 'POST',
      url,
      payload: {
        submitterKind: 'anonymous',
        body: '附件见后。',
        attachments: [
          { name: 'a.exe', mime: 'application/x-msdownload', dataBase64: Buffer.from('MZ').toString('base64') },
        ],
      },
    });
    assert.equal(exe.statusCode, 422);
    const fakePdf = await t.call(null, {
      method: 'POST',
      url,
      payload: {
        submitterKind: 'anonymous',
        body: '附件见后。',
        attachments: [
          { name: 'a.pdf', mime: 'application/pdf', dataBase64: Buffer.from('not a pdf').toString('base64') },
        ],
      },
    });
    assert.equal(fakePdf.statusCode, 422);
    assert.match(fakePdf.json().message, /不符/);
    const big = Buffer.alloc(2 * 1024 * 1024 + 10, 0x20);
    big.write('%PDF');
    const oversize = await t.call(null, {
      method: 'POST',
      url,
      payload: {
        submitterKind: 'anonymous',
        body: '附件见后。',
        attachments: [{ name: 'big.pdf', mime: 'application/pdf', dataBase64: big.toString('base64') }],
      },
    });
    assert.equal(oversize.statusCode, 413);
    assert.equal(
      (
        await t.call(null, {
          method: 'POST',
          url: '/api/public/decisions/participations/00000000-0000-4000-8000-000000000000/comments',
          payload: { submitterKind: 'anonymous', body: '建议延长营业时间。' },
        })
      ).statusCode,
      404,
    );
    assert.equal(await count(), before);

    const script = '<script>alert(1)</script><img src=x onerror=alert(2)> 建议保留早市';
    const ok = await t.call(null, {
      method: 'POST',
      url,
      payload: {
        submitterKind: 'organization',
        name: '示例区个体劳动者协会',
        body: script,
        attachments: [
          { name: '建议.pdf', mime: 'application/pdf', dataBase64: Buffer.from('%PDF-1.4 demo').toString('base64') },
        ],
      },
    });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.match(ok.json().receiptNo, /^YJ\d{8}-[0-9A-F]{10}$/);
    assert.equal(
      (
        await t.call(null, {
          method: 'POST',
          url,
          payload: { submitterKind: 'organization', name: '示例区个体劳动者协会', body: script },
        })
      ).statusCode,
      409,
    );
    const second = await t.call(null, {
      method: 'POST',
      url,
      payload: { submitterKind: 'anonymous', body: '与本事项无关的广告内容' },
    });
    assert.equal(second.statusCode, 201);

    const detail = (await t.call(staff, { method: 'GET', url: `/api/decisions/items/${itemId}` })).json();
    const [c1, c2] = detail.comments;
    assert.equal(c1.body, script);
    assert.equal(c1.attachments[0].sha256, createHash('sha256').update('%PDF-1.4 demo').digest('hex'));
    const pub0 = (await t.call(null, { method: 'GET', url: `/api/public/decisions/items/${itemId}` })).json();
    assert.equal(pub0.comments.length, 0, 'unmoderated comments are not public');
    assert.equal(
      pub0.participations.find((p: { id: string }) => p.id === commentPeriodId).shortenedReason,
      '汛期临近，需尽快出台市场防汛安全措施',
    );

    const early = await t.call(staff, {
      method: 'POST',
      url: `/api/decisions/participations/${commentPeriodId}/close`,
      payload: { outcome: '共收到意见2条，均已逐条研究处理。' },
    });
    assert.equal(early.statusCode, 409);
    assert.match(early.json().message, /届满前不能结束/);
    await t.db
      .updateTable('decision_participations')
      .set({ closes_on: addCalendarDays(T, -1), opens_on: addCalendarDays(T, -21) })
      .where('id', '=', commentPeriodId)
      .execute();
    // …and its comment-period deadline with it (registered with the deadline engine when the period opened).
    await t.db
      .updateTable('deadlines')
      .set({ trigger_date: addCalendarDays(T, -21), due_date: addCalendarDays(T, -1) })
      .where('entity_id', '=', itemId)
      .where('rule_id', '=', 'decision.comment_period')
      .execute();
    const undisposed = await t.call(staff, {
      method: 'POST',
      url: `/api/decisions/participations/${commentPeriodId}/close`,
      payload: { outcome: '共收到意见2条，均已逐条研究处理。' },
    });
    assert.equal(undisposed.statusCode, 422);
    assert.match(undisposed.json().message, /2条意见未审核/);
    const late = await t.call(null, {
      method: 'POST',
      url,
      payload: { submitterKind: 'anonymous', body: '截止后提交的意见' },
    });
    assert.equal(late.statusCode, 409);

    assert.equal(
      (
        await t.call(staff, {
          method: 'POST',
          url: `/api/decisions/comments/${c2.id}/moderate`,
          payload: { moderation: 'rejected' },
        })
      ).statusCode,
      422,
    );
    assert.equal(
      (
        await t.call(head2, {
          method: 'POST',
          url: `/api/decisions/comments/${c2.id}/moderate`,
          payload: { moderation: 'rejected', reason: '与决策事项无关' },
        })
      ).statusCode,
      404,
    );
    assert.equal(
      (
        await t.call(staff, {
          method: 'POST',
          url: `/api/decisions/comments/${c2.id}/moderate`,
          payload: { moderation: 'rejected', reason: '与决策事项无关' },
        })
      ).statusCode,
      200,
    );
    assert.equal(
      (
        await t.call(staff, {
          method: 'POST',
          url: `/api/decisions/comments/${c1.id}/moderate`,
          payload: { moderation: 'published' },
        })
      ).statusCode,
      200,
    );
    const still = await t.call(staff, {
      method: 'POST',
      url: `/api/decisions/participations/${commentPeriodId}/close`,
      payload: { outcome: '共收到意见2条，均已逐条研究处理。' },
    });
    assert.match(still.json().message, /1条意见未作出采纳处理/);
    assert.equal(
      (
        await t.call(staff, {
          method: 'POST',
          url: `/api/decisions/comments/${c1.id}/dispose`,
          payload: { disposition: 'partly_adopted', reason: '保留早市，但限定经营时段' },
        })
      ).statusCode,
      200,
    );
    const closed = await t.call(staff, {
      method: 'POST',
      url: `/api/decisions/participations/${commentPeriodId}/close`,
      payload: { outcome: '共收到意见2条，部分采纳1条。' },
    });
    assert.equal(closed.statusCode, 200, closed.body);
    assert.match(closed.json().commentSetHash, /^[0-9a-f]{64}$/);
    const leaf = await t.db
      .selectFrom('ledger_entries')
      .select('content')
      .where('record_kind', '=', 'decision.comment_set')
      .where('record_id', '=', commentPeriodId)
      .executeTakeFirstOrThrow();
    assert.match(String(leaf.content), new RegExp(closed.json().commentSetHash));
    assert.equal(
      (
        await t.call(staff, {
          method: 'POST',
          url: `/api/decisions/comments/${c1.id}/dispose`,
          payload: { disposition: 'adopted', reason: '改为全部采纳' },
        })
      ).statusCode,
      409,
      'dispositions are fixed once closed',
    );
    const pub = (await t.call(null, { method: 'GET', url: `/api/public/decisions/items/${itemId}` })).json();
    assert.equal(pub.comments.length, 1);
    assert.equal(pub.comments[0].body, script);
    assert.equal(pub.comments[0].disposition, '部分采纳');
  });

  test('completing participation compiles the adoption statement; risk assessment must be complete and controllable', async () => {
    const done = await step(staff, 'participation/complete', {});
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().status, 'risk_assessment');
    const stmt = done.json().stages.find((s: { stage: string }) => s.stage === 'participation');
    assert.match(stmt.publicSummary, /部分采纳1条/);
    assert.match(stmt.publicSummary, /缩短期限理由/);
    const risk = {
      assessor: '区社会稳定风险评估中心',
      assessorOrgId: null,
      thirdParty: true,
      riskPoints: [],
      measures: ['设立咨询窗口'],
      contingencyPlan: '',
      level: 'medium',
      controllable: true,
    };
    const incomplete = await step(staff, 'risk-assessment', risk);
    assert.match(incomplete.json().message, /风险点、处置预案/);
    const uncontrollable = await step(staff, 'risk-assessment', {
      ...risk,
      riskPoints: ['经营者集中上访'],
      contingencyPlan: '成立工作专班，分片包干化解。',
      controllable: false,
    });
    assert.match(uncontrollable.json().message, /不可控/);
    const ok = await step(staff, 'risk-assessment', {
      ...risk,
      riskPoints: ['经营者集中上访'],
      contingencyPlan: '成立工作专班，分片包干化解。',
    });
    assert.equal(ok.json().status, 'legality_review');
  });

  test('legality review: two levels, ≥7 working days allowed, deadline registered; collective decision gated on it', async () => {
    const meeting = {
      meeting: '区政府第12次常务会议',
      meetingKind: 'executive',
      heldOn: T,
      headName: '赵区长',
      outcome: 'approved',
      minutes: '会议审议了决策草案及相关材料。',
      members: [],
    };
    const gate = await step(co, 'collective-decision', meeting);
    assert.equal(gate.statusCode, 409);
    assert.match(gate.json().message, /合法性审查/);
    const justiceFirst = await step(staff, 'legality-review', {
      level: 'justice',
      submittedOn: T,
      replyBy: addWorkingDays(T, 10),
    });
    assert.equal(justiceFirst.statusCode, 409);
    assert.match(justiceFirst.json().message, /初审意见/);
    const tooShort = await step(staff, 'legality-review', {
      level: 'unit',
      submittedOn: T,
      replyBy: addWorkingDays(T, 3),
    });
    assert.equal(tooShort.statusCode, 422);
    assert.match(tooShort.json().message, /7个工作日/);
    assert.equal(
      (await step(staff, 'legality-review', { level: 'unit', submittedOn: T, replyBy: addWorkingDays(T, 7) }))
        .statusCode,
      200,
    );
    const dl = await t.db
      .selectFrom('deadlines')
      .selectAll()
      .where('entity_kind', '=', 'decision')
      .where('entity_id', '=', itemId)
      .where('rule_id', '=', 'decision.legality_review_opinion')
      .execute();
    assert.equal(dl.length, 1);
    assert.equal(dl[0].due_date, addWorkingDays(T, 7));
    assert.equal(
      (
        await step(staff, 'legality-review/unit-opinion', {
          conclusion: 'lawful',
          opinion: '经初审未发现违法情形。',
          reviewedOn: T,
        })
      ).statusCode,
      403,
    );
    assert.equal(
      (
        await step(liaison, 'legality-review/justice-opinion', {
          conclusion: 'lawful',
          opinion: '经审查未发现违法情形。',
          reviewedOn: T,
        })
      ).statusCode,
      403,
      'the unit office never gives the justice-level opinion',
    );
    assert.equal(
      (
        await step(reviewer, 'legality-review/unit-opinion', {
          conclusion: 'lawful',
          opinion: '经初审未发现违法情形。',
          reviewedOn: T,
        })
      ).statusCode,
      403,
      'the justice bureau never gives the unit-level opinion',
    );
    assert.equal(
      (
        await step(liaison, 'legality-review/unit-opinion', {
          conclusion: 'lawful',
          opinion: '经初审未发现违法情形。',
          reviewedOn: T,
        })
      ).statusCode,
      200,
    );
    assert.equal(await status(), 'legality_review');
    assert.equal(
      (await step(staff, 'legality-review', { level: 'justice', submittedOn: T, replyBy: addWorkingDays(T, 7) }))
        .statusCode,
      200,
    );
    assert.equal(
      (
        await step(liaison, 'legality-review/justice-opinion', {
          conclusion: 'lawful',
          opinion: '经审查未发现违法情形。',
          reviewedOn: T,
        })
      ).statusCode,
      403,
    );
    const ok = await step(reviewer, 'legality-review/justice-opinion', {
      conclusion: 'lawful_with_changes',
      opinion: '第十二条罚则缺乏上位法依据，删除后合法。',
      reviewedOn: T,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'collective_discussion');
    // Every stage deadline is closed; the catalog plan date (decision.catalog_plan) runs until completion.
    const open = await t.db
      .selectFrom('deadlines')
      .select('status')
      .where('entity_id', '=', itemId)
      .where('rule_id', '!=', 'decision.catalog_plan')
      .execute();
    assert.ok(open.length > 0 && open.every((d) => d.status === 'closed'));
  });

  test('collective decision: head speaks last, dissent recorded, reasons when the head departs from the majority', async () => {
    const m = (view: string, remarks = '') => ({ name: '', title: '副区长', view, remarks });
    const members = [
      { ...m('agree'), name: '钱副区长' },
      { ...m('disagree'), name: '孙副区长' },
      { ...m('disagree', '建议暂缓'), name: '李副区长' },
      { ...m('agree'), name: '赵区长', title: '区长' },
    ];
    const base = {
      meeting: '区政府第12次常务会议',
      meetingKind: 'executive',
      heldOn: T,
      headName: '赵区长',
      outcome: 'approved',
      minutes: '会议审议了决策草案及相关材料。',
    };
    const headFirst = await step(co, 'collective-decision', { ...base, members: [members[3], ...members.slice(0, 3)] });
    assert.match(headFirst.json().message, /最后发言/);
    const problems = await step(co, 'collective-decision', { ...base, members });
    assert.equal(problems.statusCode, 422);
    assert.match(problems.json().message, /不同意见的理由（孙副区长）/);
    assert.match(problems.json().message, /多数人意见不一致/);
    assert.equal((await step(liaison, 'collective-decision', { ...base, members })).statusCode, 403);
    const fixed = [members[0], { ...members[1], remarks: '担心影响早市经营户' }, members[2], members[3]];
    const ok = await step(co, 'collective-decision', {
      ...base,
      members: fixed,
      headReasons: '经营秩序问题突出，群众反映强烈，需尽快规范，故决定通过。',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'party_report');
  });

  test('party report, publication (anchored, with the adoption statement), weighted progress', async () => {
    assert.equal(
      (
        await step(co, 'publish', {
          publishedText: '示例区集贸市场管理办法经区政府常务会议审议通过，现予公布。',
          channels: ['区政府门户网站'],
          executionOrgId: await t.orgId('SCJ'),
          tasks: [{ name: '宣传', weight: 1 }],
        })
      ).statusCode,
      409,
    );
    assert.equal(
      (await step(co, 'party-report', { reportedOn: T, reference: '区委常委会会议' })).json().status,
      'publication',
    );
    const noTasks = await step(co, 'publish', {
      publishedText: '示例区集贸市场管理办法经区政府常务会议审议通过，现予公布。',
      channels: ['区政府门户网站'],
      executionOrgId: await t.orgId('SCJ'),
      tasks: [],
    });
    assert.match(noTasks.json().message, /执行任务/);
    const pub = await step(co, 'publish', {
      publishedText: '示例区集贸市场管理办法经区政府常务会议审议通过，现予公布。',
      channels: ['区政府门户网站', '区政府公报'],
      executionOrgId: await t.orgId('SCJ'),
      tasks: [
        { name: '制定配套细则', weight: 30 },
        { name: '组织实施', weight: 70 },
      ],
    });
    assert.equal(pub.statusCode, 200, pub.body);
    assert.equal(pub.json().status, 'executing');
    const leaf = await t.db
      .selectFrom('ledger_entries')
      .select('content')
      .where('record_kind', '=', 'decision.published')
      .where('record_id', '=', `${itemId}:r0`)
      .executeTakeFirstOrThrow();
    assert.match(String(leaf.content), /部分采纳1条/);
    const [a, b] = pub.json().tasks;
    const missing = await step(staff, 'progress', {
      period: `${year}-05`,
      note: '细则已起草。',
      tasks: [{ taskId: a.id, progress: 100 }],
    });
    assert.match(missing.json().message, /组织实施/);
    const rep = await step(staff, 'progress', {
      period: `${year}-05`,
      note: '细则已印发，实施启动。',
      tasks: [
        { taskId: a.id, progress: 100 },
        { taskId: b.id, progress: 50 },
      ],
    });
    assert.equal(rep.statusCode, 200, rep.body);
    assert.equal(rep.json().reports[0].overallPct, 65);
    assert.equal(
      (
        await step(staff, 'progress', {
          period: `${year}-05`,
          note: '同一报告期再次报告。',
          tasks: [
            { taskId: a.id, progress: 100 },
            { taskId: b.id, progress: 60 },
          ],
        })
      ).statusCode,
      409,
    );
  });

  test('post-evaluation: the pre-decision assessor may not evaluate; suspension and resumption', async () => {
    const same = await step(co, 'post-evaluation', {
      trigger: 'public_objections',
      evaluator: '区社会稳定风险评估中心',
      reason: '群众反映意见较多，启动评估。',
    });
    assert.equal(same.statusCode, 422);
    assert.match(same.json().message, /不得作为决策后评估单位/);
    assert.equal(await status(), 'executing');
    assert.equal(
      (
        await step(co, 'post-evaluation', {
          trigger: 'public_objections',
          evaluator: '上海大学法学院评估中心',
          reason: '群众反映意见较多，启动评估。',
        })
      ).json().status,
      'post_evaluation',
    );
    assert.match(
      (
        await step(co, 'post-evaluation/complete', {
          report: '评估认为办法总体达到预期效果，建议继续执行。',
          conclusion: 'continue',
          publicHeard: false,
        })
      ).json().message,
      /听取社会公众/,
    );
    assert.equal(
      (
        await step(co, 'post-evaluation/complete', {
          report: '评估认为办法总体达到预期效果，建议继续执行。',
          conclusion: 'continue',
          publicHeard: true,
        })
      ).json().status,
      'executing',
    );
    assert.equal((await step(co, 'suspend', { reason: '发生重大疫情，先行暂停执行' })).json().status, 'suspended');
    assert.equal(
      (await step(staff, 'progress', { period: `${year}-06`, note: '暂停期间报告进度。', tasks: [] })).statusCode,
      409,
    );
    assert.equal((await step(co, 'resume', { reason: '疫情解除，恢复执行' })).json().status, 'executing');
  });

  test('completion, archive ZIP with a SHA-256 manifest and ledger proofs; audit trail; cross-unit isolation', async () => {
    const d = (await t.call(staff, { method: 'GET', url: `/api/decisions/items/${itemId}` })).json();
    assert.match(
      (await step(co, 'complete', { completedOn: T, summary: '各项任务已全部完成。' })).json().message,
      /未完成/,
    );
    await step(staff, 'progress', {
      period: `${year}-07`,
      note: '全部任务均已完成。',
      tasks: d.tasks.map((x: { id: string }) => ({ taskId: x.id, progress: 100 })),
    });
    assert.equal(
      (await step(co, 'complete', { completedOn: T, summary: '各项任务已全部完成。' })).json().status,
      'completed',
    );
    assert.equal((await step(co, 'archive', { archiveNo: `${year}-JC-001` })).json().status, 'archived');

    const zip = await t.call(co, { method: 'GET', url: `/api/decisions/items/${itemId}/archive.zip` });
    assert.equal(zip.statusCode, 200);
    const files = unzipSync(new Uint8Array(zip.rawPayload));
    const manifest = JSON.parse(strFromU8(files['manifest.json']));
    for (const f of manifest.files)
      assert.equal(createHash('sha256').update(files[f.path]).digest('hex'), f.sha256, f.path);
    assert.ok(manifest.files.some((f: { path: string }) => f.path.startsWith('公众参与/附件/')));
    assert.match(strFromU8(files['公众参与/意见及处理.json']), /partly_adopted/);
    const proofs = JSON.parse(strFromU8(files['上链证明.json']));
    assert.ok(proofs.some((p: { recordKind: string }) => p.recordKind === 'decision.comment_set'));
    assert.ok(proofs.some((p: { recordKind: string }) => p.recordKind === 'decision.published'));

    const events = await auditFor(t.db, 'decision', itemId);
    const transitions = events
      .filter((e) => e.action === 'decision.transitioned')
      .map((e) => (e.data as { action: string }).action);
    for (const a of [
      'initiate',
      'completeDrafting',
      'completeParticipation',
      'completeRiskAssessment',
      'recordLegalityOpinion',
      'recordCollectiveDecision',
      'reportToParty',
      'publish',
      'reportProgress',
      'startPostEvaluation',
      'suspend',
      'resume',
      'completeExecution',
      'archive',
    ])
      assert.ok(transitions.includes(a), a);
    assert.ok(events.some((e) => e.action === 'decision.comment_submitted'));

    assert.equal((await t.call(head2, { method: 'GET', url: `/api/decisions/items/${itemId}` })).statusCode, 404);
    assert.equal(
      (await t.call(head2, { method: 'GET', url: `/api/decisions/items/${itemId}/archive.zip` })).statusCode,
      404,
    );
    const list = (await t.call(head2, { method: 'GET', url: '/api/decisions/items' })).json();
    assert.equal(list.items.length, 0);
    assert.equal((await t.call(staff, { method: 'GET', url: '/api/decisions/monthly-supervision' })).statusCode, 403);
    const fu = await t.call(co, { method: 'GET', url: '/api/decisions/monthly-supervision' });
    assert.equal(fu.statusCode, 200);
    assert.ok(fu.json().items.some((i: { title: string }) => i.title === '示例区夜间经济发展措施'));
  });
});
