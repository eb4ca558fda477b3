import { seedDemoLaws } from '../laws/index.js';
import type { RequestCtx } from '../../platform/access/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/engine.js';
import { publishCatalog } from './commands/catalog.js';
import { closeCampaign, decideItem, startCampaign } from './commands/cleanup.js';
import { createDoc, reviseDoc, upsertIssuingBody } from './commands/drafting.js';
import { reviewFiling, submitFiling } from './commands/filing.js';
import { runNormativeSweep } from './commands/lifecycle.js';
import { startComment, submitLegalityReview } from './commands/procedure.js';
import { at, ctxOf, lawId, publish, unitCtx } from './normative.demo-steps.js';

/** The demo district's issuing-body list: the government, its office, departments and one sub-district. */
export const DEMO_ISSUING_BODIES: { code: string; prefix: string }[] = [
  { code: 'SLQ', prefix: '示府规' },
  { code: 'FBG', prefix: '示府办规' },
  { code: 'SCJ', prefix: '示市监规' },
  { code: 'CGJ', prefix: '示城管规' },
  { code: 'STJ', prefix: '示环规' },
  { code: 'WJW', prefix: '示卫规' },
  { code: 'FGJ', prefix: '示房规' },
  { code: 'RSJ', prefix: '示人社规' },
  { code: 'JCJ', prefix: '示江川规' },
];

const MATERIALS = ['filing_report', 'text', 'drafting_explanation', 'legal_bases'] as const;

export async function seedNormativeDemo(db: Db, clock: Clock): Promise<void> {
  const has = await db.selectFrom('normative_issuing_bodies').select('org_id').limit(1).execute();
  if (has.length) return;
  // The documents cite the law library and cannot be filed without their legal bases: make sure the demo
  // statutes are there (a no-op when the library already has laws).
  await seedDemoLaws(db);
  const admin = await ctxOf(db, clock, 'admin');
  for (const b of DEMO_ISSUING_BODIES) {
    const org = await db.selectFrom('organizations').select('id').where('code', '=', b.code).executeTakeFirst();
    if (org)
      await upsertIssuingBody(db, admin, {
        orgId: org.id,
        numberPrefix: b.prefix,
        basis: '区政府公布的行政规范性文件制定主体清单',
        active: true,
      });
  }
  const org = async (code: string) =>
    (await db.selectFrom('organizations').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const scj = await ctxOf(db, clock, 'liaison');
  const jcj = await ctxOf(db, clock, 'liaison2');
  const reviewer = await ctxOf(db, clock, 'reviewer');
  const slq = await unitCtx(db, clock, 'SLQ');
  const fbg = await unitCtx(db, clock, 'FBG');
  const cgj = await unitCtx(db, clock, 'CGJ');
  const penaltyLaw = await lawId(db, '中华人民共和国行政处罚法');
  const businessLaw = await lawId(db, '优化营商环境条例');
  const foodLaw = await lawId(db, '中华人民共和国食品安全法');
  const basis = (id: string | null, articles: string) => (id ? [{ lawId: id, articles }] : []);

  // In force, filed on time and accepted.
  const a = await createDoc(db, scj, {
    orgId: await org('SCJ'),
    title: '示例区市场监管局关于推行轻微违法行为不予行政处罚清单的实施意见',
    body: '一、适用范围\n本意见适用于本区市场监管领域轻微违法行为的处理。\n二、不予处罚情形\n违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚；初次违法且危害后果轻微并及时改正的，可以不予行政处罚。\n三、教育引导\n对不予处罚的当事人，应当进行教育，督促其依法经营。',
    draftingNote: '依据《行政处罚法》第三十三条，统一全区市场监管领域“首违不罚”的适用标准。',
    businessRelated: false,
    affectsMarket: false,
    commentRequired: true,
    bases: basis(penaltyLaw, '第三十三条'),
  });
  await publish(
    db,
    scj,
    reviewer,
    a,
    {
      commentStart: '2024-01-08',
      commentEnd: '2024-01-19',
      legalityOn: '2024-02-01',
      reviewedOn: '2024-02-20',
      deliberationOn: '2024-03-05',
      publishedOn: '2024-03-15',
    },
    '本意见明确了市场监管领域轻微违法行为不予处罚的条件和程序，体现处罚与教育相结合的原则。',
    false,
  );
  await submitFiling(
    db,
    scj,
    a,
    { materials: [...MATERIALS], report: '现将本局规范性文件报送备案，请予审查。', submittedOn: '2024-04-01' },
    at('2024-04-01'),
  );
  await reviewFiling(
    db,
    reviewer,
    a,
    { outcome: 'accepted', opinion: '材料齐全，内容合法，准予备案。' },
    at('2024-04-10'),
  );

  // 暂行 document: two-year validity, now within the evaluation window.
  const b = await createDoc(db, scj, {
    orgId: await org('SCJ'),
    title: '示例区食品摊贩登记管理暂行办法',
    body: '第一条 为规范食品摊贩经营行为，保障食品安全，制定本办法。\n第二条 食品摊贩应当向所在地街道办事处登记，并公示登记卡。\n第三条 本办法自发布之日起施行。',
    draftingNote: '依据《中华人民共和国食品安全法》关于食品摊贩管理的规定，结合本区实际，规范登记、公示程序。',
    businessRelated: true,
    affectsMarket: true,
    commentRequired: true,
    bases: basis(foodLaw, '第六条'),
  });
  await publish(
    db,
    scj,
    reviewer,
    b,
    {
      commentStart: '2024-10-08',
      commentEnd: '2024-11-08',
      legalityOn: '2024-11-15',
      reviewedOn: '2024-12-05',
      deliberationOn: '2024-12-20',
      publishedOn: '2025-01-10',
    },
    '本办法为食品摊贩提供登记、公示的便利，试行两年后评估。',
    true,
  );
  await submitFiling(
    db,
    scj,
    b,
    { materials: [...MATERIALS], report: '报送备案。', submittedOn: '2025-01-20' },
    at('2025-01-20'),
  );
  await reviewFiling(db, reviewer, b, { outcome: 'accepted', opinion: '准予备案。' }, at('2025-02-05'));

  // District government, business-related: filed late but accepted.
  const c = await createDoc(db, slq, {
    orgId: await org('SLQ'),
    title: '示例区关于进一步优化营商环境的若干措施',
    body: '一、压缩企业开办时间，全程网办。\n二、推行涉企经营许可“一业一证”改革。\n三、建立涉企政策“免申即享”机制。\n四、本措施自2026年7月1日起施行。',
    draftingNote: '落实《优化营商环境条例》，围绕企业开办、涉企许可和政策兑现三方面提出本区措施，已公开征求意见。',
    businessRelated: true,
    affectsMarket: true,
    commentRequired: true,
    bases: basis(businessLaw, '第六十二条、第六十三条、第六十四条'),
  });
  await publish(
    db,
    slq,
    reviewer,
    c,
    {
      commentStart: '2026-03-02',
      commentEnd: '2026-04-03',
      legalityOn: '2026-04-10',
      reviewedOn: '2026-04-28',
      deliberationOn: '2026-05-12',
      publishedOn: '2026-05-20',
    },
    '本措施围绕企业全生命周期服务，提出三方面举措，并为市场主体留出适应调整期。',
    true,
  );
  await submitFiling(
    db,
    slq,
    c,
    { materials: [...MATERIALS], report: '区政府规范性文件报送备案。', submittedOn: '2026-06-30' },
    at('2026-06-30'),
  );
  await reviewFiling(
    db,
    reviewer,
    c,
    { outcome: 'accepted', opinion: '准予备案；报送逾期，请今后按时报送。' },
    at('2026-07-08'),
  );

  // Published in 2021 with a five-year validity: the sweep lapses it.
  const d = await createDoc(db, fbg, {
    orgId: await org('FBG'),
    title: '示例区政府办公室关于规范行政规范性文件制定程序的通知',
    body: '一、各单位起草规范性文件应当进行合法性审核。\n二、未经集体审议的，不得印发。',
    businessRelated: false,
    affectsMarket: false,
    commentRequired: false,
    bases: basis(businessLaw, '第六十三条'),
  });
  await publish(
    db,
    fbg,
    reviewer,
    d,
    { legalityOn: '2021-05-10', reviewedOn: '2021-05-25', deliberationOn: '2021-06-15', publishedOn: '2021-07-01' },
    '本通知对规范性文件的制定程序作出统一要求。',
    false,
  );

  // Published last month; the filing is overdue.
  const e = await createDoc(db, scj, {
    orgId: await org('SCJ'),
    title: '示例区市场监管局关于加强电子商务经营者登记服务的通知',
    body: '一、为电子商务经营者提供住所登记便利。\n二、推行网上登记全程电子化。',
    businessRelated: false,
    affectsMarket: false,
    commentRequired: false,
    // No drafting note on record: the liaison supplies it with the filing (the form asks for it).
    bases: basis(businessLaw, ''),
  });
  await publish(
    db,
    scj,
    reviewer,
    e,
    { legalityOn: '2026-09-01', reviewedOn: '2026-09-15', deliberationOn: '2026-10-09', publishedOn: '2026-10-20' },
    '本通知便利电子商务经营者办理登记。',
    false,
  );

  // Under legality review.
  const f = await createDoc(db, cgj, {
    orgId: await org('CGJ'),
    title: '示例区城管执法局关于规范户外招牌设置的管理规定',
    body: '第一条 为规范户外招牌设置，美化市容环境，制定本规定。\n第二条 户外招牌设置应当符合本区户外招牌设置规划。',
    businessRelated: false,
    affectsMarket: false,
    commentRequired: false,
    bases: basis(penaltyLaw, '第十六条'),
  });
  await submitLegalityReview(db, cgj, f);

  // A sub-district draft in public comment.
  const g = await createDoc(db, jcj, {
    orgId: await org('JCJ'),
    title: '江川街道关于老旧小区加装电梯资金补贴的实施办法',
    body: '一、补贴对象为本街道辖区内已完成加装电梯的老旧住宅小区。\n二、补贴标准按每台不超过20万元执行。',
    businessRelated: false,
    affectsMarket: false,
    commentRequired: true,
    bases: [],
  });
  await startComment(db, jcj, g, { start: '2026-11-16', end: '2026-11-30' });

  // A draft with two versions, for the diff.
  const h = await createDoc(db, scj, {
    orgId: await org('SCJ'),
    title: '示例区市场监管局关于推行信用承诺制的实施办法',
    body: '第一条 为推进信用监管，制定本办法。\n第二条 申请人作出信用承诺的，可以容缺受理。',
    businessRelated: true,
    affectsMarket: true,
    commentRequired: true,
    bases: basis(businessLaw, '第六十四条'),
  });
  await reviseDoc(db, scj, h, {
    body: '第一条 为推进信用监管，优化营商环境，制定本办法。\n第二条 申请人作出信用承诺的，可以容缺受理。\n第三条 承诺不实的，依法撤销相关决定并记入信用记录。',
    changeNote: '根据法制科意见补充承诺不实的处理',
  });

  // A district-wide clean-up (清理) of every document in force, decided unit by unit and closed, as the seeds
  // report it ("继续有效…件，修改…件"): the lapsed 2021 document left the in-force list first.
  await runNormativeSweep(db, clock.now());
  const coordinator = await ctxOf(db, clock, 'coordinator');
  const campaign = await startCampaign(
    db,
    coordinator,
    { title: '2026年度行政规范性文件清理', dueOn: '2026-11-30' },
    at('2026-09-01'),
  );
  const byOrg: Record<string, RequestCtx> = {
    [await org('SCJ')]: scj,
    [await org('JCJ')]: jcj,
    [await org('SLQ')]: slq,
  };
  const items = await db
    .selectFrom('normative_cleanup_items as i')
    .innerJoin('normative_docs as d', 'd.id', 'i.doc_id')
    .select(['i.doc_id', 'i.org_id', 'd.title'])
    .where('i.campaign_id', '=', campaign)
    .orderBy('d.published_on')
    .execute();
  for (const [i, it] of items.entries()) {
    const code = async () =>
      (await db.selectFrom('organizations').select('code').where('id', '=', it.org_id).executeTakeFirstOrThrow()).code!;
    const ctx = byOrg[it.org_id] ?? (await unitCtx(db, clock, await code()));
    const amend = i === 0;
    await decideItem(
      db,
      ctx,
      campaign,
      amend
        ? { docId: it.doc_id, outcome: 'amend', reason: '部分条款与新修订的上位法规定不一致，需修改后重新公布' }
        : { docId: it.doc_id, outcome: 'keep', reason: '与上位法一致，仍符合管理实际，继续有效' },
      at('2026-10-15'),
    );
  }
  await closeCampaign(db, coordinator, campaign);

  // The market regulator published its annual catalogs on time (by 31 January of the following year), so the
  // portal's catalog column has real entries with their ledger proofs.
  const scjOrg = await org('SCJ');
  await publishCatalog(db, scj, { orgId: scjOrg, year: 2024 }, at('2025-01-20'));
  await publishCatalog(db, scj, { orgId: scjOrg, year: 2025 }, at('2026-01-16'));

  await runNormativeSweep(db, clock.now());
}
