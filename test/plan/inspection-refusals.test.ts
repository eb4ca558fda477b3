import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  inspectionTargetWorkflow,
  inspectionWorkflow,
  orderWorkflow,
} from '../../src/modules/plan/inspection.workflow.js';
import { type InspectionFactoryOptions, type MadeInspection, makeInspection } from '../factories/plan.js';
import { createTestApp, type Session, type TestApp } from '../helpers/app.js';
import { refusalMatrix } from '../helpers/refusals.js';

/**
 * The refusal rule over every inspection action with an HTTP route (ADR 0004): invisible 404, not a party 403,
 * out of order 409, content 422 / 400, anonymous 401 — and nothing written. Entities come from the factory in
 * the status each case needs.
 */
type Who = 'govhead' | 'coordinator' | 'liaison' | 'leader' | 'head2';

interface Case {
  name: string;
  action: string;
  as: Who | null;
  make: InspectionFactoryOptions;
  url: (m: MadeInspection) => string;
  payload: (m: MadeInspection) => object;
  status: 400 | 401 | 403 | 404 | 409 | 422;
  message?: string | RegExp;
}

const I = (m: MadeInspection) => `/api/plan/inspections/${m.id}`;
const O = (m: MadeInspection) => `/api/plan/inspection-orders/${m.orderId}`;
const RUNNING = { status: 'in_progress' } as const;

/** Every declared action → its route, or 'no HTTP route' (taken by another command). */
const ROUTES: Record<
  string,
  { url: (m: MadeInspection) => string; payload: (m: MadeInspection) => object } | 'no HTTP route'
> = {
  approve: { url: (m) => `${I(m)}/approve`, payload: () => ({ opinion: '同意按方案开展督查' }) },
  start: { url: (m) => `${I(m)}/start`, payload: () => ({}) },
  issue_order: {
    url: (m) => `${I(m)}/orders`,
    payload: (m) => ({ orgId: m.targetOrgId, content: '请报送执法公示情况说明', dueDate: '2026-03-20' }),
  },
  serve_conclusion: {
    url: (m) => `${I(m)}/conclusions`,
    payload: (m) => ({ orgId: m.targetOrgId, conclusion: '公示信息不完整，需整改', servedOn: '2026-03-02' }),
  },
  // Concluding (the inspection, and each unit) and closing follow from the conclusion served and the last
  // rectification verified.
  conclude: 'no HTTP route',
  close: 'no HTTP route',
  request_reexamination: {
    url: (m) => `${I(m)}/reexamination`,
    payload: (m) => ({ orgId: m.targetOrgId, reason: '公示信息已于送达前更新', requestedOn: '2026-03-10' }),
  },
  decide_reexamination: {
    url: (m) => `${I(m)}/reexamination/decision`,
    payload: (m) => ({ orgId: m.targetOrgId, outcome: 'upheld', decision: '维持原结论', decidedOn: '2026-03-20' }),
  },
  submit_rectification: {
    url: (m) => `${I(m)}/rectification`,
    payload: (m) => ({ orgId: m.targetOrgId, report: '已补全公示信息', on: '2026-04-01' }),
  },
  verify: {
    url: (m) => `${I(m)}/verification`,
    payload: (m) => ({ orgId: m.targetOrgId, accepted: true, note: '整改到位', on: '2026-04-10' }),
  },
  reject_rectification: {
    url: (m) => `${I(m)}/verification`,
    payload: (m) => ({ orgId: m.targetOrgId, accepted: false, note: '公示信息仍不完整', on: '2026-04-10' }),
  },
  answer: { url: (m) => `${O(m)}/answer`, payload: () => ({ answer: '已报送说明材料', on: '2026-03-15' }) },
  accept: { url: (m) => `${O(m)}/feedback`, payload: () => ({ accept: true }) },
  require_rehandling: {
    url: (m) => `${O(m)}/feedback`,
    payload: () => ({ accept: false, feedback: '请补充公示信息的更新时间' }),
  },
  request_return: 'no HTTP route',
  approve_return: 'no HTTP route',
  refuse_return: 'no HTTP route',
};

const route = (a: string) => {
  const r = ROUTES[a];
  if (r === 'no HTTP route' || !r) throw new Error(`${a} has no route`);
  return r;
};
const c = (
  action: string,
  name: string,
  as: Who | null,
  make: InspectionFactoryOptions,
  status: Case['status'],
  over: Partial<Pick<Case, 'payload' | 'message'>> = {},
): Case => ({
  action,
  name,
  as,
  make,
  url: route(action).url,
  payload: over.payload ?? route(action).payload,
  status,
  message: over.message,
});

const CASES: Case[] = [
  c('approve', 'approving an approved plan (out of order)', 'govhead', { status: 'approved' }, 409),
  c(
    'approve',
    'approval by the 依法治区办 (not the government head, Art 11)',
    'coordinator',
    { status: 'planned' },
    403,
  ),
  c(
    'approve',
    'an inspected unit cannot see a plan not yet started (unannounced, Art 12)',
    'liaison',
    { status: 'planned' },
    404,
  ),
  c('approve', 'anonymous', null, { status: 'planned' }, 401),
  c('approve', 'approval without an opinion (schema)', 'govhead', { status: 'planned' }, 400, { payload: () => ({}) }),
  c('start', 'starting before approval (Art 11)', 'coordinator', { status: 'planned' }, 409),
  c('start', 'a leader (read-only) starting it', 'leader', { status: 'approved' }, 403),
  c('start', 'an inspected unit before the start', 'liaison', { status: 'approved' }, 404),
  c('start', 'anonymous', null, { status: 'approved' }, 401),
  c('issue_order', 'an order before the inspection has started', 'coordinator', { status: 'approved' }, 409),
  c('issue_order', 'an inspected unit issuing an order', 'liaison', RUNNING, 403),
  c('issue_order', 'a unit not inspected', 'head2', RUNNING, 404),
  c('issue_order', 'anonymous', null, RUNNING, 401),
  c('issue_order', 'an order due before the inspection starts', 'coordinator', RUNNING, 422, {
    payload: (m) => ({ orgId: m.targetOrgId, content: '请报送执法公示情况说明', dueDate: '2025-12-01' }),
  }),
  c(
    'serve_conclusion',
    'a second conclusion for a unit already concluded',
    'coordinator',
    { ...RUNNING, target: 'concluded' },
    409,
  ),
  c('serve_conclusion', 'the unit serving its own conclusion', 'liaison', RUNNING, 403),
  c('serve_conclusion', 'a unit not inspected', 'head2', RUNNING, 404),
  c('serve_conclusion', 'anonymous', null, RUNNING, 401),
  c('serve_conclusion', 'a conclusion served in the future', 'coordinator', RUNNING, 422, {
    payload: (m) => ({ orgId: m.targetOrgId, conclusion: '公示信息不完整，需整改', servedOn: '2099-01-01' }),
  }),
  c('request_reexamination', 're-examination before any conclusion (Art 17)', 'liaison', RUNNING, 409),
  c(
    'request_reexamination',
    'the 依法治区办 asking on the unit’s behalf',
    'coordinator',
    { ...RUNNING, target: 'concluded' },
    403,
  ),
  c('request_reexamination', 'another unit', 'head2', { ...RUNNING, target: 'concluded' }, 404),
  c('request_reexamination', 'anonymous', null, { ...RUNNING, target: 'concluded' }, 401),
  c(
    'request_reexamination',
    'a request dated before the conclusion was served',
    'liaison',
    { ...RUNNING, target: 'concluded' },
    422,
    {
      payload: (m) => ({ orgId: m.targetOrgId, reason: '公示信息已于送达前更新', requestedOn: '2026-02-01' }),
    },
  ),
  c('decide_reexamination', 'a decision without a request', 'coordinator', { ...RUNNING, target: 'concluded' }, 409),
  c(
    'decide_reexamination',
    'the unit deciding its own request',
    'liaison',
    { ...RUNNING, target: 'reexamination_requested' },
    403,
  ),
  c('decide_reexamination', 'another unit', 'head2', { ...RUNNING, target: 'reexamination_requested' }, 404),
  c('decide_reexamination', 'anonymous', null, { ...RUNNING, target: 'reexamination_requested' }, 401),
  c(
    'decide_reexamination',
    'an unknown outcome (schema)',
    'coordinator',
    { ...RUNNING, target: 'reexamination_requested' },
    400,
    {
      payload: (m) => ({ orgId: m.targetOrgId, outcome: 'maybe', decision: '维持原结论', decidedOn: '2026-03-20' }),
    },
  ),
  c('submit_rectification', 'rectification before a conclusion', 'liaison', RUNNING, 409),
  c(
    'submit_rectification',
    'the 依法治区办 reporting the unit’s rectification',
    'coordinator',
    { ...RUNNING, target: 'concluded' },
    403,
  ),
  c('submit_rectification', 'another unit', 'head2', { ...RUNNING, target: 'concluded' }, 404),
  c('submit_rectification', 'anonymous', null, { ...RUNNING, target: 'concluded' }, 401),
  c(
    'submit_rectification',
    'rectified before the conclusion was served',
    'liaison',
    { ...RUNNING, target: 'concluded' },
    422,
    {
      payload: (m) => ({ orgId: m.targetOrgId, report: '已补全公示信息', on: '2026-02-01' }),
    },
  ),
  c('verify', 'verifying before the unit reported', 'coordinator', { ...RUNNING, target: 'concluded' }, 409),
  c('verify', 'the unit verifying itself', 'liaison', { ...RUNNING, target: 'rectified' }, 403),
  c('verify', 'another unit', 'head2', { ...RUNNING, target: 'rectified' }, 404),
  c('verify', 'anonymous', null, { ...RUNNING, target: 'rectified' }, 401),
  c('verify', 'verification without a note (schema)', 'coordinator', { ...RUNNING, target: 'rectified' }, 400, {
    payload: (m) => ({ orgId: m.targetOrgId, accepted: true, on: '2026-04-10' }),
  }),
  c(
    'reject_rectification',
    'sending back a rectification not yet reported',
    'coordinator',
    { ...RUNNING, target: 'concluded' },
    409,
  ),
  c(
    'reject_rectification',
    'the unit rejecting its own rectification',
    'liaison',
    { ...RUNNING, target: 'rectified' },
    403,
  ),
  c('reject_rectification', 'another unit', 'head2', { ...RUNNING, target: 'rectified' }, 404),
  c('reject_rectification', 'anonymous', null, { ...RUNNING, target: 'rectified' }, 401),
  c('answer', 'answering an order already closed', 'liaison', { ...RUNNING, order: 'closed' }, 409),
  c('answer', 'the 依法治区办 answering for the unit', 'coordinator', { ...RUNNING, order: 'issued' }, 403),
  c('answer', 'another unit', 'head2', { ...RUNNING, order: 'issued' }, 404),
  c('answer', 'anonymous', null, { ...RUNNING, order: 'issued' }, 401),
  c('answer', 'an answer dated in the future', 'liaison', { ...RUNNING, order: 'issued' }, 422, {
    payload: () => ({ answer: '已报送说明材料', on: '2099-01-01' }),
  }),
  c('accept', 'accepting a reply not yet given', 'coordinator', { ...RUNNING, order: 'issued' }, 409),
  c('accept', 'the unit accepting its own reply', 'liaison', { ...RUNNING, order: 'answered' }, 403),
  c('accept', 'another unit', 'head2', { ...RUNNING, order: 'answered' }, 404),
  c('accept', 'anonymous', null, { ...RUNNING, order: 'answered' }, 401),
  c('require_rehandling', 'sending back a closed order', 'coordinator', { ...RUNNING, order: 'closed' }, 409),
  c('require_rehandling', 'the unit sending back its own reply', 'liaison', { ...RUNNING, order: 'answered' }, 403),
  c('require_rehandling', 'another unit', 'head2', { ...RUNNING, order: 'answered' }, 404),
  c('require_rehandling', 'anonymous', null, { ...RUNNING, order: 'answered' }, 401),
  c(
    'require_rehandling',
    'sending back without reasons (第十八条)',
    'coordinator',
    { ...RUNNING, order: 'answered' },
    422,
    {
      payload: () => ({ accept: false }),
    },
  ),
];

describe('plan: every inspection action refused by the rule (404 → 403 → 409 / 422, 401, 400)', () => {
  let t: TestApp;
  const sessions = {} as Record<Who, Session>;
  before(async () => {
    t = await createTestApp();
    for (const u of ['govhead', 'coordinator', 'liaison', 'leader', 'head2'] as const) sessions[u] = await t.loginAs(u);
  });
  after(() => t.close());

  test('every declared action has its route here (or is marked as having none) and its 409, 403, 404 and 401 cases', () => {
    const actions = [
      ...inspectionWorkflow.actionNames,
      ...inspectionTargetWorkflow.actionNames,
      ...orderWorkflow.actionNames,
    ];
    assert.deepEqual(Object.keys(ROUTES).sort(), [...new Set(actions)].sort());
    for (const [a, r] of Object.entries(ROUTES)) {
      if (r === 'no HTTP route') continue;
      for (const s of [409, 403, 404, 401])
        assert.ok(
          CASES.some((x) => x.action === a && x.status === s),
          `${a}: a ${s} case`,
        );
    }
  });

  for (const k of CASES)
    test(`${k.action}: ${k.name} → ${k.status}`, async () => {
      const m = await makeInspection(t, k.make);
      await refusalMatrix(
        t,
        [
          {
            name: k.name,
            as: k.as ? sessions[k.as] : null,
            request: { method: 'POST', url: k.url(m), payload: k.payload(m) },
            status: k.status,
            message: k.message,
          },
        ],
        {
          tables: ['inspections', 'inspection_targets', 'inspection_orders'],
          snapshot: async () => ({
            i: await t.db.selectFrom('inspections').selectAll().where('id', '=', m.id).executeTakeFirst(),
            targets: await t.db
              .selectFrom('inspection_targets')
              .selectAll()
              .where('inspection_id', '=', m.id)
              .execute(),
            orders: await t.db.selectFrom('inspection_orders').selectAll().where('inspection_id', '=', m.id).execute(),
          }),
        },
      );
    });
});
