import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedDemoLaws } from '../../src/modules/laws/laws.demo.js';
import { today as localToday } from '../../src/platform/calendar/index.js';
import { auditFor, createTestApp, type Session, type TestApp } from '../helpers/app.js';

/** A liaison takes a business-related draft from drafting to publication and filing, over HTTP. */
describe('normative documents over HTTP: issuing bodies, every gate, publication, filing, visibility', () => {
  let t: TestApp;
  let liaison: Session;
  let reviewer: Session;
  let liaison2: Session;
  let scj: string;
  let docId: string;
  let lawId: string;
  before(async () => {
    t = await createTestApp();
    await seedDemoLaws(t.db);
    liaison = await t.loginAs('liaison');
    reviewer = await t.loginAs('reviewer');
    liaison2 = await t.loginAs('liaison2');
    scj = await t.orgId('SCJ');
    lawId = (
      await t.db.selectFrom('laws').select('id').where('title', '=', '优化营商环境条例').executeTakeFirstOrThrow()
    ).id;
  });
  after(() => t.close());

  const post = (s: Session | null, url: string, payload?: object) =>
    t.call(s, { method: 'POST', url: `/api/normative-docs${url}`, payload });
  const draft = () => ({
    orgId: scj,
    title: '示例区市场监管局关于优化食品经营许可办理的若干规定',
    body: '第一条 为优化食品经营许可办理，制定本规定。\n第二条 申请材料齐全的，当场作出许可决定。',
    draftingNote: '落实《优化营商环境条例》第六十二条，压缩食品经营许可办理时间。',
    businessRelated: true,
    affectsMarket: true,
    commentRequired: true,
    bases: [{ lawId, articles: '第六十二条' }],
  });

  test('issuing-body list: 401, 403 for a liaison, 400 on a bad prefix, 200 for the reviewer', async () => {
    const body = { orgId: scj, numberPrefix: '示市监规', basis: '区政府公布的制定主体清单' };
    assert.equal(
      (await t.call(null, { method: 'PUT', url: '/api/normative-docs/issuing-bodies', payload: body })).statusCode,
      401,
    );
    assert.equal(
      (await t.call(liaison, { method: 'PUT', url: '/api/normative-docs/issuing-bodies', payload: body })).statusCode,
      403,
    );
    const bad = await t.call(reviewer, {
      method: 'PUT',
      url: '/api/normative-docs/issuing-bodies',
      payload: { ...body, numberPrefix: '示〔规〕' },
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /文号前缀/);
    // Not listed yet: a draft in SCJ's name is refused.
    const refused = await post(liaison, '', draft());
    assert.equal(refused.statusCode, 422);
    assert.match(refused.json().message, /不在行政规范性文件制定主体清单内/);
    assert.equal((await t.db.selectFrom('normative_docs').select('id').execute()).length, 0);
    const ok = await t.call(reviewer, { method: 'PUT', url: '/api/normative-docs/issuing-bodies', payload: body });
    assert.equal(ok.statusCode, 200);
    const other = await t.call(reviewer, {
      method: 'PUT',
      url: '/api/normative-docs/issuing-bodies',
      payload: { ...body, orgId: await t.orgId('CGJ') },
    });
    assert.equal(other.statusCode, 409, 'one prefix per issuing body');
  });

  test('drafting: 400 on missing fields, 404 for another unit, 201 with version 1', async () => {
    const bad = await post(liaison, '', { ...draft(), title: '' });
    assert.equal(bad.statusCode, 400);
    const foreign = await post(liaison, '', { ...draft(), orgId: await t.orgId('JCJ') });
    assert.equal(foreign.statusCode, 404);
    const res = await post(liaison, '', draft());
    assert.equal(res.statusCode, 201, res.body);
    const d = res.json();
    docId = d.id;
    assert.equal(d.status, 'draft');
    assert.equal(d.version, 1);
    assert.equal(d.bases[0].title, '优化营商环境条例');
    assert.deepEqual(
      d.stages.map((s: { status: string }) => s.status),
      ['draft', 'commenting', 'fair_review', 'legality_review', 'deliberation', 'approved', 'registered', 'in_force'],
    );
    assert.equal(d.abilities.startComment, true);
    assert.equal(d.abilities.publish, false);
  });

  test('publication or registration without review is refused (409), nothing changes', async () => {
    for (const step of ['publish', 'register']) {
      const res = await post(
        liaison,
        `/${docId}/${step}`,
        step === 'publish' ? { interpretation: '本规定解读：优化食品经营许可办理流程，当场办结。' } : undefined,
      );
      assert.equal(res.statusCode, 409, res.body);
      assert.match(res.json().message, /不能执行/);
    }
    const legal = await post(liaison, `/${docId}/legality-review/submit`);
    assert.equal(legal.statusCode, 409);
    assert.match(legal.json().message, /公开征求意见/);
    const row = await t.db
      .selectFrom('normative_docs')
      .select(['status', 'registration_no'])
      .where('id', '=', docId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'draft', registration_no: null });
  });

  test('public comment: business documents need 30 days unless a reason is given', async () => {
    const short = await post(liaison, `/${docId}/comment/start`, { start: '2026-10-08', end: '2026-10-20' });
    assert.equal(short.statusCode, 422);
    assert.match(short.json().message, /征求意见期不足/);
    assert.ok(short.json().details.minimumEnd >= '2026-11-07');
    const ok = await post(liaison, `/${docId}/comment/start`, { start: '2026-10-08', end: '2026-11-09' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'commenting');
    // A comment received through the portal during the period (the period is in the past for this suite).
    const c = await t.db
      .insertInto('normative_comments')
      .values({
        doc_id: docId,
        receipt_no: 'GF20261012-0000000001',
        submitter_kind: 'individual',
        submitter_name: '王女士',
        contact: null,
        body: '建议明确补贴申请的办理时限。',
        client_key: 'k'.repeat(32),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const undisposed = await post(liaison, `/${docId}/comment/finish`, {});
    assert.equal(undisposed.statusCode, 422, 'every comment is disposed of before the period is closed');
    assert.deepEqual(undisposed.json().details.undisposed, ['GF20261012-0000000001']);
    const dispose = (s: Session | null, payload: object) => post(s, `/${docId}/comments/${c.id}/disposition`, payload);
    const other = await dispose(liaison2, { disposition: 'adopted', reason: '意见已吸收' });
    assert.equal(other.statusCode, 404, other.body);
    assert.equal(
      (await dispose(reviewer, { disposition: 'adopted', reason: '意见已吸收' })).statusCode,
      403,
      'not the drafting unit',
    );
    assert.equal((await dispose(liaison, { disposition: 'adopted' })).statusCode, 400, 'reason missing');
    assert.equal(
      (await dispose(liaison, { disposition: 'partly_adopted', reason: '办理时限已在第五条明确' })).statusCode,
      200,
    );
    const disposed = (await auditFor(t.db, 'normative_doc', docId)).filter(
      (e) => e.action === 'normative_doc.comment_disposed',
    );
    assert.equal(disposed.length, 1, 'the disposition is audited');
    assert.equal((disposed[0].data as { receiptNo: string }).receiptNo, 'GF20261012-0000000001');
    const noStatement = await post(liaison, `/${docId}/comment/finish`, { offlineCount: 2 });
    assert.equal(noStatement.statusCode, 422);
    assert.equal(noStatement.json().details.field, 'offlineStatement');
    const fin = await post(liaison, `/${docId}/comment/finish`, {
      offlineCount: 2,
      offlineStatement: '来信2件，均已采纳。',
    });
    assert.equal(fin.statusCode, 200, fin.body);
    assert.equal(fin.json().comment.done, true);
    const doc = await t.db
      .selectFrom('normative_docs')
      .select(['comment_count', 'comment_disposition_report'])
      .where('id', '=', docId)
      .executeTakeFirstOrThrow();
    assert.equal(doc.comment_count, 3);
    assert.match(doc.comment_disposition_report ?? '', /收到有效意见1条，采纳0条，部分采纳1条，不予采纳0条/);
    assert.match(
      doc.comment_disposition_report ?? '',
      /建议明确补贴申请的办理时限。——部分采纳，理由：办理时限已在第五条明确/,
    );
    assert.match(doc.comment_disposition_report ?? '', /其他渠道收到意见2条：来信2件，均已采纳。/);
    assert.equal(
      (await dispose(liaison, { disposition: 'adopted', reason: '改为采纳' })).statusCode,
      409,
      'after the period is closed the dispositions are fixed',
    );
  });

  test('fair-competition review before legality review; legality review is the reviewer’s and a hard gate', async () => {
    const early = await post(liaison, `/${docId}/legality-review/submit`);
    assert.equal(early.statusCode, 409);
    assert.match(early.json().message, /公平竞争审查/);
    assert.equal((await post(liaison, `/${docId}/fair-review/submit`)).statusCode, 200);
    assert.equal(
      (await post(liaison, `/${docId}/fair-review/record`, { passed: true, conclusion: '未含排除、限制竞争内容。' }))
        .statusCode,
      200,
    );
    assert.equal((await post(liaison, `/${docId}/legality-review/submit`)).statusCode, 200);
    const dl = await t.db
      .selectFrom('deadlines')
      .selectAll()
      .where('entity_id', '=', docId)
      .where('rule_id', '=', 'normative.legality_review_due')
      .executeTakeFirstOrThrow();
    assert.equal(dl.status, 'open');
    // The drafting unit cannot give its own legality opinion.
    assert.equal(
      (await post(liaison, `/${docId}/legality-review/record`, { outcome: 'lawful', opinion: '同意。同意。' }))
        .statusCode,
      403,
    );
    // Right after submission the minimum review time (5 working days) has not run: a reason is needed.
    const tooSoon = await post(reviewer, `/${docId}/legality-review/record`, {
      outcome: 'unlawful',
      opinion: '第二条缺乏上位法依据，请修改。',
    });
    assert.equal(tooSoon.statusCode, 422);
    assert.match(tooSoon.json().message, /合法性审核时间不足.*提前出具理由/);
    assert.equal(tooSoon.json().details.field, 'earlyReason');
    const shown = (await t.call(reviewer, { method: 'GET', url: `/api/normative-docs/${docId}` })).json();
    assert.equal(shown.status, 'legality_review');
    assert.equal(shown.legality.earliestOpinionOn, tooSoon.json().details.earliestOn);
    const unlawful = await post(reviewer, `/${docId}/legality-review/record`, {
      outcome: 'unlawful',
      opinion: '第二条缺乏上位法依据，请修改。',
      earlyReason: '第二条明显缺乏上位法依据，无需等待即可退回修改',
    });
    assert.equal(unlawful.statusCode, 200, unlawful.body);
    assert.match(unlawful.json().legality.earlyReason, /明显缺乏上位法依据/);
    assert.equal(unlawful.json().status, 'draft');
    // No collective deliberation after an "unlawful" opinion.
    const adopt = await post(liaison, `/${docId}/deliberation`, {
      adopted: true,
      meeting: '局长办公会议',
      heldOn: '2026-11-20',
    });
    assert.equal(adopt.statusCode, 409);
  });

  test('versions are kept and compared', async () => {
    const res = await t.call(liaison, {
      method: 'PATCH',
      url: `/api/normative-docs/${docId}`,
      payload: {
        body: '第一条 为优化食品经营许可办理，制定本规定。\n第二条 申请材料齐全、符合法定形式的，当场作出许可决定。',
        changeNote: '按审核意见修改第二条',
      },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().version, 2);
    const diff = await t.call(liaison, { method: 'GET', url: `/api/normative-docs/${docId}/diff?from=1&to=2` });
    assert.equal(diff.statusCode, 200);
    const ops = diff.json().lines.map((l: { op: string }) => l.op);
    assert.deepEqual(ops, ['same', 'del', 'add']);
    assert.equal(
      (await t.call(liaison, { method: 'GET', url: `/api/normative-docs/${docId}/diff?from=1&to=9` })).statusCode,
      404,
    );
  });

  test('lawful opinion → deliberation → registration number → publication with interpretation', async () => {
    assert.equal((await post(liaison, `/${docId}/legality-review/submit`)).statusCode, 200);
    assert.equal(
      (
        await post(reviewer, `/${docId}/legality-review/record`, {
          outcome: 'lawful',
          opinion: '修改后符合上位法规定。',
          earlyReason: '按前次审核意见修改的部分已逐条核对，提前出具',
        })
      ).statusCode,
      200,
    );
    const future = await post(liaison, `/${docId}/deliberation`, {
      adopted: true,
      meeting: '局长办公会议',
      heldOn: '2099-01-01',
    });
    assert.equal(future.statusCode, 422);
    const today = localToday(t.clock.now());
    assert.equal(
      (await post(liaison, `/${docId}/deliberation`, { adopted: true, meeting: '局长办公会议', heldOn: today }))
        .statusCode,
      200,
    );
    const reg = await post(liaison, `/${docId}/register`);
    assert.equal(reg.statusCode, 200, reg.body);
    assert.equal(reg.json().registrationNo, `示市监规〔${today.slice(0, 4)}〕1号`);
    const noInterp = await post(liaison, `/${docId}/publish`, { interpretation: '短' });
    assert.equal(noInterp.statusCode, 400);
    const pub = await post(liaison, `/${docId}/publish`, {
      interpretation: '本规定解读：申请材料齐全、符合法定形式的，当场作出许可决定，减少企业等待时间。',
    });
    assert.equal(pub.statusCode, 200, pub.body);
    const d = pub.json();
    assert.equal(d.status, 'in_force');
    assert.equal(d.filing.status, 'pending');
    assert.ok(d.validUntil > today);
    assert.match(d.contentHash, /^[0-9a-f]{64}$/);
    const ledger = await t.db
      .selectFrom('ledger_entries')
      .select('record_kind')
      .where('record_id', '=', docId)
      .execute();
    assert.ok(ledger.some((l) => l.record_kind === 'normative_doc'));
    const actions = (await auditFor(t.db, 'normative_doc', docId)).map((a) => a.action);
    for (const a of [
      'normative_doc.drafted',
      'normative_doc.revised',
      'normative_doc.transitioned',
      'normative_doc.registered',
      'normative_doc.published',
      'deadline.registered',
    ]) {
      assert.ok(actions.includes(a), `audit has ${a}`);
    }
  });

  test('another unit cannot see the document (404) and does not list it', async () => {
    assert.equal((await t.call(liaison2, { method: 'GET', url: `/api/normative-docs/${docId}` })).statusCode, 404);
    const list = await t.call(liaison2, { method: 'GET', url: '/api/normative-docs' });
    assert.equal(list.json().total, 0);
    const own = await t.call(liaison, { method: 'GET', url: '/api/normative-docs' });
    assert.equal(own.json().total, 1);
    assert.equal((await post(liaison2, `/${docId}/repeal`, { reason: '不再适用本规定' })).statusCode, 404);
  });

  test('filing: formal check names missing materials; the reviewer accepts; the receipt is anchored', async () => {
    const missing = await post(liaison, `/${docId}/filing/submit`, {
      materials: ['filing_report', 'text'],
      report: '现报送备案，请予审查。',
    });
    assert.equal(missing.statusCode, 422);
    assert.match(missing.json().message, /起草说明、制定依据/);
    const ok = await post(liaison, `/${docId}/filing/submit`, {
      materials: ['filing_report', 'text', 'drafting_explanation', 'legal_bases'],
      report: '现报送备案，请予审查。',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().filing.late, false);
    assert.equal(
      (
        await post(liaison, `/${docId}/filing/submit`, {
          materials: ['filing_report', 'text', 'drafting_explanation', 'legal_bases'],
          report: '再次报送备案材料，请予审查。',
        })
      ).statusCode,
      409,
    );
    assert.equal(
      (await post(liaison, `/${docId}/filing/review`, { outcome: 'accepted', opinion: '准予备案' })).statusCode,
      403,
    );
    const rev = await post(reviewer, `/${docId}/filing/review`, {
      outcome: 'accepted',
      opinion: '材料齐全，准予备案。',
    });
    assert.equal(rev.statusCode, 200);
    assert.equal(rev.json().filing.status, 'accepted');
    const receipt = await t.db
      .selectFrom('ledger_entries')
      .select('record_kind')
      .where('record_kind', '=', 'normative_filing_receipt')
      .execute();
    assert.equal(receipt.length, 1);
  });

  test('portal: the published document with proof and history; drafts are 404; search finds it', async () => {
    const res = await t.call(null, { method: 'GET', url: `/api/public/normative-docs/${docId}` });
    assert.equal(res.statusCode, 200);
    const d = res.json();
    assert.ok(d.proof, JSON.stringify(d).slice(0, 300));
    assert.ok(d.history.some((h: { event: string }) => /备案审查通过/.test(h.event)));
    const list = await t.call(null, { method: 'GET', url: '/api/public/normative-docs?status=in_force' });
    assert.equal(list.json().total, 1);
    const other = await post(liaison, '', { ...draft(), title: '示例区市场监管局关于网络直播营销活动的规定' });
    assert.equal(
      (await t.call(null, { method: 'GET', url: `/api/public/normative-docs/${other.json().id}` })).statusCode,
      404,
    );
    const s = await t.call(null, {
      method: 'GET',
      url: `/api/public/normative-docs?q=${encodeURIComponent('当场作出许可')}`,
    });
    assert.equal(s.statusCode, 200);
    assert.equal(s.json().items[0].id, docId);
    assert.ok(s.json().items[0].snippet.some((p: { hit: boolean }) => p.hit));
    const bad = await t.call(null, { method: 'GET', url: '/api/public/search?q=' });
    assert.equal(bad.statusCode, 400);
  });
});
