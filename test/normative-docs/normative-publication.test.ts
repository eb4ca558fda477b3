import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addCalendarDays } from '../../src/platform/calendar/index.js';
import { createTestApp, type Session, type TestApp, TEST_TODAY } from '../helpers/app.js';
import { makeNormativeDoc } from '../factories/normative-docs.js';

const T = TEST_TODAY;

/**
 * Gates before publication (优化营商环境条例第六十二、六十五条; 国办发〔2018〕37号): a document published without a
 * comment period says why, one that takes effect sooner than the adaptation period says why, and both reasons
 * are published with the text and anchored with it.
 */
describe('normative publication: the reasons a document may skip a step are published with it', () => {
  let t: TestApp;
  let liaison: Session;
  before(async () => {
    t = await createTestApp();
    liaison = await t.loginAs('liaison');
  });
  after(() => t?.close());

  const publish = (id: string, body: object) =>
    t.call(liaison, { method: 'POST', url: `/api/normative-docs/${id}/publish`, payload: body });
  const interpretation = '本文件的政策解读：明确集贸市场经营时段、食品安全责任和退出机制。';

  test('by default 施行 is the end of the adaptation period after publication', async () => {
    const d = await makeNormativeDoc(t, { status: 'registered' });
    const waiver = '本文件系对上位法已有规定的细化执行，经集体审议决定不公开征求意见。';
    const r = await publish(d.id, { interpretation, publishedOn: T, commentWaiverReason: waiver });
    assert.equal(r.statusCode, 200, r.body);
    const row = await t.db
      .selectFrom('normative_docs')
      .select(['effective_on', 'comment_waiver_reason', 'early_effect_reason'])
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, {
      effective_on: addCalendarDays(T, 30),
      comment_waiver_reason: waiver,
      early_effect_reason: null,
    });
    // Until 施行 the portal says it is published and when it takes effect, not "现行有效" (one rule, statusLabelOn).
    const pending = `已公布，${addCalendarDays(T, 30)}起施行`;
    const pub = (await t.call(null, { method: 'GET', url: `/api/public/normative-docs/${d.id}` })).json();
    assert.equal(pub.statusLabel, pending);
    const list = (await t.call(null, { method: 'GET', url: '/api/public/normative-docs' })).json();
    assert.equal(list.items.find((x: { id: string }) => x.id === d.id).statusLabel, pending);
  });

  test('an earlier 施行 with its reason: both reasons on the portal and in the anchored content', async () => {
    const d = await makeNormativeDoc(t, { status: 'registered' });
    const waiver = '涉及突发公共卫生事件应急处置，依法不公开征求意见。';
    const early = '为保障突发公共卫生事件应急处置，公布后不立即施行将有碍执行。';
    const refused = await publish(d.id, {
      interpretation,
      publishedOn: T,
      effectiveOn: T,
      commentWaiverReason: waiver,
    });
    assert.equal(refused.statusCode, 422);
    assert.equal(refused.json().details.field, 'earlyEffectReason');
    const ok = await publish(d.id, {
      interpretation,
      publishedOn: T,
      effectiveOn: T,
      commentWaiverReason: waiver,
      earlyEffectReason: early,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const pub = (await t.call(null, { method: 'GET', url: `/api/public/normative-docs/${d.id}` })).json();
    assert.equal(pub.commentWaiverReason, waiver);
    assert.equal(pub.earlyEffectReason, early);
    const entry = await t.db
      .selectFrom('ledger_entries')
      .select('content')
      .where('record_kind', '=', 'normative_doc')
      .where('record_id', '=', d.id)
      .executeTakeFirstOrThrow();
    const content = JSON.parse(entry.content!);
    assert.equal(content.commentWaiverReason, waiver);
    assert.equal(content.earlyEffectReason, early);
  });

  test('a published document is changed only by a formal correction: a new version, anchored again, its reason public', async () => {
    const d = await makeNormativeDoc(t, { status: 'registered' });
    const waiver = '本文件系对上位法已有规定的细化执行，经集体审议决定不公开征求意见。';
    assert.equal(
      (await publish(d.id, { interpretation, publishedOn: T, commentWaiverReason: waiver })).statusCode,
      200,
    );
    const body =
      '第一条 为规范集贸市场经营秩序，依据《示例市场秩序条例》，制定本规定。\n第二条 本规定自施行之日起生效。';
    const reason = '公布文本第一条遗漏制定依据的名称，予以更正';
    const r = await t.call(liaison, {
      method: 'POST',
      url: `/api/normative-docs/${d.id}/correction`,
      payload: { body, reason },
    });
    assert.equal(r.statusCode, 200, r.body);
    const versions = await t.db
      .selectFrom('normative_doc_versions')
      .select(['version', 'change_note'])
      .where('doc_id', '=', d.id)
      .orderBy('version')
      .execute();
    assert.deepEqual(versions.at(-1), { version: 2, change_note: `更正：${reason}` });
    const entries = await t.db
      .selectFrom('ledger_entries')
      .select('content')
      .where('record_kind', '=', 'normative_doc')
      .where('record_id', '=', d.id)
      .orderBy('seq')
      .execute();
    assert.equal(entries.length, 2, 'publication and correction are both anchored');
    assert.equal(JSON.parse(entries[1]!.content!).body, body);
    const pub = (await t.call(null, { method: 'GET', url: `/api/public/normative-docs/${d.id}` })).json();
    assert.equal(pub.body, body);
    assert.equal(pub.proof.recordState, 'matches', 'the proof is of the corrected text');
    assert.ok(pub.history.some((h: { event: string }) => h.event === `更正：${reason}`));
    const audit = await t.db
      .selectFrom('audit_events')
      .select('data')
      .where('entity_id', '=', d.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal((audit.data as { action: string }).action, 'correct');
  });
});
