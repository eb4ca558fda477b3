/**
 * The demo seed's walk through the procedure (see decisions.demo.ts): each item is taken, with the demo users,
 * as far as its target stage, through the same commands the workbench calls.
 */
import type { RequestCtx } from '../../platform/access/actor.js';
import { addCalendarDays, today } from '../../platform/calendar/index.js';
import type { Db } from '../../platform/db/engine.js';
import { assessItem } from './commands/assess.js';
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
import { publishDecision } from './commands/publication.js';
import { decisionsConfig } from './decisions.config.js';
import type { Item, Target } from './decisions.demo-items.js';
import { nowOf } from '../../platform/clock.js';

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
export async function drive(db: Db, ctxs: Record<string, RequestCtx>, id: string, it: Item, year: number) {
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
  const current = year === Number(today(nowOf(co)).slice(0, 4));
  if (it.target === 'participation' && current) {
    const opens = addCalendarDays(today(nowOf(co)), -5);
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
      nowOf(co),
    );
    await submitPublicComment(
      db,
      '198.51.100.8',
      p.id,
      { submitterKind: 'anonymous', body: '希望明确过渡期安排，给经营主体留出调整时间。', attachments: [] },
      decisionsConfig(),
      nowOf(co),
    );
    await openParticipation(db, co, id, {
      form: 'symposium',
      title: '企业和居民代表座谈会',
      heldOn: addCalendarDays(today(nowOf(co)), -2),
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
