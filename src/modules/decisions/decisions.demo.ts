import type { RequestCtx } from '../../platform/access/actor.js';
import { addCalendarDays, today } from '../../platform/calendar/index.js';
import type { Db } from '../../platform/db/engine.js';
import { demoActor } from '../../platform/seed/demo.js';
import { assessItem } from './commands/assess.js';
import { approveCatalog, createCatalog, publishCatalog } from './commands/catalog.js';
import { recordCollectiveDecision } from './commands/collective-decision.js';
import { submitPublicComment } from './commands/comments.js';
import { completeExecution, reportProgress } from './commands/execution.js';
import { recordLegalityOpinion, submitLegalityReview } from './commands/legality-review.js';
import { closeParticipation, completeParticipation, openParticipation } from './commands/participation.js';
import {
  completeDrafting,
  completeExpertReview,
  completeRiskAssessment,
  initiate,
  reportToParty,
} from './commands/procedure.js';
import { proposeItem } from './commands/propose-item.js';
import { publishDecision } from './commands/publication.js';
import { decisionsConfig } from './decisions.config.js';
import type { MAJOR_KINDS } from './decisions.schemas.js';

type Kind = keyof typeof MAJOR_KINDS;
type Target =
  | 'proposed'
  | 'drafting'
  | 'participation'
  | 'legality_review'
  | 'collective_discussion'
  | 'executing'
  | 'completed';
interface Item {
  title: string;
  lead: string;
  kind: Kind;
  plan: string;
  target: Target;
  tech?: boolean;
  risk?: boolean;
  doneOn?: string;
}

// Item titles drawn from the vocabulary of the source reports (城市更新, 公共数据, 实事项目, 十四五 …).
const Y2025: Item[] = [
  {
    title: '示例区2025年区政府实事项目',
    lead: 'FGW',
    kind: 'development_plan',
    plan: '2025-12-31',
    target: 'completed',
    doneOn: '2025-12-20',
  },
  {
    title: '示例区公共数据管理办法',
    lead: 'XXW',
    kind: 'public_policy',
    plan: '2025-09-30',
    target: 'completed',
    tech: true,
    doneOn: '2025-09-18',
  },
  {
    title: '示例区信息化项目工程监理管理实施细则',
    lead: 'XXW',
    kind: 'public_policy',
    plan: '2025-06-30',
    target: 'completed',
    tech: true,
    doneOn: '2025-08-15',
  },
  {
    title: '示例区老旧小区综合改造三年行动计划',
    lead: 'FGJ',
    kind: 'construction_project',
    plan: '2025-10-31',
    target: 'completed',
    risk: true,
    doneOn: '2025-10-28',
  },
  {
    title: '示例区生活垃圾分类管理实施办法',
    lead: 'CGJ',
    kind: 'public_policy',
    plan: '2025-08-31',
    target: 'completed',
    doneOn: '2025-08-30',
  },
  {
    title: '示例区养老服务设施布局专项规划',
    lead: 'WJW',
    kind: 'development_plan',
    plan: '2025-11-30',
    target: 'completed',
    doneOn: '2025-12-10',
  },
  {
    title: '示例区河道综合整治工程',
    lead: 'STJ',
    kind: 'resources',
    plan: '2025-12-31',
    target: 'completed',
    risk: true,
    doneOn: '2025-12-26',
  },
  {
    title: '示例区公共停车收费管理办法',
    lead: 'JTW',
    kind: 'public_policy',
    plan: '2025-07-31',
    target: 'completed',
    doneOn: '2025-07-25',
  },
  {
    title: '示例区食品安全监管示范区建设方案',
    lead: 'SCJ',
    kind: 'public_policy',
    plan: '2025-12-31',
    target: 'executing',
  },
  {
    title: '示例区应急避难场所建设规划',
    lead: 'YJJ',
    kind: 'construction_project',
    plan: '2025-12-31',
    target: 'executing',
    risk: true,
  },
  {
    title: '示例区就业创业补贴实施细则',
    lead: 'RSJ',
    kind: 'public_policy',
    plan: '2025-09-30',
    target: 'completed',
    doneOn: '2025-09-29',
  },
];

const Y2026: Item[] = [
  {
    title: '示例区2026年区政府实事项目',
    lead: 'FGW',
    kind: 'development_plan',
    plan: '2026-12-31',
    target: 'executing',
  },
  {
    title: '示例区城市更新实施办法',
    lead: 'GHZ',
    kind: 'public_policy',
    plan: '2026-09-30',
    target: 'participation',
    risk: true,
  },
  {
    title: '示例区“十五五”国民经济和社会发展规划纲要',
    lead: 'FGW',
    kind: 'development_plan',
    plan: '2026-03-31',
    target: 'collective_discussion',
  },
  {
    title: '示例区优化营商环境若干措施',
    lead: 'FGW',
    kind: 'public_policy',
    plan: '2026-06-30',
    target: 'legality_review',
  },
  {
    title: '示例区公共数据开放实施细则',
    lead: 'XXW',
    kind: 'public_policy',
    plan: '2026-08-31',
    target: 'drafting',
    tech: true,
  },
  {
    title: '示例区市场监管领域轻微违法行为免罚清单',
    lead: 'SCJ',
    kind: 'public_policy',
    plan: '2026-05-31',
    target: 'participation',
  },
  { title: '示例区集贸市场布局规划', lead: 'SCJ', kind: 'development_plan', plan: '2026-10-31', target: 'proposed' },
  { title: '示例区非机动车停放管理规定', lead: 'CGJ', kind: 'public_policy', plan: '2026-07-31', target: 'drafting' },
  {
    title: '示例区地下管网更新改造工程',
    lead: 'JTW',
    kind: 'construction_project',
    plan: '2026-12-31',
    target: 'proposed',
    risk: true,
  },
  { title: '示例区生态环境保护“十五五”规划', lead: 'STJ', kind: 'resources', plan: '2026-11-30', target: 'proposed' },
  { title: '示例区历史风貌区保护利用办法', lead: 'GHZ', kind: 'resources', plan: '2026-12-31', target: 'proposed' },
  {
    title: '示例区社区卫生服务中心标准化建设方案',
    lead: 'WJW',
    kind: 'construction_project',
    plan: '2026-09-30',
    target: 'drafting',
  },
  {
    title: '示例区住房租赁市场管理办法',
    lead: 'FGJ',
    kind: 'public_policy',
    plan: '2026-08-31',
    target: 'legality_review',
  },
  {
    title: '示例区安全生产治本攻坚三年行动方案',
    lead: 'YJJ',
    kind: 'public_policy',
    plan: '2026-06-30',
    target: 'executing',
    risk: true,
  },
  {
    title: '示例区高校毕业生就业促进计划',
    lead: 'RSJ',
    kind: 'public_policy',
    plan: '2026-04-30',
    target: 'executing',
  },
  {
    title: '示例经济开发区产业发展规划',
    lead: 'KFQ',
    kind: 'development_plan',
    plan: '2026-10-31',
    target: 'proposed',
  },
  {
    title: '江川街道社区综合体建设项目',
    lead: 'JCJ',
    kind: 'construction_project',
    plan: '2026-12-31',
    target: 'proposed',
  },
  {
    title: '示例区区级财政专项资金管理办法',
    lead: 'CZJ',
    kind: 'public_policy',
    plan: '2026-09-30',
    target: 'participation',
  },
  {
    title: '示例区智慧城市运行管理中心建设方案',
    lead: 'XXW',
    kind: 'construction_project',
    plan: '2026-12-31',
    target: 'executing',
    tech: true,
  },
  {
    title: '示例区公共文化设施免费开放实施办法',
    lead: 'FBG',
    kind: 'public_policy',
    plan: '2026-07-31',
    target: 'drafting',
  },
];

const ORDER: Target[] = [
  'proposed',
  'drafting',
  'participation',
  'legality_review',
  'collective_discussion',
  'executing',
  'completed',
];
const reached = (t: Target, s: Target) => ORDER.indexOf(t) >= ORDER.indexOf(s);

/**
 * The responsible unit's legal office gives the unit-level opinion (沪府办发〔2020〕5号), never the justice
 * bureau. Most demo units have no account of their own, so for the seed only the administrator acts as that
 * unit's legal office (its organisation and a liaison grant at the unit); the name says so, and the audit
 * trail shows the administrator.
 */
async function unitLegalOfficeCtx(db: Db, admin: RequestCtx, decisionId: string): Promise<RequestCtx> {
  const unit = await db
    .selectFrom('decisions')
    .innerJoin('organizations', 'organizations.id', 'decisions.lead_org_id')
    .select(['organizations.id', 'organizations.path', 'organizations.name'])
    .where('decisions.id', '=', decisionId)
    .executeTakeFirstOrThrow();
  const a = admin.actor!;
  return {
    ...admin,
    actor: {
      ...a,
      displayName: `${unit.name}法制机构（演示数据，由系统管理员代录）`,
      orgId: unit.id,
      orgPath: unit.path,
      grants: [...a.grants, { role: 'liaison', orgId: unit.id, orgPath: unit.path, includeSubtree: false }],
    },
  };
}

/** Walks one item through the procedure with the demo users, exactly as the workbench would. */
async function drive(db: Db, ctxs: Record<string, RequestCtx>, id: string, it: Item, year: number) {
  const co = ctxs.coordinator;
  const d0 = `${year}-02-10`;
  await assessItem(db, co, id, {
    kinds: [it.kind],
    exclusions: [],
    reasons: `该事项涉及全区${it.kind === 'construction_project' ? '重大公共建设投资' : '社会公众切身利益'}，影响范围广，对照条例第三条第一款认定为重大行政决策。`,
  });
  if (!reached(it.target, 'drafting')) return;
  await initiate(db, co, id, { note: '经区政府专题会研究决定启动。' });
  if (!reached(it.target, 'participation')) return;
  await completeDrafting(db, co, id, {
    text: `${it.title}（草案）共六章三十条，明确适用范围、职责分工、实施措施和保障机制。`,
    legalBases: ['《重大行政决策程序暂行条例》', '《上海市重大行政决策程序规定》'],
    disputed: false,
    alternatives: [],
    consultedUnits: ['区发改委', '区财政局', '区司法局'],
    costBenefit: null,
  });
  const current = year === Number(today().slice(0, 4));
  if (it.target === 'participation' && current) {
    const opens = addCalendarDays(today(), -5);
    const p = await openParticipation(db, co, id, {
      form: 'comment_period',
      title: `关于《${it.title}（征求意见稿）》公开征求意见`,
      opensOn: opens,
      closesOn: addCalendarDays(opens, 35),
      participants: [],
    });
    await submitPublicComment(
      db,
      '198.51.100.7',
      p.id,
      {
        submitterKind: 'individual',
        name: '张先生',
        body: '建议在实施前增加社区层面的说明会，让居民充分了解政策内容。',
        attachments: [],
      },
      decisionsConfig(),
    );
    await submitPublicComment(
      db,
      '198.51.100.8',
      p.id,
      { submitterKind: 'anonymous', body: '希望明确过渡期安排，给经营主体留出调整时间。', attachments: [] },
      decisionsConfig(),
    );
    await openParticipation(db, co, id, {
      form: 'symposium',
      title: '企业和居民代表座谈会',
      heldOn: addCalendarDays(today(), -2),
      participants: ['居民代表5名', '企业代表4名', '人大代表1名'],
      place: '区政府第三会议室',
    });
    return;
  }
  const sym = await openParticipation(db, co, id, {
    form: 'symposium',
    title: '利益相关方座谈会',
    heldOn: addCalendarDays(d0, 5),
    participants: ['居民代表6名', '企业代表3名', '政协委员1名'],
    place: '区政府第二会议室',
  });
  await closeParticipation(db, co, sym.id, { outcome: '与会代表提出意见12条，其中8条被采纳，已据此修改草案。' });
  const survey = await openParticipation(db, co, id, {
    form: 'survey',
    title: '网上问卷调查',
    heldOn: addCalendarDays(d0, 12),
    participants: [],
  });
  await closeParticipation(db, co, survey.id, { outcome: '回收有效问卷1,236份，支持率86.4%。' });
  await completeParticipation(db, co, id);
  if (it.tech)
    await completeExpertReview(db, co, id, {
      opinions: [
        {
          expert: '刘教授',
          affiliation: '上海大学法学院',
          opinion: '方案技术路线可行，建议补充数据安全保障措施。',
          signed: true,
          dissent: false,
        },
        {
          expert: '陈研究员',
          affiliation: '市信息安全测评中心',
          opinion: '同意论证结论，建议分阶段实施。',
          signed: true,
          dissent: false,
        },
      ],
      handling: '专家意见均已采纳，补充了数据安全和分阶段实施条款。',
    });
  if (it.risk)
    await completeRiskAssessment(db, co, id, {
      assessor: '上海某社会稳定风险评估事务所',
      assessorOrgId: null,
      thirdParty: true,
      riskPoints: ['涉及群众切身利益，可能引发集中诉求'],
      measures: ['提前公示，设立咨询窗口'],
      contingencyPlan: '成立应急处置小组，出现集中诉求时由街镇牵头接待化解。',
      level: 'medium',
      controllable: true,
    });
  const submitted = addCalendarDays(d0, 30);
  await submitLegalityReview(db, ctxs.liaison, id, {
    level: 'unit',
    submittedOn: submitted,
    replyBy: addCalendarDays(submitted, 14),
    materials: [],
  });
  if (it.target === 'legality_review' && current) return;
  await recordLegalityOpinion(db, await unitLegalOfficeCtx(db, ctxs.admin, id), id, 'unit', {
    conclusion: 'lawful',
    opinion: '经初审，草案制定主体适格，程序符合规定，内容未发现违法情形。',
    reviewedOn: addCalendarDays(submitted, 5),
  });
  await submitLegalityReview(db, co, id, {
    level: 'justice',
    submittedOn: addCalendarDays(submitted, 6),
    replyBy: addCalendarDays(submitted, 20),
    materials: ['公平竞争审查意见'],
  });
  await recordLegalityOpinion(db, ctxs.reviewer, id, 'justice', {
    conclusion: it.title.includes('营商') ? 'lawful_with_changes' : 'lawful',
    opinion: '经审查，草案符合法律法规规定，建议对个别条款表述作进一步完善。',
    reviewedOn: addCalendarDays(submitted, 15),
  });
  if (it.target === 'collective_discussion' && current) return;
  await recordCollectiveDecision(db, co, id, {
    meeting: `区政府第${10 + (it.title.length % 20)}次常务会议`,
    meetingKind: 'executive',
    heldOn: addCalendarDays(submitted, 25),
    members: [
      { name: '钱副区长', title: '副区长', view: 'agree', remarks: '' },
      { name: '孙副区长', title: '副区长', view: 'agree', remarks: '' },
      {
        name: '李副区长',
        title: '副区长',
        view: it.risk ? 'disagree' : 'agree',
        remarks: it.risk ? '建议进一步评估实施节奏，避免集中推进引发矛盾。' : '',
      },
      { name: '赵区长', title: '区长', view: 'agree', remarks: '同意，请承办单位按会议意见修改完善后公布实施。' },
    ],
    headName: '赵区长',
    outcome: 'approved',
    headReasons: '',
    minutes: '会议听取了承办单位关于决策草案的汇报，审议了公众参与、合法性审查等材料，原则同意。',
  });
  await reportToParty(db, co, id, {
    reportedOn: addCalendarDays(submitted, 28),
    reference: '区委常委会会议',
    npcRequired: false,
    npcNote: '',
  });
  await publishDecision(db, co, id, {
    publishedText: `${it.title}经区政府常务会议审议通过，现予公布，自公布之日起施行。`,
    channels: ['区政府门户网站', '区政府公报'],
    executionOrgId: (
      await db.selectFrom('decisions').select('lead_org_id').where('id', '=', id).executeTakeFirstOrThrow()
    ).lead_org_id,
    interpretation: '',
    tasks: [
      { name: '制定配套细则', weight: 30 },
      { name: '组织实施', weight: 50 },
      { name: '总结评估', weight: 20 },
    ],
  });
  const done = it.target === 'completed';
  const tasks = await db
    .selectFrom('decision_execution_tasks')
    .select('id')
    .where('decision_id', '=', id)
    .orderBy('created_at')
    .execute();
  await reportProgress(db, co, id, {
    period: `${year}-0${done ? 9 : 7}`,
    note: done ? '各项任务均已完成。' : '配套细则已印发，组织实施有序推进。',
    tasks: tasks.map((t, i) => ({ taskId: t.id, progress: done ? 100 : [100, 40, 0][i] })),
    problems: '',
  });
  if (done)
    await completeExecution(db, co, id, {
      completedOn: it.doneOn!,
      summary: '决策确定的各项任务已全部完成，达到预期目标。',
    });
}

/** A 2025 and a 2026 catalog for the district government, items at various stages (2026: 20 items, +81.8%). */
export async function seedDecisionsDemo(db: Db): Promise<void> {
  if (await db.selectFrom('decision_catalogs').select('id').executeTakeFirst()) return;
  const ctx = async (u: string): Promise<RequestCtx> => ({
    actor: await demoActor(db, u),
    requestId: 'seed-demo',
    ip: null,
  });
  const ctxs = {
    coordinator: await ctx('coordinator'),
    reviewer: await ctx('reviewer'),
    admin: await ctx('admin'),
    liaison: await ctx('coordinator'),
  };
  const orgs = new Map(
    (await db.selectFrom('organizations').select(['id', 'code']).execute()).map((o) => [o.code, o.id]),
  );
  for (const [year, items] of [
    [2025, Y2025],
    [2026, Y2026],
  ] as const) {
    const c = await createCatalog(db, ctxs.coordinator, { bodyOrgId: orgs.get('SLQ')!, year });
    const ids: string[] = [];
    for (const it of items) {
      const row = await proposeItem(db, ctxs.coordinator, c.id, {
        title: it.title,
        summary: `${it.title}，由承办单位牵头拟定，按年度计划推进，涉及面广、社会关注度高。`,
        category: it.kind,
        leadOrgId: orgs.get(it.lead)!,
        plannedCompletionOn: it.plan,
        isTechnical: !!it.tech,
        affectsStability: !!it.risk,
        confidential: false,
      });
      ids.push(row.id);
    }
    await approveCatalog(db, ctxs.coordinator, c.id, {
      partyConsentRef: `区委常委会${year - 1}年第${year === 2025 ? 38 : 41}次会议`,
      partyConsentOn: `${year}-01-${year === 2025 ? 20 : 16}`,
    });
    await publishCatalog(db, ctxs.coordinator, c.id, {});
    for (let i = 0; i < items.length; i++) await drive(db, ctxs, ids[i], items[i], year);
  }
}
