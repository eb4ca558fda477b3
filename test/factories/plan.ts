import type { InspectionStatus, TargetStatus } from '../../src/modules/plan/inspection.workflow.js';
import type { ReplyStatus } from '../../src/procedures/assigned-reply/index.js';
import type { TestApp } from '../helpers/app.js';

/**
 * Puts a government inspection (政府督查) in any status directly in the database: the inspection drafted by the
 * 依法治区办's `coordinator` for the government (so `govhead` may approve it), one inspected unit (the market
 * regulator, SCJ, whose `liaison` acts for it) in any status, and optionally one follow-up order to that unit.
 * Rows only: no audit events or deadlines.
 */
export interface InspectionFactoryOptions {
  status: InspectionStatus;
  target?: TargetStatus;
  order?: ReplyStatus;
}

export interface MadeInspection {
  id: string;
  targetOrgId: string;
  orderId: string | null;
}

export async function makeInspection(t: TestApp, o: InspectionFactoryOptions): Promise<MadeInspection> {
  const root = await t.db
    .selectFrom('organizations')
    .select('id')
    .where('parent_id', 'is', null)
    .executeTakeFirstOrThrow();
  const co = await t.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'coordinator')
    .executeTakeFirstOrThrow();
  const gov = await t.db.selectFrom('users').select('id').where('username', '=', 'govhead').executeTakeFirstOrThrow();
  const scj = await t.orgId('SCJ');
  const approved = o.status !== 'planned';
  const i = await t.db
    .insertInto('inspections')
    .values({
      title: '行政执法三项制度落实情况督查',
      basis: '区政府常务会议决定开展专项督查',
      scope: '行政执法公示、全过程记录、重大执法决定法制审核',
      methods: '听取汇报、查阅案卷',
      starts_on: '2026-01-05',
      ends_on: '2026-12-31',
      status: o.status,
      org_id: root.id,
      created_by: co.id,
      approved_by: approved ? gov.id : null,
      approved_at: approved ? new Date('2026-01-04T02:00:00Z') : null,
      approval_opinion: approved ? '同意。' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ts = o.target ?? 'pending';
  const concluded = ts !== 'pending';
  const asked = ['reexamination_requested', 'reexamined'].includes(ts);
  const rectified = ['rectified', 'verified'].includes(ts);
  await t.db
    .insertInto('inspection_targets')
    .values({
      inspection_id: i.id,
      org_id: scj,
      status: ts,
      conclusion: concluded ? '执法公示信息不完整，需整改' : null,
      conclusion_served_on: concluded ? '2026-03-02' : null,
      conclusion_by: concluded ? co.id : null,
      reexamination_reason: asked ? '公示信息已于送达前更新' : null,
      reexamination_requested_on: asked ? '2026-03-10' : null,
      reexamination_decision: ts === 'reexamined' ? '维持原结论' : null,
      reexamination_decided_on: ts === 'reexamined' ? '2026-03-20' : null,
      reexamination_outcome: ts === 'reexamined' ? 'upheld' : null,
      rectification_report: rectified ? '已补全公示信息' : null,
      rectified_on: rectified ? '2026-04-01' : null,
      verification_note: ts === 'verified' ? '整改到位' : null,
      verified_on: ts === 'verified' ? '2026-04-10' : null,
    })
    .execute();
  let orderId: string | null = null;
  if (o.order) {
    const answered = o.order === 'answered' || o.order === 'closed';
    const row = await t.db
      .insertInto('inspection_orders')
      .values({
        inspection_id: i.id,
        org_id: scj,
        content: '请报送执法公示情况说明',
        due_date: '2026-03-20',
        status: o.order,
        answer: answered ? '已报送说明材料' : null,
        answered_on: answered ? '2026-03-15' : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    orderId = row.id;
  }
  return { id: i.id, targetOrgId: scj, orderId };
}
