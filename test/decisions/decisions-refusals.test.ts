import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type DecisionAction, decisionWorkflow as wf } from '../../src/modules/decisions/decisions.workflow.js';
import { addWorkingDays } from '../../src/platform/calendar/index.js';
import { createTestApp, type Session, type TestApp, TEST_TODAY } from '../helpers/app.js';
import { type RefusalCase, refusalMatrix, wrongStates } from '../helpers/refusals.js';
import { type DecisionFactoryOptions, type MadeDecision, makeDecision } from '../factories/decisions.js';

/**
 * The refusal rule (ADR 0004) for every procedure action of a major decision, over HTTP: out of order → 409,
 * another unit's user → 404, a user who sees the decision but is not the action's party → 403, anonymous → 401,
 * missing or invalid content → 422 (or 400 where the schema rejects the shape). Each case starts from a
 * decision the factory puts directly in the status it needs; nothing a refusal touches may change.
 *
 * Demo actors: the decision body is the district government (SLQ), acting through `coordinator`; the lead and
 * execution unit is SCJ (`staff`, `liaison`); `liaison` is also SCJ's own legal office (unit-level review);
 * `reviewer` is the justice bureau; `leader` sees the whole district but is a party to nothing here; `head2`
 * (江川街道) sees none of it.
 */

type Who = 'co' | 'staff' | 'liaison' | 'reviewer' | 'leader' | 'head2';
type Payload = (m: MadeDecision) => object;

interface RouteSpec {
  path: string;
  payload: Payload;
  /** Who takes the action as its party, and who sees the decision but is not a party. */
  as: Who;
  notParty: readonly Who[];
  /** Who is a party whatever the status, for the out-of-order cases (default `as`). */
  orderAs?: Who;
  /** Factory options for a decision the action may start from (beyond its status). */
  ready?: Partial<DecisionFactoryOptions>;
}

const T = TEST_TODAY;
const YEAR = Number(T.slice(0, 4));
const reason = { reason: '根据实际情况需要，依法办理本项' };
const opinion = { conclusion: 'lawful', opinion: '经审查未发现违法情形。', reviewedOn: T };
const meeting = {
  meeting: '区政府第12次常务会议',
  meetingKind: 'executive',
  heldOn: T,
  headName: '赵区长',
  outcome: 'approved',
  minutes: '会议审议了决策草案及相关材料。',
  members: [
    { name: '钱副区长', title: '副区长', view: 'agree' },
    { name: '孙副区长', title: '副区长', view: 'agree' },
    { name: '赵区长', title: '区长', view: 'agree' },
  ],
};
const BODY = { as: 'co', notParty: ['staff', 'leader'] } as const;
const LEAD = { as: 'staff', notParty: ['leader', 'reviewer'] } as const;

/** Every declared action → its HTTP route(s) and a payload the schema accepts (or 'no HTTP route'). */
const ROUTES: Record<DecisionAction, RouteSpec[] | 'no HTTP route'> = {
  initiate: [{ path: 'initiate', payload: () => ({}), ...BODY }],
  completeDrafting: [
    {
      path: 'drafting',
      payload: () => ({
        text: '集贸市场管理办法（草案）共五章二十八条，规定经营时段。',
        legalBases: ['《食品安全法》'],
      }),
      ...LEAD,
    },
  ],
  completeParticipation: [{ path: 'participation/complete', payload: () => ({}), ...LEAD }],
  completeExpertReview: [
    {
      path: 'expert-review',
      payload: () => ({
        opinions: [
          { expert: '王专家', affiliation: '上海大学法学院', opinion: '草案总体可行，建议完善罚则。', signed: true },
        ],
        handling: '专家意见已全部采纳并修改草案。',
      }),
      ...LEAD,
      ready: { isTechnical: true },
    },
  ],
  completeRiskAssessment: [
    {
      path: 'risk-assessment',
      payload: () => ({
        assessor: '区社会稳定风险评估中心',
        riskPoints: ['经营者集中上访'],
        measures: ['设立咨询窗口'],
        contingencyPlan: '成立工作专班，分片包干化解。',
        level: 'medium',
        controllable: true,
      }),
      ...LEAD,
      ready: { affectsStability: true },
    },
  ],
  submitLegalityReview: [
    {
      path: 'legality-review',
      payload: () => ({ level: 'unit', submittedOn: T, replyBy: addWorkingDays(T, 7) }),
      ...LEAD,
    },
  ],
  recordLegalityOpinion: [
    {
      path: 'legality-review/unit-opinion',
      payload: () => opinion,
      as: 'liaison',
      notParty: ['staff', 'reviewer'],
      ready: { legality: 'unitPending' },
    },
    {
      path: 'legality-review/justice-opinion',
      payload: () => opinion,
      as: 'reviewer',
      notParty: ['liaison', 'staff'],
      ready: { legality: 'justicePending' },
    },
  ],
  recordCollectiveDecision: [{ path: 'collective-decision', payload: () => meeting, ...BODY }],
  reportToParty: [{ path: 'party-report', payload: () => ({ reportedOn: T, reference: '区委常委会会议' }), ...BODY }],
  publish: [
    {
      path: 'publish',
      payload: (m) => ({
        publishedText: '示例区集贸市场管理办法经区政府常务会议审议通过，现予公布。',
        channels: ['区政府门户网站'],
        executionOrgId: m.leadOrgId,
        tasks: [{ name: '组织实施', weight: 100 }],
      }),
      ...BODY,
    },
  ],
  reportProgress: [
    {
      path: 'progress',
      payload: (m) => ({
        period: `${YEAR}-05`,
        note: '细则已印发，实施启动。',
        tasks: m.taskIds.map((taskId) => ({ taskId, progress: 50 })),
      }),
      as: 'staff',
      notParty: ['leader', 'reviewer'],
      // Before publication no execution unit is named, so only the body is a party then (staff would be 403).
      orderAs: 'co',
    },
  ],
  startPostEvaluation: [
    {
      path: 'post-evaluation',
      payload: () => ({
        trigger: 'public_objections',
        evaluator: '上海大学法学院评估中心',
        reason: '群众反映意见较多，启动评估。',
      }),
      ...BODY,
    },
  ],
  completePostEvaluation: [
    {
      path: 'post-evaluation/complete',
      payload: () => ({
        report: '评估认为办法总体达到预期效果，建议继续执行。',
        conclusion: 'continue',
        publicHeard: true,
      }),
      ...BODY,
    },
  ],
  completeExecution: [
    { path: 'complete', payload: () => ({ completedOn: T, summary: '各项任务已全部完成。' }), ...BODY, ready: {} },
  ],
  archive: [{ path: 'archive', payload: () => ({ archiveNo: `${YEAR}-JC-001` }), ...BODY }],
  suspend: [{ path: 'suspend', payload: () => reason, ...BODY }],
  resume: [{ path: 'resume', payload: () => reason, ...BODY }],
  adjust: [{ path: 'adjust', payload: () => reason, ...BODY }],
  withdraw: [{ path: 'withdraw', payload: () => reason, ...BODY }],
};

interface Case {
  name: string;
  as: Who | null;
  make: DecisionFactoryOptions;
  /** A change to the factory's rows the case needs (e.g. a record removed). */
  tweak?: (m: MadeDecision) => Promise<void>;
  path: string;
  payload: Payload;
  status: RefusalCase['status'];
  message?: string | RegExp;
  /** Set when the server answers otherwise than the rule demands (listed in the report, fixed in the server). */
  todo?: string;
}

function matrixCases(): Case[] {
  const out: Case[] = [];
  for (const a of wf.actionNames) {
    const routes = ROUTES[a];
    if (routes === 'no HTTP route') continue;
    const label = wf.actions[a].label;
    for (const r of routes) {
      const ready: DecisionFactoryOptions = { status: wf.actions[a].from[0], ...r.ready };
      const base = { path: r.path, payload: r.payload };
      for (const s of wrongStates(wf, a))
        out.push({
          ...base,
          name: `${a} via ${r.path}: from '${s}' (out of order) → 409`,
          as: r.orderAs ?? r.as,
          make: { ...r.ready, status: s },
          status: 409,
          message: `不能${label}`,
        });
      out.push({
        ...base,
        name: `${a} via ${r.path}: by another unit's user (head2) → 404`,
        as: 'head2',
        make: ready,
        status: 404,
        message: '决策事项',
      });
      for (const who of r.notParty) {
        out.push({
          ...base,
          name: `${a} via ${r.path}: by ${who}, who sees it but is not a party → 403`,
          as: who,
          make: ready,
          status: 403,
          message: label,
        });
        // Not a party and out of order as well: the party is checked first (403, not 409).
        for (const s of wrongStates(wf, a).slice(0, 1))
          out.push({
            ...base,
            name: `${a} via ${r.path}: by ${who} (not a party) from '${s}' (also out of order) → 403`,
            as: who,
            make: { ...r.ready, status: s },
            status: 403,
            message: label,
          });
      }
      out.push({ ...base, name: `${a} via ${r.path}: anonymous → 401`, as: null, make: ready, status: 401 });
    }
  }
  return out;
}

/** Content (422 / 400) and the procedure's own order checks (409) beyond the table, per action. */
const contentCases: (Case & { action: DecisionAction })[] = [
  {
    action: 'initiate',
    name: 'initiate without a major-decision assessment → 422',
    as: 'co',
    make: { status: 'proposed', major: null },
    path: 'initiate',
    payload: () => ({}),
    status: 422,
    message: '重大性认定',
  },
  {
    action: 'initiate',
    name: 'initiate an item assessed as not major → 422',
    as: 'co',
    make: { status: 'proposed', major: false },
    path: 'initiate',
    payload: () => ({}),
    status: 422,
    message: '不属于重大行政决策',
  },
  {
    action: 'completeDrafting',
    name: 'drafting without legal bases → 422',
    as: 'staff',
    make: { status: 'drafting' },
    path: 'drafting',
    payload: () => ({ text: '集贸市场管理办法（草案）共五章二十八条，规定经营时段。', legalBases: [] }),
    status: 422,
    message: '法律、法规',
  },
  {
    action: 'completeDrafting',
    name: 'drafting with no draft text (schema) → 400',
    as: 'staff',
    make: { status: 'drafting' },
    path: 'drafting',
    payload: () => ({ legalBases: ['《食品安全法》'] }),
    status: 400,
  },
  {
    action: 'completeParticipation',
    name: 'completing participation when none was organised → 422',
    as: 'staff',
    make: { status: 'participation' },
    path: 'participation/complete',
    payload: () => ({}),
    status: 422,
    message: '公众参与',
  },
  {
    action: 'completeExpertReview',
    name: 'expert review with no expert opinion → 422',
    as: 'staff',
    make: { status: 'expert_review', isTechnical: true },
    path: 'expert-review',
    payload: () => ({ opinions: [], handling: '专家意见已全部采纳并修改草案。' }),
    status: 422,
    message: '专家',
  },
  {
    action: 'completeExpertReview',
    name: 'expert review without the handling statement (schema) → 400',
    as: 'staff',
    make: { status: 'expert_review', isTechnical: true },
    path: 'expert-review',
    payload: () => ({ opinions: [] }),
    status: 400,
  },
  {
    action: 'completeRiskAssessment',
    name: 'risk assessment without risk points or plan → 422',
    as: 'staff',
    make: { status: 'risk_assessment', affectsStability: true },
    path: 'risk-assessment',
    payload: () => ({ assessor: '区社会稳定风险评估中心', level: 'medium', controllable: true }),
    status: 422,
    message: '风险点',
  },
  {
    action: 'completeRiskAssessment',
    name: 'risk assessment without a risk level (schema) → 400',
    as: 'staff',
    make: { status: 'risk_assessment', affectsStability: true },
    path: 'risk-assessment',
    payload: () => ({ assessor: '区社会稳定风险评估中心', controllable: true }),
    status: 400,
  },
  {
    action: 'submitLegalityReview',
    name: 'legality review allowing less than the minimum time → 422',
    as: 'staff',
    make: { status: 'legality_review' },
    path: 'legality-review',
    payload: () => ({ level: 'unit', submittedOn: T, replyBy: addWorkingDays(T, 3) }),
    status: 422,
    message: '7个工作日',
  },
  {
    action: 'submitLegalityReview',
    name: 'asking the bureau before the unit-level opinion (order) → 409',
    as: 'staff',
    make: { status: 'legality_review' },
    path: 'legality-review',
    payload: () => ({ level: 'justice', submittedOn: T, replyBy: addWorkingDays(T, 7) }),
    status: 409,
    message: '初审意见',
  },
  {
    action: 'submitLegalityReview',
    name: 'submitting again while a review is pending (order) → 409',
    as: 'staff',
    make: { status: 'legality_review', legality: 'unitPending' },
    path: 'legality-review',
    payload: () => ({ level: 'unit', submittedOn: T, replyBy: addWorkingDays(T, 7) }),
    status: 409,
    message: '尚未出具审查意见',
  },
  {
    action: 'submitLegalityReview',
    name: 'legality review without a level (schema) → 400',
    as: 'staff',
    make: { status: 'legality_review' },
    path: 'legality-review',
    payload: () => ({ submittedOn: T, replyBy: addWorkingDays(T, 7) }),
    status: 400,
  },
  {
    action: 'recordLegalityOpinion',
    name: 'unit opinion with nothing submitted (order) → 409',
    as: 'liaison',
    make: { status: 'legality_review' },
    path: 'legality-review/unit-opinion',
    payload: () => opinion,
    status: 409,
    message: '请先送请合法性审查',
  },
  {
    action: 'recordLegalityOpinion',
    name: 'bureau opinion while the unit level is pending (order) → 409',
    as: 'reviewer',
    make: { status: 'legality_review', legality: 'unitPending' },
    path: 'legality-review/justice-opinion',
    payload: () => opinion,
    status: 409,
    message: '当前待审的是',
  },
  {
    action: 'recordLegalityOpinion',
    name: 'unit opinion dated in the future → 422',
    as: 'liaison',
    make: { status: 'legality_review', legality: 'unitPending' },
    path: 'legality-review/unit-opinion',
    payload: () => ({ ...opinion, reviewedOn: addWorkingDays(T, 5) }),
    status: 422,
    message: '审查日期',
  },
  {
    action: 'recordLegalityOpinion',
    name: 'unit opinion without its text (schema) → 400',
    as: 'liaison',
    make: { status: 'legality_review', legality: 'unitPending' },
    path: 'legality-review/unit-opinion',
    payload: () => ({ conclusion: 'lawful', reviewedOn: T }),
    status: 400,
  },
  {
    action: 'recordCollectiveDecision',
    name: 'collective decision with only the unit-level review passed (gate legalityPassed) → 409',
    as: 'co',
    make: { status: 'collective_discussion', legality: 'unitPassed' },
    path: 'collective-decision',
    payload: () => meeting,
    status: 409,
    message: '司法局的合法性审查意见',
  },
  {
    action: 'recordCollectiveDecision',
    name: 'collective decision with no public-participation record (gate participationStudied) → 409',
    as: 'co',
    make: { status: 'collective_discussion' },
    tweak: async (m) => {
      await t.db
        .deleteFrom('decision_stage_records')
        .where('decision_id', '=', m.id)
        .where('stage', '=', 'participation')
        .execute();
    },
    path: 'collective-decision',
    payload: () => meeting,
    status: 409,
    message: '公众参与',
  },
  {
    action: 'recordCollectiveDecision',
    name: 'collective decision with fewer than three members speaking → 422',
    as: 'co',
    make: { status: 'collective_discussion' },
    path: 'collective-decision',
    payload: () => ({ ...meeting, members: meeting.members.slice(2) }),
    status: 422,
    message: '第三十条',
  },
  {
    action: 'reportToParty',
    name: 'Party report naming an NPC matter without its note → 422',
    as: 'co',
    make: { status: 'party_report' },
    path: 'party-report',
    payload: () => ({ reportedOn: T, reference: '区委常委会会议', npcRequired: true }),
    status: 422,
    message: '第八条',
  },
  {
    action: 'publish',
    name: 'publication without execution tasks → 422',
    as: 'co',
    make: { status: 'publication' },
    path: 'publish',
    payload: (m) => ({
      publishedText: '示例区集贸市场管理办法经区政府常务会议审议通过，现予公布。',
      channels: ['区政府门户网站'],
      executionOrgId: m.leadOrgId,
      tasks: [],
    }),
    status: 422,
    message: '执行任务',
  },
  {
    action: 'publish',
    name: 'publication with no channel (schema) → 400',
    as: 'co',
    make: { status: 'publication' },
    path: 'publish',
    payload: (m) => ({
      publishedText: '示例区集贸市场管理办法经区政府常务会议审议通过，现予公布。',
      channels: [],
      executionOrgId: m.leadOrgId,
    }),
    status: 400,
    message: '公布渠道',
  },
  {
    action: 'reportProgress',
    name: 'progress report leaving out a task → 422',
    as: 'staff',
    make: { status: 'executing' },
    path: 'progress',
    payload: () => ({ period: `${YEAR}-05`, note: '细则已印发，实施启动。', tasks: [] }),
    status: 422,
    message: '组织实施',
  },
  {
    action: 'startPostEvaluation',
    name: 'post-evaluation by the pre-decision risk assessor → 422',
    as: 'co',
    make: { status: 'executing', affectsStability: true },
    path: 'post-evaluation',
    payload: () => ({
      trigger: 'public_objections',
      evaluator: '区社会稳定风险评估中心',
      reason: '群众反映意见较多，启动评估。',
    }),
    status: 422,
    message: '第三十六条',
  },
  {
    action: 'completePostEvaluation',
    name: 'post-evaluation completed without hearing the public → 422',
    as: 'co',
    make: { status: 'post_evaluation' },
    path: 'post-evaluation/complete',
    payload: () => ({
      report: '评估认为办法总体达到预期效果，建议继续执行。',
      conclusion: 'continue',
      publicHeard: false,
    }),
    status: 422,
    message: '听取社会公众',
  },
  {
    action: 'completeExecution',
    name: 'completion with a task not at 100 % → 422',
    as: 'co',
    make: { status: 'executing' },
    path: 'complete',
    payload: () => ({ completedOn: T, summary: '各项任务已全部完成。' }),
    status: 422,
    message: '未完成',
  },
  {
    action: 'archive',
    name: 'archive without an archive number (schema) → 400',
    as: 'co',
    make: { status: 'completed' },
    path: 'archive',
    payload: () => ({}),
    status: 400,
  },
  {
    action: 'suspend',
    name: 'suspension without a reason (schema) → 400',
    as: 'co',
    make: { status: 'executing' },
    path: 'suspend',
    payload: () => ({ reason: '' }),
    status: 400,
  },
  {
    action: 'resume',
    name: 'resumption without a reason (schema) → 400',
    as: 'co',
    make: { status: 'suspended' },
    path: 'resume',
    payload: () => ({}),
    status: 400,
  },
  {
    action: 'adjust',
    name: 'adjustment re-running a procedure this decision never needed → 422',
    as: 'co',
    make: { status: 'executing' },
    path: 'adjust',
    payload: () => ({ ...reason, rerun: ['expert_review'] }),
    status: 422,
    message: '专家论证',
  },
  {
    action: 'withdraw',
    name: 'withdrawal without a reason (schema) → 400',
    as: 'co',
    make: { status: 'drafting' },
    path: 'withdraw',
    payload: () => ({}),
    status: 400,
  },
  {
    action: 'initiate',
    name: 'anonymous with a malformed body is still 401 (authentication before validation)',
    as: null,
    make: { status: 'proposed' },
    path: 'initiate',
    payload: () => ({ unexpected: 1 }),
    status: 401,
  },
];

let t: TestApp;
const sessions = {} as Record<Who, Session>;

const TABLES = [
  'decision_catalogs',
  'decision_catalog_versions',
  'decisions',
  'decision_stage_records',
  'decision_legality_reviews',
  'decision_participations',
  'decision_execution_tasks',
  'decision_execution_reports',
] as const;

async function run(c: Case) {
  const m = await makeDecision(t, c.make);
  await c.tweak?.(m);
  await refusalMatrix(
    t,
    [
      {
        name: c.name,
        as: c.as ? sessions[c.as] : null,
        request: { method: 'POST', url: `/api/decisions/items/${m.id}/${c.path}`, payload: c.payload(m) },
        status: c.status,
        message: c.message,
      },
    ],
    {
      tables: TABLES,
      snapshot: async () => ({
        decision: await t.db.selectFrom('decisions').selectAll().where('id', '=', m.id).executeTakeFirst(),
        reviews: await t.db
          .selectFrom('decision_legality_reviews')
          .selectAll()
          .where('decision_id', '=', m.id)
          .orderBy('created_at')
          .execute(),
        tasks: await t.db
          .selectFrom('decision_execution_tasks')
          .selectAll()
          .where('decision_id', '=', m.id)
          .orderBy('name')
          .execute(),
      }),
    },
  );
}

describe('decisions: every procedure action refused by the rule (404 → 403 → 409 / 422, 401, 400)', () => {
  before(async () => {
    t = await createTestApp();
    // Sequential logins (see test/decisions.test.ts).
    sessions.co = await t.loginAs('coordinator');
    sessions.staff = await t.loginAs('staff');
    sessions.liaison = await t.loginAs('liaison');
    sessions.reviewer = await t.loginAs('reviewer');
    sessions.leader = await t.loginAs('leader');
    sessions.head2 = await t.loginAs('head2');
  });
  after(() => t.close());

  test('every declared action has its routes here (or is marked as having none)', () => {
    assert.deepEqual(Object.keys(ROUTES).sort(), [...wf.actionNames].sort());
    const cases = matrixCases();
    for (const a of wf.actionNames) {
      const routes = ROUTES[a];
      if (routes === 'no HTTP route') continue;
      for (const r of routes) {
        const mine = cases.filter((c) => c.path === r.path);
        for (const s of [409, 404, 403, 401] as const)
          assert.ok(
            mine.some((c) => c.status === s),
            `${a} via ${r.path} has a ${s} case`,
          );
      }
    }
  });

  for (const c of matrixCases()) test(c.name, c.todo ? { todo: c.todo } : {}, () => run(c));

  describe('content and the procedure’s own order checks', () => {
    test('every action with content has a content case', () => {
      const covered = new Set(contentCases.map((c) => c.action));
      // Actions whose only content is the schema's or the gate's, each listed with its case above.
      assert.deepEqual(
        wf.actionNames.filter((a) => !covered.has(a)),
        [],
      );
    });
    for (const c of contentCases) test(c.name, c.todo ? { todo: c.todo } : {}, () => run(c));
  });

  test('an unknown decision is 404, a malformed id 400, and neither writes anything', async () => {
    await refusalMatrix(
      t,
      [
        {
          name: 'initiate an unknown decision',
          as: sessions.co,
          request: {
            method: 'POST',
            url: '/api/decisions/items/00000000-0000-4000-8000-000000000000/initiate',
            payload: {},
          },
          status: 404,
          message: '决策事项',
        },
        {
          name: 'initiate with a malformed id',
          as: sessions.co,
          request: { method: 'POST', url: '/api/decisions/items/not-a-uuid/initiate', payload: {} },
          status: 400,
        },
      ],
      { tables: TABLES },
    );
  });
});
