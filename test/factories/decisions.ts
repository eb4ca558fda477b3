import { today as localToday } from '../../src/platform/calendar/index.js';
import type { DecisionStatus } from '../../src/modules/decisions/decisions.workflow.js';
import type { DecisionDraft, MajorAssessment } from '../../src/modules/decisions/decisions.tables.js';
import type { TestApp } from '../helpers/app.js';

/**
 * Puts a major administrative decision in any status directly in the database, with the rows that status
 * implies — so a rule at one step is tested without walking the steps before it. Rows only: no audit events,
 * no deadlines, no ledger leaves.
 *
 * Defaults follow the demo district: the decision body is the district government (SLQ), the lead unit the
 * market regulator (SCJ, whose `liaison`, `staff` and `head` act for it); no expert review or risk assessment
 * is triggered, so the procedure is drafting → participation → legality review → collective discussion.
 *
 * What each status implies:
 * - every status: a "major" assessment (Art 3);
 * - after drafting: the draft, and a `drafting` stage record;
 * - after participation (unless confidential): a `participation` stage record (the Art 29 gate);
 * - legality_review: the reviews given by `legality` (default none submitted yet);
 * - collective_discussion and after: both review levels passed (the Art 25 gate);
 * - publication and after: the collective-discussion and Party-report stage records;
 * - executing and after: the published text, the execution unit and execution tasks (`tasks`).
 */
export interface DecisionFactoryOptions {
  status: DecisionStatus;
  /** Org codes; defaults SLQ (body), SCJ (lead); the execution unit defaults to the lead once published. */
  bodyCode?: string;
  leadCode?: string;
  executionCode?: string | null;
  year?: number;
  title?: string;
  isTechnical?: boolean;
  affectsStability?: boolean;
  confidential?: boolean;
  /** The assessment's conclusion (false: an excluded item, which may not be initiated). null: no assessment. */
  major?: boolean | null;
  /**
   * Legality reviews of the current round. Defaults: none in 'legality_review' and before, 'passed' after.
   * 'unitPending': the unit level submitted, no opinion; 'unitPassed': the unit level gave 'lawful';
   * 'justicePending': … and the bureau level is submitted; 'passed': both levels 'lawful'.
   */
  legality?: 'none' | 'unitPending' | 'unitPassed' | 'justicePending' | 'passed';
  /** Execution tasks (executing and after). Default: one task at 0 %, or at 100 % once completed. */
  tasks?: { name: string; weight: number; progress: number }[];
  catalogStatus?: 'draft' | 'approved' | 'published';
}

export interface MadeDecision {
  id: string;
  catalogId: string;
  bodyOrgId: string;
  leadOrgId: string;
  executionOrgId: string | null;
  taskIds: string[];
}

const ORDER: DecisionStatus[] = [
  'proposed',
  'drafting',
  'participation',
  'expert_review',
  'risk_assessment',
  'legality_review',
  'collective_discussion',
  'party_report',
  'publication',
  'executing',
];
/** Statuses after publication: the decision was decided and published. */
const DECIDED: DecisionStatus[] = ['executing', 'suspended', 'post_evaluation', 'completed', 'archived'];

/** How far a status lies along the pre-decision procedure (decided statuses count as past 'executing'). */
const rank = (s: DecisionStatus) => (DECIDED.includes(s) ? ORDER.length : s === 'withdrawn' ? 0 : ORDER.indexOf(s));
const past = (s: DecisionStatus, stage: DecisionStatus) => rank(s) > ORDER.indexOf(stage);

let counter = 0;

export async function makeDecision(t: TestApp, o: DecisionFactoryOptions): Promise<MadeDecision> {
  const db = t.db;
  const now = t.clock.now();
  const year = o.year ?? Number(localToday(now).slice(0, 4));
  const bodyOrgId = await t.orgId(o.bodyCode ?? 'SLQ');
  const leadOrgId = await t.orgId(o.leadCode ?? 'SCJ');
  const confidential = o.confidential ?? false;
  const decided = DECIDED.includes(o.status);
  const executionOrgId =
    o.executionCode === null ? null : o.executionCode ? await t.orgId(o.executionCode) : decided ? leadOrgId : null;

  let catalog = await db
    .selectFrom('decision_catalogs')
    .select('id')
    .where('body_org_id', '=', bodyOrgId)
    .where('year', '=', year)
    .executeTakeFirst();
  if (!catalog)
    catalog = await db
      .insertInto('decision_catalogs')
      .values({
        body_org_id: bodyOrgId,
        year,
        title: `${year}年度重大行政决策事项目录`,
        status: o.catalogStatus ?? 'draft',
        party_consent_ref: null,
        party_consent_on: null,
        approved_at: null,
        approved_by: null,
        published_at: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  const last = await db
    .selectFrom('decisions')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('catalog_id', '=', catalog.id)
    .executeTakeFirst();
  const seq = Number(last?.seq ?? 0) + 1;

  const major = o.major === undefined ? true : o.major;
  const assessment: MajorAssessment | null =
    major === null
      ? null
      : {
          kinds: major ? ['public_policy'] : [],
          exclusions: major ? [] : ['emergency'],
          reasons: '涉及全区经营者和消费者切身利益，属于市场监管方面的重大公共政策和措施。',
          isMajor: major,
          assessedBy: '测试数据',
          assessedAt: now.toISOString(),
        };
  const drafted = past(o.status, 'drafting') || o.status === 'withdrawn';
  const draft: DecisionDraft | null = drafted
    ? {
        text: '示例区集贸市场管理办法（草案）共五章二十八条，规定经营时段、食品安全和退出机制。',
        legalBases: ['《中华人民共和国食品安全法》'],
        disputed: false,
        alternatives: [],
        consultedUnits: [],
        costBenefit: null,
      }
    : null;
  const n = ++counter;
  const d = await db
    .insertInto('decisions')
    .values({
      catalog_id: catalog.id,
      seq,
      body_org_id: bodyOrgId,
      lead_org_id: leadOrgId,
      execution_org_id: executionOrgId,
      title: o.title ?? `示例区集贸市场管理办法（测试事项${n}）`,
      summary: '规范集贸市场经营秩序，保障食品安全和消费者权益。',
      category: 'public_policy',
      planned_completion_on: `${year}-12-31`,
      status: o.status,
      assessment: assessment ? JSON.stringify(assessment) : null,
      is_technical: o.isTechnical ?? false,
      affects_stability: o.affectsStability ?? false,
      confidential,
      confidential_reason: confidential ? '涉及依法不予公开的内容' : null,
      draft: draft ? JSON.stringify(draft) : null,
      suspended_from: o.status === 'suspended' ? 'executing' : null,
      published_text: decided ? '示例区集贸市场管理办法经区政府常务会议审议通过，现予公布。' : null,
      published_at: decided ? now : null,
      completed_on: o.status === 'completed' || o.status === 'archived' ? localToday(now) : null,
      archived_at: o.status === 'archived' ? now : null,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const stage = async (s: string, outcome: Record<string, unknown>, summary: string | null) =>
    db
      .insertInto('decision_stage_records')
      .values({
        decision_id: d.id,
        stage: s,
        round: 0,
        outcome: JSON.stringify(outcome),
        public_summary: summary,
        leaf_hash: null,
        content_hash: null,
        completed_by: null,
        completed_by_name: '测试数据',
      })
      .execute();

  if (assessment) await stage('assessment', { ...assessment }, null);
  if (rank(o.status) > 0) await stage('proposed', { leadOrgId }, '决策机关决定启动决策程序。');
  if (drafted) await stage('drafting', { legalBases: draft!.legalBases }, '决策草案已拟定。');
  if (past(o.status, 'participation') && !confidential)
    await stage('participation', { statement: '测试数据' }, '公众意见采纳情况说明（测试数据）。');
  if (past(o.status, 'expert_review') && o.isTechnical)
    await stage('expert_review', { opinions: [], handling: '测试数据' }, '专家论证已完成。');
  if (past(o.status, 'risk_assessment') && o.affectsStability)
    await stage('risk_assessment', { assessor: '区社会稳定风险评估中心' }, '风险评估已完成，风险可控。');

  const legality = o.legality ?? (past(o.status, 'legality_review') ? 'passed' : 'none');
  const today = localToday(now);
  const review = async (level: 'unit' | 'justice', given: boolean) =>
    db
      .insertInto('decision_legality_reviews')
      .values({
        decision_id: d.id,
        round: 0,
        level,
        submitted_on: today,
        reply_by: today,
        materials: JSON.stringify(['决策草案及说明']),
        conclusion: given ? 'lawful' : null,
        opinion: given ? '经审查未发现违法情形。' : null,
        reviewer_id: null,
        reviewer_name: given ? '测试数据' : null,
        reviewer_org_id: null,
        reviewed_on: given ? today : null,
        superseded_at: null,
      })
      .execute();
  if (legality !== 'none') await review('unit', legality !== 'unitPending');
  if (legality === 'justicePending' || legality === 'passed') await review('justice', legality === 'passed');
  if (past(o.status, 'legality_review'))
    await stage('legality_review', { conclusion: 'lawful' }, '合法性审查结论：合法。');

  if (past(o.status, 'collective_discussion'))
    await stage('collective_discussion', { outcome: 'approved' }, '经区政府常务会议集体讨论，决定通过。');
  if (past(o.status, 'party_report'))
    await stage('party_report', { reference: '区委常委会会议' }, '已向同级党委请示报告。');

  const taskIds: string[] = [];
  if (decided) {
    await stage('publication', { channels: ['区政府门户网站'], executionOrgId }, '决策已公布。');
    const done = o.status === 'completed' || o.status === 'archived';
    for (const task of o.tasks ?? [{ name: '组织实施', weight: 100, progress: done ? 100 : 0 }]) {
      const row = await db
        .insertInto('decision_execution_tasks')
        .values({ decision_id: d.id, name: task.name, weight: task.weight, progress: task.progress })
        .returning('id')
        .executeTakeFirstOrThrow();
      taskIds.push(row.id);
    }
  }
  if (o.status === 'post_evaluation')
    await stage('post_evaluation_start', { evaluator: '上海大学法学院评估中心' }, '启动决策后评估。');

  return { id: d.id, catalogId: catalog.id, bodyOrgId, leadOrgId, executionOrgId, taskIds };
}
