import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RequestCtx } from '../../src/platform/access/actor.js';
import { loadActor } from '../../src/platform/auth/actor-loader.js';
import { importLaws } from '../../src/modules/laws/commands/import-laws.js';
import {
  campaignProgress,
  closeCampaign,
  decideItem,
  startCampaign,
} from '../../src/modules/normative-docs/commands/cleanup.js';
import { createDoc, upsertIssuingBody } from '../../src/modules/normative-docs/commands/drafting.js';
import { submitFiling } from '../../src/modules/normative-docs/commands/filing.js';
import { runNormativeSweep } from '../../src/modules/normative-docs/commands/lifecycle.js';
import {
  recordDeliberation,
  recordLegalityOpinion,
  submitLegalityReview,
} from '../../src/modules/normative-docs/commands/procedure.js';
import { publishDoc, registerDoc } from '../../src/modules/normative-docs/commands/publish.js';
import { normativeIndicators } from '../../src/modules/normative-docs/normative.indicators.js';
import { systemCtx } from '../../src/platform/access/actor.js';
import { addWorkingDays, isWorkingDay, today } from '../../src/platform/calendar/index.js';
import { configureRule } from '../../src/platform/calendar/rules.js';
import { auditFor, createTestApp, type TestApp } from '../helpers/app.js';

const at = (d: string) => new Date(`${d}T10:00:00+08:00`);
const UNITS = ['SCJ', 'CGJ', 'STJ', 'WJW', 'FGJ', 'RSJ', 'JCJ'];

const lawMd = (date: string, extra = '') =>
  `# 示例市场秩序条例\n\n${date.replace(/-/g, '/')}\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 为了维护市场秩序，制定本条例。\n\n第二条 本条例适用于本市行政区域。${extra}\n`;

/** Documents in these tests hold no comment period: the reason is recorded at publication. */
const WAIVER = '本文件不直接涉及公民、法人和其他组织的权利义务，经集体审议决定不公开征求意见。';

describe('normative documents: numbering, filing deadlines, validity sweep, upstream changes, clean-up', () => {
  let t: TestApp;
  let unit: RequestCtx;
  let reviewer: RequestCtx;
  let oldLaw: string;
  /** The basis of documents that do not test upstream changes (every document must have one to be published). */
  let otherLaw: string;
  const orgs: Record<string, string> = {};

  before(async () => {
    t = await createTestApp();
    const load = async (username: string): Promise<RequestCtx> => {
      const u = await t.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
      return { actor: await loadActor(t.db, u.id, 'session'), requestId: 'test', ip: null };
    };
    const admin = await load('admin');
    reviewer = await load('reviewer');
    // One actor acting as liaison of every test unit (as the demo seed does for units without accounts).
    const grants = [];
    for (const code of UNITS) {
      const o = await t.db
        .selectFrom('organizations')
        .select(['id', 'path'])
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
      orgs[code] = o.id;
      grants.push({ role: 'liaison' as const, orgId: o.id, orgPath: o.path, includeSubtree: false });
      await upsertIssuingBody(t.db, admin, {
        orgId: o.id,
        numberPrefix: `示${code}规`,
        basis: '制定主体清单',
        active: true,
      });
    }
    unit = { ...admin, actor: { ...admin.actor!, grants: [...admin.actor!.grants, ...grants] } };
    const s = await importLaws(
      t.db,
      systemCtx('test'),
      [{ name: '示例市场秩序条例(2020-01-01).md', content: lawMd('2020-01-01'), category: '地方性法规' }],
      'test',
    );
    oldLaw = s.laws[0]!.id;
    const other = await importLaws(
      t.db,
      systemCtx('test'),
      [
        {
          name: '示例档案管理条例(2019-01-01).md',
          content: lawMd('2019-01-01').replace('示例市场秩序条例', '示例档案管理条例'),
          category: '地方性法规',
        },
      ],
      'test',
    );
    otherLaw = other.laws[0]!.id;
  });
  after(() => t.close());

  let n = 0;
  /** A draft taken to 'approved' with the real commands. */
  async function approved(code: string, opts: { title?: string; on?: string; bases?: boolean } = {}): Promise<string> {
    n++;
    const on = opts.on ?? '2026-03-02';
    const id = await createDoc(t.db, unit, {
      orgId: orgs[code]!,
      title: opts.title ?? `${code}关于规范第${n}项管理事项的通知`,
      body: `一、为规范第${n}项管理事项，制定本通知。\n二、本通知自公布之日起施行。`,
      draftingNote: '根据上位法规定和本单位管理实际起草，已听取相关方面意见。',
      businessRelated: false,
      affectsMarket: false,
      commentRequired: false,
      bases: [{ lawId: opts.bases ? oldLaw : otherLaw, articles: '第二条' }],
    });
    // Submitted six working days earlier: the minimum review time (5 working days) has run by `on`.
    await submitLegalityReview(t.db, unit, id, at(addWorkingDays(on, -6)));
    await recordLegalityOpinion(t.db, reviewer, id, { outcome: 'lawful', opinion: '符合上位法规定。' }, at(on));
    await recordDeliberation(t.db, unit, id, { adopted: true, meeting: '办公会议', heldOn: on }, at(on));
    return id;
  }
  async function published(
    code: string,
    publishedOn: string,
    o: { validUntil?: string; bases?: boolean; title?: string } = {},
  ) {
    const id = await approved(code, { on: publishedOn, bases: o.bases, title: o.title });
    await registerDoc(t.db, unit, id, at(publishedOn));
    await publishDoc(
      t.db,
      unit,
      id,
      {
        interpretation: '本文件解读：明确适用范围、办理程序和施行时间。',
        publishedOn,
        validUntil: o.validUntil,
        commentWaiverReason: WAIVER,
      },
      at(publishedOn),
    );
    return id;
  }

  test('registration numbers under concurrent registration: consecutive, no gaps, no duplicates', async () => {
    const ids = [];
    for (let i = 0; i < 8; i++) ids.push(await approved('STJ'));
    await Promise.all(ids.map((id) => registerDoc(t.db, unit, id, at('2026-03-03'))));
    const rows = await t.db
      .selectFrom('normative_docs')
      .select(['registration_seq', 'registration_no'])
      .where('org_id', '=', orgs.STJ!)
      .execute();
    assert.deepEqual(
      rows.map((r) => r.registration_seq).sort((a, b) => a! - b!),
      [1, 2, 3, 4, 5, 6, 7, 8],
    );
    assert.equal(new Set(rows.map((r) => r.registration_no)).size, 8);
    assert.ok(rows.some((r) => r.registration_no === '示STJ规〔2026〕8号'));
    // Registering twice is a transition error, and does not consume a number.
    await assert.rejects(registerDoc(t.db, unit, ids[0]!, at('2026-03-03')), /不能执行“统一登记编号”/);
    const c = await t.db
      .selectFrom('normative_number_counters')
      .select('last_seq')
      .where('org_id', '=', orgs.STJ!)
      .executeTakeFirstOrThrow();
    assert.equal(c.last_seq, 8);
  });

  test('filing deadline runs across National Day 2026 to the next working day; later filing is accepted but late', async () => {
    const a = await published('WJW', '2026-09-03', { bases: true });
    const b = await published('WJW', '2026-09-03', { bases: true });
    const f = await t.db
      .selectFrom('normative_filings')
      .select(['due_on'])
      .where('doc_id', '=', a)
      .executeTakeFirstOrThrow();
    // 30 days from 3 September end on 3 October, inside the holiday (1–7 October): the deadline is 8 October.
    assert.equal(f.due_on, '2026-10-08');
    assert.ok(isWorkingDay(f.due_on));
    const materials = ['filing_report', 'text', 'drafting_explanation', 'legal_bases'] as const;
    await submitFiling(
      t.db,
      unit,
      a,
      { materials: [...materials], report: '报送备案，请予审查。', submittedOn: '2026-10-08' },
      at('2026-10-08'),
    );
    await submitFiling(
      t.db,
      unit,
      b,
      { materials: [...materials], report: '报送备案，请予审查。', submittedOn: '2026-10-09' },
      at('2026-10-09'),
    );
    const rows = await t.db
      .selectFrom('normative_filings')
      .select(['doc_id', 'late', 'status'])
      .where('doc_id', 'in', [a, b])
      .execute();
    assert.equal(rows.find((r) => r.doc_id === a)!.late, false);
    assert.equal(rows.find((r) => r.doc_id === b)!.late, true);
    assert.ok(rows.every((r) => r.status === 'submitted'));
    const dl = await t.db
      .selectFrom('deadlines')
      .select(['status', 'met'])
      .where('entity_id', '=', b)
      .where('rule_id', '=', 'normative.filing')
      .executeTakeFirstOrThrow();
    assert.equal(dl.status, 'closed');
    const ind = normativeIndicators.find((i) => i.code === 'normative.on_time_filing_pct')!;
    const v = await ind.compute(t.db, { year: 2026, orgId: orgs.WJW!, today: today(t.clock.now()) });
    assert.equal(v.value, 50);
    assert.equal(v.records.length, 2);
    // The period in the indicator's text is the rule in force, not a constant.
    assert.match(v.basis, /公布后30日内报送备案/);
    try {
      configureRule('normative.filing', { amount: 20 });
      const v20 = await ind.compute(t.db, { year: 2026, orgId: orgs.WJW!, today: today(t.clock.now()) });
      assert.match(v20.basis, /公布后20日内报送备案/);
      assert.doesNotMatch(v20.basis, /30日/);
    } finally {
      configureRule('normative.filing', { amount: 30 });
    }
  });

  test('validity: over-long periods refused; warning 6 months ahead once; lapse by the sweep leaves the in-force list', async () => {
    // SCJ has a liaison and a head on record: they are the ones told about the coming expiry.
    const tooLong = await approved('SCJ', { on: '2026-03-10' });
    await registerDoc(t.db, unit, tooLong, at('2026-03-10'));
    await assert.rejects(
      publishDoc(
        t.db,
        unit,
        tooLong,
        {
          interpretation: '本文件解读：明确适用范围、办理程序和施行时间。',
          publishedOn: '2026-03-10',
          validUntil: '2032-01-01',
          commentWaiverReason: WAIVER,
        },
        at('2026-03-10'),
      ),
      /有效期不得超过5年/,
    );
    const id = await published('SCJ', '2026-03-10', { validUntil: '2027-01-31' });
    const w1 = await runNormativeSweep(t.db, at('2026-09-01'));
    assert.equal(w1.warned, 1);
    const w2 = await runNormativeSweep(t.db, at('2026-09-02'));
    assert.equal(w2.warned, 0, 'idempotent');
    const notes = await t.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['n.kind', 'u.username', 'n.body'])
      .where('n.entity_id', '=', id)
      .where('n.kind', '=', 'normative.expiry_warning')
      .orderBy('u.username')
      .execute();
    assert.deepEqual(
      notes.map((x) => x.username),
      ['head', 'liaison'],
      'the unit’s head and liaison are notified, once each',
    );
    assert.ok(
      notes.every((x) => x.body.includes('2027年1月31日')),
      notes[0]?.body,
    );
    const before = await t.db
      .selectFrom('normative_docs')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(before.status, 'in_force');
    const swept = await runNormativeSweep(t.db, at('2027-02-01'));
    assert.ok(swept.lapsed >= 1);
    const d = await t.db
      .selectFrom('normative_docs')
      .select(['status', 'ended_on'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(d, { status: 'expired', ended_on: '2027-02-01' });
    const entry = await t.db
      .selectFrom('search_entries')
      .select(['status', 'is_current'])
      .where('ref_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(entry, { status: 'expired', is_current: false });
    assert.ok((await auditFor(t.db, 'normative_doc', id)).some((a) => a.action === 'normative_doc.ended'));
    assert.ok(
      (await t.db.selectFrom('ledger_entries').select('id').where('record_id', '=', `${id}:expired`).execute())
        .length === 1,
    );
  });

  test('a new version of an upstream law flags every document relying on it, once', async () => {
    const id = await published('RSJ', '2026-04-01', { bases: true });
    const draftId = await approved('RSJ', { bases: true });
    // Every document relying on the old version and not ended (these two and the two filed WJW documents).
    const relying = await t.db
      .selectFrom('normative_doc_bases as b')
      .innerJoin('normative_docs as d', 'd.id', 'b.doc_id')
      .select('d.id')
      .where('b.law_id', '=', oldLaw)
      .where('d.status', 'not in', ['expired', 'repealed'])
      .execute();
    assert.equal(relying.length, 4);
    const s = await importLaws(
      t.db,
      systemCtx('test'),
      [
        {
          name: '示例市场秩序条例(2026-06-01).md',
          content: lawMd('2026-06-01', '\n\n第三条 新增条款。'),
          category: '地方性法规',
        },
      ],
      'test',
    );
    assert.equal(s.newVersions, 1);
    assert.equal(s.flaggedDocs, relying.length);
    const docs = await t.db
      .selectFrom('normative_docs')
      .select(['id', 'needs_review'])
      .where('id', 'in', [id, draftId])
      .execute();
    assert.ok(docs.every((d) => d.needs_review));
    const tasks = await t.db
      .selectFrom('normative_review_tasks')
      .select(['kind', 'reason'])
      .where('doc_id', '=', id)
      .execute();
    assert.equal(tasks.length, 1);
    assert.match(tasks[0]!.reason, /示例市场秩序条例/);
    const old = await t.db.selectFrom('laws').select('status').where('id', '=', oldLaw).executeTakeFirstOrThrow();
    assert.equal(old.status, 'superseded');
    // Importing the same version again changes nothing.
    const again = await importLaws(
      t.db,
      systemCtx('test'),
      [{ name: '示例市场秩序条例(2026-06-01).md', content: lawMd('2026-06-01', '\n\n第三条 新增条款。') }],
      'test',
    );
    assert.deepEqual([again.imported, again.unchanged, again.flaggedDocs], [0, 1, 0]);
  });

  test('clean-up campaign reproduces the reported figures: 66 in force → 51 keep, 4 amend, 1 repeal, 10 lapse', async () => {
    // Start from a clean slate of in-force documents: end those of the earlier tests.
    const existing = await t.db.selectFrom('normative_docs').select('id').where('status', '=', 'in_force').execute();
    const target = 66 - existing.length;
    for (let i = 0; i < target; i++) await published(UNITS[i % UNITS.length]!, '2024-05-06');
    const coordinator = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'coordinator')
      .executeTakeFirstOrThrow();
    const coord: RequestCtx = { actor: await loadActor(t.db, coordinator.id, 'session'), requestId: 't', ip: null };
    await assert.rejects(
      startCampaign(t.db, unit, { title: '2026年规范性文件清理', dueOn: '2099-12-31' }),
      /依法治区办或司法局/,
    );
    const cid = await startCampaign(t.db, coord, { title: '2026年规范性文件清理', dueOn: '2099-12-31' });
    const items = await t.db
      .selectFrom('normative_cleanup_items')
      .select('doc_id')
      .where('campaign_id', '=', cid)
      .execute();
    assert.equal(items.length, 66);
    const plan: ('keep' | 'amend' | 'repeal' | 'lapse')[] = [
      ...Array(51).fill('keep'),
      ...Array(4).fill('amend'),
      'repeal',
      ...Array(10).fill('lapse'),
    ];
    await assert.rejects(closeCampaign(t.db, coord, cid), /还有 66 件文件未确定清理结果/);
    for (let i = 0; i < items.length; i++)
      await decideItem(t.db, unit, cid, { docId: items[i]!.doc_id, outcome: plan[i]!, reason: '经评估确定' });
    await assert.rejects(
      decideItem(t.db, unit, cid, { docId: items[65]!.doc_id, outcome: 'keep', reason: '改为继续有效' }),
      /不能更改/,
    );
    const p = await campaignProgress(t.db, cid);
    assert.deepEqual(
      { total: p.total, decided: p.decided, ...p.counts },
      { total: 66, decided: 66, keep: 51, amend: 4, repeal: 1, lapse: 10 },
    );
    assert.equal(p.units.length, UNITS.length);
    await closeCampaign(t.db, coord, cid);
    const inForce = await t.db.selectFrom('normative_docs').select('id').where('status', '=', 'in_force').execute();
    assert.equal(inForce.length, 55);
    const ind = normativeIndicators.find((i) => i.code === 'normative.cleanup_summary')!;
    const v = await ind.compute(t.db, {
      year: Number(today(t.clock.now()).slice(0, 4)),
      orgId: null,
      today: today(t.clock.now()),
    });
    assert.equal(v.value, 66);
    assert.match(v.basis, /继续有效51件，修改4件，废止1件，宣布失效10件/);
    const anchored = await t.db
      .selectFrom('ledger_entries')
      .select('id')
      .where('record_kind', 'in', ['normative_cleanup_outcome', 'normative_cleanup_summary'])
      .execute();
    assert.equal(anchored.length, 67);
  });
});
