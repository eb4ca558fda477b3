import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ReportStatus } from '../../src/modules/reports/reports.tables.js';
import { type ReportAction, reportWorkflow as wf } from '../../src/modules/reports/reports.workflow.js';
import { createTestApp, type Session, type TestApp, TEST_TODAY } from '../helpers/app.js';
import { type RefusalCase, refusalMatrix, wrongStates } from '../helpers/refusals.js';
import { type MadeReport, makeReport, type ReportFactoryOptions } from '../factories/reports.js';

/**
 * The refusal rule (ADR 0004) for every step of an annual report, over HTTP: out of order → 409, another unit's
 * user → 404, a user who sees the report but is not the step's party → 403 (also when the step is out of order
 * as well: the role is checked first), anonymous → 401, missing content → 422 (400 where the schema rejects the
 * shape). Every case starts from a report the factory puts directly in the status it needs (SCJ, last year),
 * and removes it afterwards (one report per unit and year).
 *
 * Demo actors: SCJ's `liaison` and `staff` draft and submit, its `head` approves; `coordinator` (依法治区办)
 * drafts and submits for a unit, returns and publishes; `leader` and `reviewer` see every unit but take no step
 * of a report; `head2` (江川街道) sees none of SCJ's.
 */

type Who = 'liaison' | 'staff' | 'head' | 'co' | 'leader' | 'reviewer' | 'head2';

interface RouteSpec {
  method: 'POST' | 'PATCH';
  /** Path after /api/reports/:id ('' for the report itself). */
  path: string;
  payload?: (m: MadeReport) => object;
  as: Who;
  notParty: readonly Who[];
}

const UNIT = { as: 'liaison', notParty: ['leader', 'reviewer'] } as const;

/** Every declared action → its HTTP route(s), or 'no HTTP route'. */
const ROUTES: Record<ReportAction, RouteSpec[] | 'no HTTP route'> = {
  edit: [
    {
      method: 'PATCH',
      path: '',
      payload: () => ({ version: 1, sections: { other: '无其他需要报告的情况。' } }),
      ...UNIT,
    },
    { method: 'POST', path: '/refresh', ...UNIT },
  ],
  request_approval: [{ method: 'POST', path: '/request-approval', ...UNIT }],
  approve: [{ method: 'POST', path: '/approve', as: 'head', notParty: ['liaison', 'staff', 'co'] }],
  return: [
    {
      method: 'POST',
      path: '/return',
      payload: () => ({ reason: '请补充执法数据' }),
      as: 'head',
      notParty: ['liaison', 'staff'],
    },
  ],
  // The 依法治区办 sends a report back through the same route as the head's return.
  send_back: [
    {
      method: 'POST',
      path: '/return',
      payload: () => ({ reason: '请补充执法数据' }),
      as: 'co',
      notParty: ['liaison', 'staff'],
    },
  ],
  submit: [{ method: 'POST', path: '/submit', ...UNIT }],
  publish: [{ method: 'POST', path: '/publish', as: 'co', notParty: ['liaison', 'staff'] }],
};

const _STATUSES = wf.statuses as readonly ReportStatus[];

interface Case {
  name: string;
  as: Who | null;
  make: ReportFactoryOptions;
  method: 'POST' | 'PATCH';
  path: string;
  payload?: (m: MadeReport) => object;
  status: RefusalCase['status'];
  message?: string | RegExp;
  todo?: string;
}

const routeName = (r: RouteSpec) => `${r.method} ${r.path || '/'}`;

function matrixCases(): (Case & { action: ReportAction })[] {
  const out: (Case & { action: ReportAction })[] = [];
  for (const a of wf.actionNames) {
    const routes = ROUTES[a];
    if (routes === 'no HTTP route') continue;
    for (const r of routes) {
      const base = { action: a, method: r.method, path: r.path, payload: r.payload };
      const ready: ReportFactoryOptions = { status: wf.actions[a].from[0] };
      const n = `${a} via ${routeName(r)}`;
      const wrong = wrongStates(wf, a);
      for (const s of wrong)
        out.push({
          ...base,
          name: `${n}: from '${s}' (out of order) → 409`,
          as: r.as,
          make: { status: s },
          status: 409,
          message: '报告当前状态为',
        });
      out.push({
        ...base,
        name: `${n}: by another unit's user (head2) → 404`,
        as: 'head2',
        make: ready,
        status: 404,
        message: '年度报告',
      });
      for (const who of r.notParty) {
        out.push({
          ...base,
          name: `${n}: by ${who}, who sees it but is not a party → 403`,
          as: who,
          make: ready,
          status: 403,
          message: /不能|权限/,
        });
        // Not a party and out of order: the role is checked before the status (403, not 409).
        for (const s of wrong.slice(0, 1))
          out.push({
            ...base,
            name: `${n}: by ${who} (not a party) from '${s}' (also out of order) → 403`,
            as: who,
            make: { status: s },
            status: 403,
            message: /不能|权限/,
          });
      }
      out.push({ ...base, name: `${n}: anonymous → 401`, as: null, make: ready, status: 401 });
    }
  }
  return out;
}

const YEAR = Number(TEST_TODAY.slice(0, 4));
const contentCases: (Case & { action: ReportAction })[] = [
  {
    action: 'request_approval',
    name: 'asking for approval with a required section empty → 422',
    as: 'liaison',
    make: { status: 'draft', sections: { headDuty: '' } },
    method: 'POST',
    path: '/request-approval',
    status: 422,
    message: '第一责任人',
  },
  {
    action: 'approve',
    name: 'approving a report with a required section empty → 422',
    as: 'head',
    make: { status: 'awaiting_approval', sections: { shortcomings: '  ' } },
    method: 'POST',
    path: '/approve',
    status: 422,
    message: '存在的不足和原因',
  },
  {
    action: 'submit',
    name: 'submitting a report with a required section empty → 422',
    as: 'liaison',
    make: { status: 'approved', sections: { nextYear: '' } },
    method: 'POST',
    path: '/submit',
    status: 422,
    message: '主要安排',
  },
  {
    action: 'submit',
    name: 'submitting the report of a year not yet ended → 422',
    as: 'liaison',
    make: { status: 'approved', year: YEAR },
    method: 'POST',
    path: '/submit',
    status: 422,
    message: '尚未结束',
  },
  {
    action: 'publish',
    name: 'publishing the report of a year not yet ended → 422',
    as: 'co',
    make: { status: 'submitted', year: YEAR },
    method: 'POST',
    path: '/publish',
    status: 422,
    message: '尚未结束',
  },
  {
    action: 'return',
    name: 'returning without a reason (schema) → 400',
    as: 'head',
    make: { status: 'awaiting_approval' },
    method: 'POST',
    path: '/return',
    payload: () => ({}),
    status: 400,
    message: '退回理由',
  },
  {
    action: 'send_back',
    name: 'sending back with a three-character reason (schema) → 400',
    as: 'co',
    make: { status: 'submitted' },
    method: 'POST',
    path: '/return',
    payload: () => ({ reason: '不合格' }),
    status: 400,
    message: '退回理由至少',
  },
  {
    action: 'edit',
    name: 'editing without the version edited from (schema) → 400',
    as: 'liaison',
    make: { status: 'draft' },
    method: 'PATCH',
    path: '',
    payload: () => ({ sections: { other: '无。' } }),
    status: 400,
  },
  {
    action: 'edit',
    name: 'editing from a stale version (concurrent edit) → 409',
    as: 'liaison',
    make: { status: 'draft', version: 3 },
    method: 'PATCH',
    path: '',
    payload: () => ({ version: 2, sections: { other: '无。' } }),
    status: 409,
    message: '已被他人修改',
  },
  {
    action: 'edit',
    name: 'a document number without the official brackets (schema) → 400',
    as: 'liaison',
    make: { status: 'draft' },
    method: 'PATCH',
    path: '',
    payload: () => ({ version: 1, docNo: '示市监[2026]3号' }),
    status: 400,
    message: '六角括号',
  },
  {
    action: 'send_back',
    name: 'the coordinator sending back a report still awaiting the head’s approval → 409 (the 依法治区办 sends back only approved or submitted reports)',
    as: 'co',
    make: { status: 'awaiting_approval' },
    method: 'POST',
    path: '/return',
    payload: () => ({ reason: '请补充执法数据' }),
    status: 409,
  },
];

let t: TestApp;
const sessions = {} as Record<Who, Session>;

async function run(c: Case) {
  const m = await makeReport(t, c.make);
  try {
    await refusalMatrix(
      t,
      [
        {
          name: c.name,
          as: c.as ? sessions[c.as] : null,
          request: {
            method: c.method,
            url: `/api/reports/${m.id}${c.path}`,
            ...(c.payload ? { payload: c.payload(m) } : {}),
          },
          status: c.status,
          message: c.message,
        },
      ],
      {
        tables: ['annual_reports'],
        snapshot: () => t.db.selectFrom('annual_reports').selectAll().where('id', '=', m.id).executeTakeFirst(),
      },
    );
  } finally {
    await t.db.deleteFrom('annual_reports').where('id', '=', m.id).execute();
  }
}

describe('annual reports: every step refused by the rule (404 → 403 → 409 / 422, 401, 400)', () => {
  before(async () => {
    t = await createTestApp();
    sessions.liaison = await t.loginAs('liaison');
    sessions.staff = await t.loginAs('staff');
    sessions.head = await t.loginAs('head');
    sessions.co = await t.loginAs('coordinator');
    sessions.leader = await t.loginAs('leader');
    sessions.reviewer = await t.loginAs('reviewer');
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
            cases.some((c) => c.action === a && c.method === r.method && c.path === r.path && c.status === s),
            `${a} via ${routeName(r)} has a ${s} case`,
          );
    }
    // Steps whose content is checked: the required sections, the year ended, the return reason, the edit itself.
    for (const a of ['request_approval', 'approve', 'submit', 'publish', 'return', 'send_back', 'edit'] as const)
      assert.ok(
        contentCases.some((c) => c.action === a && (c.status === 422 || c.status === 400)),
        `${a}: a content case`,
      );
  });

  for (const c of matrixCases()) test(c.name, c.todo ? { todo: c.todo } : {}, () => run(c));
  for (const c of contentCases) test(c.name, c.todo ? { todo: c.todo } : {}, () => run(c));

  test('an unknown report is 404, a malformed id 400', async () => {
    await refusalMatrix(
      t,
      [
        {
          name: 'approve an unknown report',
          as: sessions.head,
          request: { method: 'POST', url: '/api/reports/00000000-0000-4000-8000-000000000000/approve' },
          status: 404,
          message: '年度报告',
        },
        {
          name: 'approve with a malformed id',
          as: sessions.head,
          request: { method: 'POST', url: '/api/reports/not-a-uuid/approve' },
          status: 400,
        },
      ],
      { tables: ['annual_reports'] },
    );
  });
});
