import type { Selectable } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { visibleOrgIds } from '../../platform/access/scope.js';
import type { Executor } from '../../platform/db/engine.js';
import { notFound } from '../../platform/errors.js';
import { today } from '../../platform/calendar/index.js';
import { highlightTerms, makeSnippet, queryWords, type SnippetPart } from '../../platform/search/index.js';
import type { DocSummaryDto, FilingDto } from './normative.schemas.js';
import type { FilingStatus, NormativeDocTable } from './normative.tables.js';
import { type GateFacts, statusLabelOn } from './normative.workflow.js';

export type DocRow = Selectable<NormativeDocTable> & { org_name: string; org_path: string };

export const FILING_STATUS_LABELS: Record<FilingStatus, string> = {
  pending: '待报送',
  submitted: '已报送待审查',
  accepted: '审查通过（准予备案）',
  returned: '退回补充材料',
  correction_required: '要求纠正',
  revocation_proposed: '建议撤销',
};

const docQuery = (db: Executor) =>
  db
    .selectFrom('normative_docs as d')
    .innerJoin('organizations as o', 'o.id', 'd.org_id')
    .selectAll('d')
    .select(['o.name as org_name', 'o.path as org_path']);

export async function findDoc(db: Executor, id: string): Promise<DocRow | undefined> {
  return docQuery(db).where('d.id', '=', id).executeTakeFirst();
}

/** Lock the document row for the rest of the transaction and re-read it (commands start here). */
export async function lockDoc(trx: Executor, id: string): Promise<DocRow> {
  const locked = await trx
    .selectFrom('normative_docs')
    .select('id')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!locked) throw notFound('规范性文件');
  return (await findDoc(trx, id))!;
}

export function gateFacts(d: DocRow): GateFacts {
  return {
    status: d.status,
    commentRequired: d.comment_required,
    commentDone: d.comment_done,
    affectsMarket: d.affects_market,
    fairReviewDone: d.fair_review_done,
    legalityPassed: d.legality_outcome === 'lawful' || d.legality_outcome === 'lawful_with_changes',
    deliberationHeld: d.deliberation_on !== null,
    registrationNo: d.registration_no,
    hasInterpretation: (d.interpretation ?? '').trim().length > 0,
  };
}

export const toSummary = (d: DocRow, today?: string): DocSummaryDto => ({
  id: d.id,
  orgId: d.org_id,
  orgName: d.org_name,
  title: d.title,
  status: d.status,
  statusLabel: statusLabelOn(d, today),
  registrationNo: d.registration_no,
  publishedOn: d.published_on,
  effectiveOn: d.effective_on,
  validUntil: d.valid_until,
  needsReview: d.needs_review,
  version: d.version,
});

export interface ListParams {
  status?: DocSummaryDto['status'];
  statuses?: DocSummaryDto['status'][];
  orgId?: string;
  year?: number;
  q?: string;
  needsReview?: boolean;
  page: number;
  pageSize: number;
}

/** Documents the actor may see (actor null: the public, who see only published documents). */
export async function listDocs(
  db: Executor,
  actor: Actor | null,
  p: ListParams,
  /** The Beijing day of the request, for statuses that depend on dates (statusLabelOn). */
  today?: string,
): Promise<{ total: number; items: DocSummaryDto[] }> {
  let q = docQuery(db);
  if (actor) q = q.where('d.org_id', 'in', visibleOrgIds(db, actor));
  else q = q.where('d.status', 'in', ['in_force', 'expired', 'repealed']);
  if (p.status) q = q.where('d.status', '=', p.status);
  if (p.statuses) q = q.where('d.status', 'in', p.statuses);
  if (p.orgId) q = q.where('d.org_id', '=', p.orgId);
  if (p.year) q = q.where('d.registration_year', '=', p.year);
  if (p.needsReview !== undefined) q = q.where('d.needs_review', '=', p.needsReview);
  if (p.q) q = q.where('d.title', 'ilike', `%${p.q.replace(/[%_\\]/g, '\\$&')}%`);
  const count = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy('d.published_on', (ob) => ob.desc().nullsFirst())
    .orderBy('d.updated_at', 'desc')
    .limit(p.pageSize)
    .offset((p.page - 1) * p.pageSize)
    .execute();
  return { total: Number(count.n), items: rows.map((r) => toSummary(r, today)) };
}

export async function loadBases(db: Executor, docId: string) {
  const rows = await db
    .selectFrom('normative_doc_bases as b')
    .innerJoin('laws as l', 'l.id', 'b.law_id')
    .select(['b.law_id', 'b.articles', 'l.title', 'l.version_date', 'l.status'])
    .where('b.doc_id', '=', docId)
    .orderBy('l.title')
    .execute();
  return rows.map((r) => ({
    lawId: r.law_id,
    title: r.title,
    versionDate: r.version_date,
    lawStatus: r.status,
    articles: r.articles,
  }));
}

type FilingJoined = {
  id: string;
  doc_id: string;
  org_id: string;
  due_on: string;
  status: FilingStatus;
  submitted_on: string | null;
  late: boolean | null;
  materials: unknown;
  report: string | null;
  supplement_due_on: string | null;
  review_opinion: string | null;
  reviewed_on: string | null;
  submissions: number;
  title: string;
  registration_no: string | null;
  org_name: string;
};

/** `now` from the injected clock: a pending filing past its due date is overdue. */
export function toFilingDto(f: FilingJoined, now: Date): FilingDto {
  const t = today(now);
  const materials = (typeof f.materials === 'string' ? JSON.parse(f.materials) : f.materials) as string[];
  return {
    id: f.id,
    docId: f.doc_id,
    docTitle: f.title,
    registrationNo: f.registration_no,
    orgId: f.org_id,
    orgName: f.org_name,
    dueOn: f.due_on,
    status: f.status,
    statusLabel: FILING_STATUS_LABELS[f.status],
    submittedOn: f.submitted_on,
    late: f.late,
    overdue: f.status === 'pending' && f.due_on < t,
    materials,
    report: f.report,
    supplementDueOn: f.supplement_due_on,
    reviewOpinion: f.review_opinion,
    reviewedOn: f.reviewed_on,
    submissions: f.submissions,
  };
}

export const filingQuery = (db: Executor) =>
  db
    .selectFrom('normative_filings as f')
    .innerJoin('normative_docs as d', 'd.id', 'f.doc_id')
    .innerJoin('organizations as o', 'o.id', 'f.org_id')
    .selectAll('f')
    .select(['d.title', 'd.registration_no', 'o.name as org_name']);

export async function listFilings(
  db: Executor,
  actor: Actor,
  p: { status?: FilingStatus; overdue?: boolean },
  now: Date,
): Promise<FilingDto[]> {
  let q = filingQuery(db).where('f.org_id', 'in', visibleOrgIds(db, actor));
  if (p.status) q = q.where('f.status', '=', p.status);
  if (p.overdue) q = q.where('f.status', '=', 'pending').where('f.due_on', '<', today(now));
  const rows = await q.orderBy('f.due_on').limit(500).execute();
  return rows.map((r) => toFilingDto(r, now));
}

/**
 * Staff full-text search over the documents an actor may see, drafts included (drafts are not in the public
 * search index). The query is segmented like the public search (jieba); every word must occur in the title
 * or the text. A unit's own documents are a few hundred at most, so a scan restricted to them is enough.
 */
export async function searchDocsForStaff(
  db: Executor,
  actor: Actor,
  p: { q: string; status?: DocSummaryDto['status'] },
): Promise<{ total: number; items: (DocSummaryDto & { snippet: SnippetPart[] })[] }> {
  const words = queryWords(p.q);
  if (words.length === 0) return { total: 0, items: [] };
  const like = (w: string) => `%${w.replace(/[%_\\]/g, '\\$&')}%`;
  let q = docQuery(db).where('d.org_id', 'in', visibleOrgIds(db, actor));
  if (p.status) q = q.where('d.status', '=', p.status);
  for (const w of words) q = q.where((eb) => eb.or([eb('d.title', 'ilike', like(w)), eb('d.body', 'ilike', like(w))]));
  const rows = await q.orderBy('d.updated_at', 'desc').limit(200).execute();
  const terms = highlightTerms(p.q);
  const hits = rows.map((d) => ({
    d,
    titleHits: words.filter((w) => d.title.toLowerCase().includes(w)).length,
  }));
  // Documents whose title carries more of the query come first; then the most recently changed.
  hits.sort((a, b) => b.titleHits - a.titleHits);
  return {
    total: rows.length,
    items: hits.slice(0, 50).map(({ d }) => ({ ...toSummary(d), snippet: makeSnippet(d.body, terms, 120) })),
  };
}
