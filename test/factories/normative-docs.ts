import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import { addCalendarDays, today as localToday } from '../../src/platform/calendar/index.js';
import { BLANK_PROCEDURE, type NormativeDocTable } from '../../src/modules/normative-docs/normative.tables.js';
import type { DocStatus } from '../../src/modules/normative-docs/normative.workflow.js';
import type { TestApp } from '../helpers/app.js';

/**
 * Puts a normative document in any status directly in the database, with what that status implies (rows only:
 * no audit events, deadlines or ledger leaves). The unit (default SCJ, whose `liaison` and `head` manage its
 * documents) is put on the issuing-body list if it is not on it.
 *
 * What each status implies, along 国办发〔2018〕37号/115号:
 * - commenting: a comment period (`commentRequired` forced on) that ended yesterday;
 * - fair_review: `affectsMarket` forced on; an earlier required comment period done;
 * - legality_review: the earlier steps done, submitted today;
 * - deliberation and after: a 'lawful' legality opinion given today;
 * - approved and after: the collective deliberation held today;
 * - registered and after: a registration number (the unit's counter advanced);
 * - in_force, expired, repealed: published with an interpretation, valid five years, a pending filing;
 *   expired / repealed: ended today with a reason.
 * `columns` overrides any column last (e.g. `{ legality_outcome: null }` to break a gate).
 */
export interface NormativeDocFactoryOptions {
  status: DocStatus;
  orgCode?: string;
  title?: string;
  docType?: 'regular' | 'interim';
  businessRelated?: boolean;
  affectsMarket?: boolean;
  commentRequired?: boolean;
  /** Record one legal basis (a test statute) on the document; default true (every published document has one). */
  bases?: boolean;
  columns?: Partial<Insertable<NormativeDocTable>>;
}

export interface MadeNormativeDoc {
  id: string;
  orgId: string;
  registrationNo: string | null;
}

const ORDER: DocStatus[] = [
  'draft',
  'commenting',
  'fair_review',
  'legality_review',
  'deliberation',
  'approved',
  'registered',
  'in_force',
];
const rank = (s: DocStatus) => (s === 'expired' || s === 'repealed' ? ORDER.length : ORDER.indexOf(s));
const reached = (s: DocStatus, stage: DocStatus) => rank(s) >= ORDER.indexOf(stage);

let counter = 0;

export async function makeNormativeDoc(t: TestApp, o: NormativeDocFactoryOptions): Promise<MadeNormativeDoc> {
  const db = t.db;
  const day = (offset: number): string => addCalendarDays(localToday(t.clock.now()), offset);
  const code = o.orgCode ?? 'SCJ';
  const orgId = await t.orgId(code);
  await db
    .insertInto('normative_issuing_bodies')
    .values({ org_id: orgId, number_prefix: `示${code}规`, basis: '制定主体清单（测试数据）' })
    .onConflict((oc) => oc.column('org_id').doNothing())
    .execute();

  const s = o.status;
  const commentRequired = o.commentRequired ?? s === 'commenting';
  const affectsMarket = o.affectsMarket ?? s === 'fair_review';
  const today = day(0);
  const n = ++counter;
  const title = o.title ?? `示例区市场监督管理规范性文件（测试文件${n}）`;
  const body = '第一条 为规范集贸市场经营秩序，制定本规定。\n第二条 本规定自公布之日起施行。';

  const cols: Insertable<NormativeDocTable> = {
    org_id: orgId,
    title,
    doc_type: o.docType ?? 'regular',
    business_related: o.businessRelated ?? false,
    affects_market: affectsMarket,
    comment_required: commentRequired,
    status: s,
    body,
    ...BLANK_PROCEDURE,
    created_by: null,
  };
  if (s === 'commenting' || (commentRequired && rank(s) > ORDER.indexOf('commenting'))) {
    cols.comment_start = day(-40);
    cols.comment_end = day(-1);
  }
  if (commentRequired && rank(s) > ORDER.indexOf('commenting')) {
    cols.comment_done = true;
    cols.comment_count = 0;
    cols.comment_disposition_report = '未收到意见（测试数据）';
  }
  if (affectsMarket && rank(s) > ORDER.indexOf('fair_review')) {
    cols.fair_review_done = true;
    cols.fair_review_conclusion = '不含排除、限制竞争内容（测试数据）';
  }
  if (reached(s, 'legality_review')) cols.legality_submitted_on = today;
  if (reached(s, 'deliberation')) {
    cols.legality_outcome = 'lawful';
    cols.legality_opinion = '经审核未发现违法情形（测试数据）';
    cols.legality_reviewed_on = today;
  }
  if (reached(s, 'approved')) {
    cols.deliberation_meeting = '局长办公会议';
    cols.deliberation_on = today;
  }
  if (reached(s, 'registered')) {
    const year = Number(today.slice(0, 4));
    const r = await sql<{ last_seq: number }>`
      insert into normative_number_counters (org_id, year, last_seq) values (${orgId}, ${year}, 1)
      on conflict (org_id, year) do update set last_seq = normative_number_counters.last_seq + 1
      returning last_seq`.execute(db);
    const seq = Number(r.rows[0]!.last_seq);
    const prefix = (
      await db
        .selectFrom('normative_issuing_bodies')
        .select('number_prefix')
        .where('org_id', '=', orgId)
        .executeTakeFirstOrThrow()
    ).number_prefix;
    cols.registration_year = year;
    cols.registration_seq = seq;
    cols.registration_no = `${prefix}〔${year}〕${seq}号`;
  }
  if (reached(s, 'in_force')) {
    cols.interpretation = '本文件的政策解读：明确集贸市场经营时段、食品安全责任和退出机制（测试数据）。';
    cols.published_on = today;
    cols.effective_on = today;
    cols.valid_until = `${Number(today.slice(0, 4)) + 5}${today.slice(4)}`;
    cols.content_hash = createHash('sha256').update(`${title}\n${body}`).digest('hex');
  }
  if (s === 'expired' || s === 'repealed') {
    cols.ended_on = today;
    cols.end_reason = s === 'expired' ? '有效期届满（测试数据）' : '上位法修改，予以废止（测试数据）';
  }
  Object.assign(cols, o.columns ?? {});

  const doc = await db.insertInto('normative_docs').values(cols).returning('id').executeTakeFirstOrThrow();
  if (o.bases !== false) {
    const law =
      (await db.selectFrom('laws').select('id').where('work_key', '=', 'factory-test-law').executeTakeFirst()) ??
      (await db
        .insertInto('laws')
        .values({
          work_key: 'factory-test-law',
          title: '示例市场秩序条例（测试数据）',
          category: '地方性法规',
          version_date: '2020-01-01',
          source_name: 'factory',
          content_hash: 'factory',
          imported_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow());
    await db.insertInto('normative_doc_bases').values({ doc_id: doc.id, law_id: law.id, articles: '第二条' }).execute();
  }
  await db
    .insertInto('normative_doc_versions')
    .values({ doc_id: doc.id, version: 1, title, body, change_note: '起草', created_by: null })
    .execute();
  if (reached(s, 'in_force'))
    await db
      .insertInto('normative_filings')
      .values({
        doc_id: doc.id,
        org_id: orgId,
        due_on: day(30),
        status: 'pending',
        submitted_on: null,
        late: null,
        materials: JSON.stringify([]),
        report: null,
        supplement_due_on: null,
        review_opinion: null,
        reviewed_on: null,
        reviewer_id: null,
      })
      .execute();
  return { id: doc.id, orgId, registrationNo: cols.registration_no ?? null };
}
