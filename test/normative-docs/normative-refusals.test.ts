import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type DocAction, normativeWorkflow as wf } from '../../src/modules/normative-docs/normative.workflow.js';
import { addCalendarDays } from '../../src/platform/calendar/index.js';
import { createTestApp, type Session, type TestApp, TEST_TODAY } from '../helpers/app.js';
import { type RefusalCase, refusalMatrix, wrongStates } from '../helpers/refusals.js';
import {
  type MadeNormativeDoc,
  makeNormativeDoc,
  type NormativeDocFactoryOptions,
} from '../factories/normative-docs.js';

/**
 * The refusal rule (ADR 0004) for every step of making a normative document, over HTTP: out of order → 409
 * (the table and the order gates), another unit's user → 404, a user who sees the document but is not the
 * step's party → 403, anonymous → 401, missing or invalid content → 422 (400 where the schema rejects the
 * shape). Every case starts from a document the factory puts directly in the status it needs.
 *
 * Demo actors: the drafting unit and issuing body is SCJ, whose `liaison` takes its formal steps; SCJ's
 * `staff` drafts but takes no formal step; `reviewer` is the legality-review body; `leader` sees every unit;
 * `head2` (江川街道) sees none of SCJ's documents.
 */

type Who = 'liaison' | 'staff' | 'reviewer' | 'leader' | 'head2';
type Payload = (m: MadeNormativeDoc) => object | undefined;

interface RouteSpec {
  path: string;
  /** A body the schema accepts (undefined: the route takes none). */
  payload: Payload;
  as: Who;
  notParty: readonly Who[];
  ready?: Partial<NormativeDocFactoryOptions>;
}

const T = TEST_TODAY;
const MANAGE = { as: 'liaison', notParty: ['staff', 'leader'] } as const;
const REVIEW = { as: 'reviewer', notParty: ['liaison', 'leader'] } as const;
const opinion = (outcome: string) => ({
  outcome,
  opinion: '经审核，文件内容符合上位法规定。',
  earlyReason: '情况紧急，需尽快出台以保障节日市场供应',
});

/** Every declared action → its HTTP route(s), or 'no HTTP route'. */
const ROUTES: Record<DocAction, RouteSpec[] | 'no HTTP route'> = {
  start_comment: [
    {
      path: 'comment/start',
      payload: () => ({ start: T, end: addCalendarDays(T, 30) }),
      ...MANAGE,
      ready: { commentRequired: true },
    },
  ],
  finish_comment: [{ path: 'comment/finish', payload: () => ({ offlineCount: 0 }), ...MANAGE }],
  submit_fair_review: [
    { path: 'fair-review/submit', payload: () => undefined, ...MANAGE, ready: { affectsMarket: true } },
  ],
  pass_fair_review: [
    {
      path: 'fair-review/record',
      payload: () => ({ passed: true, conclusion: '不含排除、限制竞争的内容。' }),
      ...MANAGE,
    },
  ],
  fail_fair_review: [
    { path: 'fair-review/record', payload: () => ({ passed: false, conclusion: '含有限定经营的内容。' }), ...MANAGE },
  ],
  submit_legality_review: [{ path: 'legality-review/submit', payload: () => undefined, ...MANAGE }],
  pass_legality_review: [{ path: 'legality-review/record', payload: () => opinion('lawful'), ...REVIEW }],
  fail_legality_review: [{ path: 'legality-review/record', payload: () => opinion('unlawful'), ...REVIEW }],
  adopt: [{ path: 'deliberation', payload: () => ({ adopted: true, meeting: '局长办公会议', heldOn: T }), ...MANAGE }],
  reject: [
    { path: 'deliberation', payload: () => ({ adopted: false, meeting: '局长办公会议', heldOn: T }), ...MANAGE },
  ],
  register: [{ path: 'register', payload: () => undefined, ...MANAGE }],
  publish: [
    {
      path: 'publish',
      payload: () => ({ interpretation: '本文件的政策解读：明确集贸市场经营时段、食品安全责任和退出机制。' }),
      ...MANAGE,
    },
  ],
  // Lapse is the validity sweep's (runNormativeSweep) or a clean-up decision's, never a request of its own.
  lapse: 'no HTTP route',
  repeal: [{ path: 'repeal', payload: () => ({ reason: '上位法已修改，予以废止' }), ...MANAGE }],
  correct: [
    {
      path: 'correction',
      payload: () => ({
        body: '第一条 更正后的正文内容。\n第二条 本规定自公布之日起施行。',
        reason: '公布文本第一条存在文字错误，予以更正',
      }),
      ...MANAGE,
    },
  ],
};

interface Case {
  name: string;
  as: Who | null;
  make: NormativeDocFactoryOptions;
  tweak?: (m: MadeNormativeDoc) => Promise<void>;
  undo?: (m: MadeNormativeDoc) => Promise<void>;
  path: string;
  payload: Payload;
  status: RefusalCase['status'];
  message?: string | RegExp;
  todo?: string;
}

function matrixCases(): Case[] {
  const out: Case[] = [];
  for (const a of wf.actionNames) {
    const routes = ROUTES[a];
    if (routes === 'no HTTP route') continue;
    const label = wf.actions[a].label;
    for (const r of routes) {
      const ready: NormativeDocFactoryOptions = { status: wf.actions[a].from[0], ...r.ready };
      const base = { path: r.path, payload: r.payload };
      for (const s of wrongStates(wf, a))
        out.push({
          ...base,
          name: `${a} via ${r.path}: from '${s}' (out of order) → 409`,
          as: r.as,
          make: { ...r.ready, status: s },
          status: 409,
          message: label,
        });
      out.push({
        ...base,
        name: `${a} via ${r.path}: by another unit's user (head2) → 404`,
        as: 'head2',
        make: ready,
        status: 404,
        message: '规范性文件',
      });
      for (const who of r.notParty) {
        out.push({
          ...base,
          name: `${a} via ${r.path}: by ${who}, who sees it but is not a party → 403`,
          as: who,
          make: ready,
          status: 403,
          message: /权限|合法性审查机构/,
        });
        // Not a party and out of order as well: the party is checked first (403, not 409).
        for (const s of wrongStates(wf, a).slice(0, 1))
          out.push({
            ...base,
            name: `${a} via ${r.path}: by ${who} (not a party) from '${s}' (also out of order) → 403`,
            as: who,
            make: { ...r.ready, status: s },
            status: 403,
            message: /权限|合法性审查机构/,
          });
      }
      out.push({ ...base, name: `${a} via ${r.path}: anonymous → 401`, as: null, make: ready, status: 401 });
    }
  }
  return out;
}

const deliberate = (heldOn: string) => () => ({ adopted: true, meeting: '局长办公会议', heldOn });
const WAIVER = '本文件不直接涉及公民、法人和其他组织的权利义务，经集体审议决定不公开征求意见。';
const publishBody =
  (extra: object = {}) =>
  () => ({
    interpretation: '本文件的政策解读：明确集贸市场经营时段、食品安全责任和退出机制。',
    commentWaiverReason: WAIVER,
    ...extra,
  });

/** The order gates (409) and the content checks (422 / 400), per action. */
const gateAndContentCases: (Case & { action: DocAction })[] = [
  {
    action: 'start_comment',
    name: 'public comment on a document that needs none (gate commentRequired) → 409',
    as: 'liaison',
    make: { status: 'draft', commentRequired: false },
    path: 'comment/start',
    payload: () => ({ start: T, end: addCalendarDays(T, 30) }),
    status: 409,
    message: '未要求公开征求意见',
  },
  {
    action: 'start_comment',
    name: 'public comment a second time (gate commentNotYetDone) → 409',
    as: 'liaison',
    make: { status: 'draft', commentRequired: true, columns: { comment_done: true } },
    path: 'comment/start',
    payload: () => ({ start: T, end: addCalendarDays(T, 30) }),
    status: 409,
    message: '已完成公开征求意见',
  },
  {
    action: 'start_comment',
    name: 'comment period ending before it starts → 422',
    as: 'liaison',
    make: { status: 'draft', commentRequired: true },
    path: 'comment/start',
    payload: () => ({ start: T, end: addCalendarDays(T, -1) }),
    status: 422,
    message: '截止日期应晚于开始日期',
  },
  {
    action: 'start_comment',
    name: 'comment period shorter than the minimum without a reason → 422',
    as: 'liaison',
    make: { status: 'draft', commentRequired: true, businessRelated: true },
    path: 'comment/start',
    payload: () => ({ start: T, end: addCalendarDays(T, 3) }),
    status: 422,
    message: '征求意见期不足',
  },
  {
    action: 'start_comment',
    name: 'comment period with a malformed date (schema) → 400',
    as: 'liaison',
    make: { status: 'draft', commentRequired: true },
    path: 'comment/start',
    payload: () => ({ start: '2026/01/01', end: addCalendarDays(T, 30) }),
    status: 400,
  },
  {
    action: 'finish_comment',
    name: 'finishing the comment period before it has run (order) → 409',
    as: 'liaison',
    make: { status: 'commenting', columns: { comment_end: addCalendarDays(T, 5) } },
    path: 'comment/finish',
    payload: () => ({ offlineCount: 0 }),
    status: 409,
    message: '届满后方可结束',
  },
  {
    action: 'finish_comment',
    name: 'finishing the comment period with a comment not yet disposed of → 422',
    as: 'liaison',
    make: { status: 'commenting' },
    tweak: async (m) => {
      await t.db
        .insertInto('normative_comments')
        .values({
          doc_id: m.id,
          receipt_no: `GF-REFUSAL-${m.id.slice(0, 8)}`,
          submitter_kind: 'anonymous',
          submitter_name: null,
          contact: null,
          body: '建议延长过渡期。',
          client_key: 'refusal-test',
          disposition: null,
          disposition_reason: null,
          disposed_by: null,
          disposed_at: null,
        })
        .execute();
    },
    path: 'comment/finish',
    payload: () => ({ offlineCount: 0 }),
    status: 422,
    message: '未作出采纳处理',
  },
  {
    action: 'finish_comment',
    name: 'comments received by letter counted but not accounted for → 422',
    as: 'liaison',
    make: { status: 'commenting' },
    path: 'comment/finish',
    payload: () => ({ offlineCount: 2 }),
    status: 422,
    message: '其他渠道',
  },
  {
    action: 'finish_comment',
    name: 'a negative count of comments received by letter (schema) → 400',
    as: 'liaison',
    make: { status: 'commenting' },
    path: 'comment/finish',
    payload: () => ({ offlineCount: -1 }),
    status: 400,
  },
  {
    action: 'submit_fair_review',
    name: 'fair-competition review of a document outside the market (gate affectsMarket) → 409',
    as: 'liaison',
    make: { status: 'draft', affectsMarket: false },
    path: 'fair-review/submit',
    payload: () => undefined,
    status: 409,
    message: '无需公平竞争审查',
  },
  {
    action: 'submit_fair_review',
    name: 'fair-competition review before the required comment period (gate commentBeforeFairReview) → 409',
    as: 'liaison',
    make: { status: 'draft', affectsMarket: true, commentRequired: true },
    path: 'fair-review/submit',
    payload: () => undefined,
    status: 409,
    message: '须先完成公开征求意见',
  },
  {
    action: 'submit_fair_review',
    name: 'fair-competition review a second time (gate fairReviewNotYetDone) → 409',
    as: 'liaison',
    make: { status: 'draft', affectsMarket: true, columns: { fair_review_done: true } },
    path: 'fair-review/submit',
    payload: () => undefined,
    status: 409,
    message: '已通过公平竞争审查',
  },
  {
    action: 'pass_fair_review',
    name: 'fair-review conclusion without its text (schema) → 400',
    as: 'liaison',
    make: { status: 'fair_review' },
    path: 'fair-review/record',
    payload: () => ({ passed: true }),
    status: 400,
  },
  {
    action: 'fail_fair_review',
    name: 'fair-review conclusion without the result (schema) → 400',
    as: 'liaison',
    make: { status: 'fair_review' },
    path: 'fair-review/record',
    payload: () => ({ conclusion: '含有限定经营的内容。' }),
    status: 400,
  },
  {
    action: 'submit_legality_review',
    name: 'legality review of a draft without legal bases (gate legalBasesBeforeLegalityReview) → 422',
    as: 'liaison',
    make: { status: 'draft', bases: false },
    path: 'legality-review/submit',
    payload: () => undefined,
    status: 422,
    message: '未载明制定依据',
  },
  {
    action: 'submit_legality_review',
    name: 'legality review before the required comment period (gate commentBeforeLegalityReview) → 409',
    as: 'liaison',
    make: { status: 'draft', commentRequired: true },
    path: 'legality-review/submit',
    payload: () => undefined,
    status: 409,
    message: '须先完成公开征求意见',
  },
  {
    action: 'submit_legality_review',
    name: 'legality review before the fair-competition review (gate fairReviewBeforeLegalityReview) → 409',
    as: 'liaison',
    make: { status: 'draft', affectsMarket: true },
    path: 'legality-review/submit',
    payload: () => undefined,
    status: 409,
    message: '公平竞争审查',
  },
  {
    action: 'pass_legality_review',
    name: 'legality opinion before the minimum review time without a reason → 422',
    as: 'reviewer',
    make: { status: 'legality_review' },
    path: 'legality-review/record',
    payload: () => ({ outcome: 'lawful', opinion: '经审核，文件内容符合上位法规定。' }),
    status: 422,
    message: '合法性审核时间不足',
  },
  {
    action: 'pass_legality_review',
    name: 'legality opinion without its text (schema) → 400',
    as: 'reviewer',
    make: { status: 'legality_review' },
    path: 'legality-review/record',
    payload: () => ({ outcome: 'lawful' }),
    status: 400,
  },
  {
    action: 'fail_legality_review',
    name: 'legality opinion with an unknown conclusion (schema) → 400',
    as: 'reviewer',
    make: { status: 'legality_review' },
    path: 'legality-review/record',
    payload: () => ({ outcome: 'maybe', opinion: '经审核，文件内容符合上位法规定。' }),
    status: 400,
  },
  {
    action: 'adopt',
    name: 'adoption without a passed legality review (gate legalityPassed) → 409',
    as: 'liaison',
    make: { status: 'deliberation', columns: { legality_outcome: null } },
    path: 'deliberation',
    payload: deliberate(T),
    status: 409,
    message: '未经合法性审核',
  },
  {
    action: 'adopt',
    name: 'deliberation dated in the future → 422',
    as: 'liaison',
    make: { status: 'deliberation' },
    path: 'deliberation',
    payload: deliberate(addCalendarDays(T, 3)),
    status: 422,
    message: '会议日期不能晚于今天',
  },
  {
    action: 'reject',
    name: 'deliberation dated before the legality opinion → 422',
    as: 'liaison',
    make: { status: 'deliberation' },
    path: 'deliberation',
    payload: () => ({ adopted: false, meeting: '局长办公会议', heldOn: addCalendarDays(T, -3) }),
    status: 422,
    message: '合法性审核',
  },
  {
    action: 'reject',
    name: 'deliberation without a meeting name (schema) → 400',
    as: 'liaison',
    make: { status: 'deliberation' },
    path: 'deliberation',
    payload: () => ({ adopted: false, heldOn: T }),
    status: 400,
  },
  {
    action: 'register',
    name: 'registration without a passed legality review (gate legalityBeforeRegistration) → 409',
    as: 'liaison',
    make: { status: 'approved', columns: { legality_outcome: null } },
    path: 'register',
    payload: () => undefined,
    status: 409,
    message: '未经合法性审核',
  },
  {
    action: 'register',
    name: 'registration without the collective deliberation (gate deliberationBeforeRegistration) → 409',
    as: 'liaison',
    make: { status: 'approved', columns: { deliberation_on: null } },
    path: 'register',
    payload: () => undefined,
    status: 409,
    message: '未经集体审议决定',
  },
  {
    action: 'register',
    name: 'registration by a unit no longer on the issuing-body list → 422',
    as: 'liaison',
    make: { status: 'approved' },
    tweak: (m) => setListed(m.orgId, false),
    undo: (m) => setListed(m.orgId, true),
    path: 'register',
    payload: () => undefined,
    status: 422,
    message: '制定主体清单',
  },
  {
    action: 'publish',
    name: 'publication without a registration number (gate registeredBeforePublication) → 409',
    as: 'liaison',
    make: { status: 'registered', columns: { registration_no: null } },
    path: 'publish',
    payload: publishBody(),
    status: 409,
    message: '未经统一登记编号',
  },
  {
    action: 'publish',
    name: 'publication without its interpretation (schema; the interpretationPublished gate is unreachable) → 400',
    as: 'liaison',
    make: { status: 'registered' },
    path: 'publish',
    payload: () => ({ interpretation: '' }),
    status: 400,
    message: '政策解读',
  },
  {
    action: 'publish',
    name: 'publication without legal bases (gate legalBasesBeforePublication) → 422',
    as: 'liaison',
    make: { status: 'registered', bases: false },
    path: 'publish',
    payload: publishBody(),
    status: 422,
    message: '未载明制定依据',
  },
  {
    action: 'publish',
    name: 'publication with no comment period and no reason for holding none (gate commentHeldOrWaived) → 422',
    as: 'liaison',
    make: { status: 'registered' },
    path: 'publish',
    payload: publishBody({ commentWaiverReason: undefined }),
    status: 422,
    message: '未公开征求意见的理由',
  },
  {
    action: 'publish',
    name: 'in force sooner than the adaptation period without a reason → 422',
    as: 'liaison',
    make: { status: 'registered' },
    path: 'publish',
    payload: publishBody({ publishedOn: T, effectiveOn: addCalendarDays(T, 5) }),
    status: 422,
    message: '提前施行的理由',
  },
  {
    action: 'publish',
    name: 'publication dated in the future → 422',
    as: 'liaison',
    make: { status: 'registered' },
    path: 'publish',
    payload: publishBody({ publishedOn: addCalendarDays(T, 2) }),
    status: 422,
    message: '公布日期不能晚于今天',
  },
  {
    action: 'publish',
    name: 'in force before it is published → 422',
    as: 'liaison',
    make: { status: 'registered' },
    path: 'publish',
    payload: publishBody({ publishedOn: T, effectiveOn: addCalendarDays(T, -1) }),
    status: 422,
    message: '施行日期不能早于公布日期',
  },
  {
    action: 'publish',
    name: 'validity beyond five years → 422',
    as: 'liaison',
    make: { status: 'registered' },
    path: 'publish',
    payload: publishBody({ validUntil: addCalendarDays(T, 366 * 6) }),
    status: 422,
    message: '有效期不得超过',
  },
  {
    action: 'correct',
    name: 'a correction that changes nothing → 422',
    as: 'liaison',
    make: { status: 'in_force' },
    path: 'correction',
    payload: () => ({ reason: '公布文本第一条存在文字错误，予以更正' }),
    status: 422,
    message: '无需更正',
  },
  {
    action: 'correct',
    name: 'a correction without its reason (schema) → 400',
    as: 'liaison',
    make: { status: 'in_force' },
    path: 'correction',
    payload: () => ({ body: '第一条 更正后的正文内容。' }),
    status: 400,
  },
  {
    action: 'repeal',
    name: 'repeal without a reason (schema) → 400',
    as: 'liaison',
    make: { status: 'in_force' },
    path: 'repeal',
    payload: () => ({}),
    status: 400,
  },
];

let t: TestApp;
const sessions = {} as Record<Who, Session>;

async function setListed(orgId: string, active: boolean) {
  await t.db.updateTable('normative_issuing_bodies').set({ active }).where('org_id', '=', orgId).execute();
}

const TABLES = [
  'normative_docs',
  'normative_doc_versions',
  'normative_doc_bases',
  'normative_number_counters',
  'normative_filings',
  'normative_review_tasks',
  'normative_comments',
  'search_entries',
] as const;

async function run(c: Case) {
  const m = await makeNormativeDoc(t, c.make);
  await c.tweak?.(m);
  try {
    const body = c.payload(m);
    await refusalMatrix(
      t,
      [
        {
          name: c.name,
          as: c.as ? sessions[c.as] : null,
          request: { method: 'POST', url: `/api/normative-docs/${m.id}/${c.path}`, ...(body ? { payload: body } : {}) },
          status: c.status,
          message: c.message,
        },
      ],
      {
        tables: TABLES,
        snapshot: async () => ({
          doc: await t.db.selectFrom('normative_docs').selectAll().where('id', '=', m.id).executeTakeFirst(),
          counters: await t.db
            .selectFrom('normative_number_counters')
            .selectAll()
            .orderBy('org_id')
            .orderBy('year')
            .execute(),
          filing: await t.db.selectFrom('normative_filings').selectAll().where('doc_id', '=', m.id).executeTakeFirst(),
        }),
      },
    );
  } finally {
    await c.undo?.(m);
  }
}

describe('normative documents: every step refused by the rule (404 → 403 → 409 / 422, 401, 400)', () => {
  before(async () => {
    t = await createTestApp();
    sessions.liaison = await t.loginAs('liaison');
    sessions.staff = await t.loginAs('staff');
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
      for (const r of routes)
        for (const s of [409, 404, 403, 401] as const)
          assert.ok(
            cases.some((c) => c.path === r.path && c.name.startsWith(`${a} `) && c.status === s),
            `${a} via ${r.path} has a ${s} case`,
          );
    }
  });

  test('every gate of the declaration and every action with a body has a case', () => {
    const names = gateAndContentCases.map((c) => c.name).join('\n');
    for (const a of wf.actionNames)
      for (const g of wf.actions[a].gates ?? [])
        if (g.name !== 'interpretationPublished')
          assert.ok(names.includes(`gate ${g.name})`), `gate ${g.name} of ${a}`);
    for (const a of wf.actionNames) {
      const routes = ROUTES[a];
      if (routes === 'no HTTP route' || routes.every((r) => r.payload({} as MadeNormativeDoc) === undefined)) continue;
      assert.ok(
        gateAndContentCases.some((c) => c.action === a && (c.status === 422 || c.status === 400)),
        `${a}: a content case`,
      );
    }
  });

  for (const c of matrixCases()) test(c.name, c.todo ? { todo: c.todo } : {}, () => run(c));
  for (const c of gateAndContentCases) test(c.name, c.todo ? { todo: c.todo } : {}, () => run(c));

  test('an unknown document is 404, a malformed id 400', async () => {
    await refusalMatrix(
      t,
      [
        {
          name: 'register an unknown document',
          as: sessions.liaison,
          request: { method: 'POST', url: '/api/normative-docs/00000000-0000-4000-8000-000000000000/register' },
          status: 404,
          message: '规范性文件',
        },
        {
          name: 'register with a malformed id',
          as: sessions.liaison,
          request: { method: 'POST', url: '/api/normative-docs/not-a-uuid/register' },
          status: 400,
        },
      ],
      { tables: TABLES },
    );
  });
});
