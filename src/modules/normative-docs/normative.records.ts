import { sql } from 'kysely';
import { toLocalDate } from '../../platform/calendar/localdate.js';
import type { Executor } from '../../platform/db/engine.js';
import { anchoredContents } from '../../platform/ledger/index.js';
import type { RecordKindDef } from '../../platform/manifest.js';
import type { DocRow } from './normative.repo.js';
import './normative.tables.js';

/**
 * The record sources of what this module anchors (ADR 0003): for each record kind, the content re-derived from
 * the module's rows exactly as the command anchored it, so that an edit to a row the portal shows raises an
 * alarm in the tamper sweep.
 *
 * | record kind                 | record id               | source rows                                        |
 * |-----------------------------|-------------------------|----------------------------------------------------|
 * | `normative_doc`             | document id             | normative_docs (published text and dates) + normative_doc_bases |
 * | `normative_doc_status`      | `<docId>:<status>`      | normative_docs (title, number, ended_on, end_reason) |
 * | `normative_filing_receipt`  | filing id               | normative_filings (accepted) + the document's title, number, content hash |
 * | `normative_cleanup_outcome` | `<campaignId>:<docId>`  | normative_cleanup_items + the campaign's title + the document's title and number |
 * | `normative_cleanup_summary` | campaign id             | normative_cleanup_campaigns (closed: title, start, summary) |
 * | `normative_annual_catalog`  | `<orgId>:<year>:v<n>`   | normative_annual_catalogs (one row per version)    |
 *
 * Carried over from the anchored copy, because they are not this module's facts and change lawfully: the
 * issuing body's name at publication, and a cited statute's title, version date and status.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const uuids = (ids: string[]) => ids.filter((i) => UUID.test(i));

/** The published content whose hash is anchored: what a citizen can check against the portal. */
export function publishedContent(
  d: Pick<
    DocRow,
    | 'id'
    | 'title'
    | 'registration_no'
    | 'org_name'
    | 'body'
    | 'interpretation'
    | 'published_on'
    | 'effective_on'
    | 'valid_until'
  > &
    Partial<Pick<DocRow, 'comment_waiver_reason' | 'early_effect_reason' | 'entered_afterwards' | 'entry_reason'>>,
) {
  return {
    id: d.id,
    title: d.title,
    registrationNo: d.registration_no,
    issuingBody: d.org_name,
    publishedOn: d.published_on,
    effectiveOn: d.effective_on,
    validUntil: d.valid_until,
    body: d.body,
    interpretation: d.interpretation,
    // Published with the text when recorded (absent on documents that needed neither).
    ...(d.comment_waiver_reason ? { commentWaiverReason: d.comment_waiver_reason } : {}),
    ...(d.early_effect_reason ? { earlyEffectReason: d.early_effect_reason } : {}),
    // A document entered afterwards (补录) says so in its anchored copy too.
    ...(d.entered_afterwards ? { enteredAfterwards: true, entryReason: d.entry_reason } : {}),
  };
}

type Base = { lawId: string; articles: string | null } & Record<string, unknown>;

async function docSource(db: Executor, ids: string[]): Promise<Map<string, unknown>> {
  const docIds = uuids(ids);
  if (docIds.length === 0) return new Map();
  const docs = await db
    .selectFrom('normative_docs')
    .selectAll()
    .where('id', 'in', docIds)
    .where('published_on', 'is not', null)
    .execute();
  const bases = await db
    .selectFrom('normative_doc_bases')
    .select(['doc_id', 'law_id', 'articles'])
    .where('doc_id', 'in', docIds)
    .execute();
  const anchored = await anchoredContents(db, 'normative_doc', docIds);
  return new Map(
    docs.map((d) => {
      const a = anchored.get(d.id) ?? {};
      const was = (a.bases as Base[] | undefined) ?? [];
      const order = (lawId: string) => {
        const i = was.findIndex((b) => b.lawId === lawId);
        return i < 0 ? was.length : i;
      };
      const own = bases
        .filter((b) => b.doc_id === d.id)
        .sort((x, y) => order(x.law_id) - order(y.law_id))
        .map((b) => ({ ...was.find((w) => w.lawId === b.law_id), lawId: b.law_id, articles: b.articles }));
      return [d.id, { ...publishedContent({ ...d, org_name: String(a.issuingBody ?? '') }), bases: own }];
    }),
  );
}

/** An end of validity (record kind `normative_doc_status`). */
export const statusContent = (
  d: { id: string; registration_no: string | null; title: string },
  status: string,
  endedOn: string | null,
  reason: string | null,
) => ({ docId: d.id, registrationNo: d.registration_no, title: d.title, status, endedOn, reason });

async function statusSource(db: Executor, ids: string[]): Promise<Map<string, unknown>> {
  const parsed = ids.map((id) => ({ id, docId: id.split(':')[0]!, status: id.split(':')[1] ?? '' }));
  const docIds = uuids(parsed.map((p) => p.docId));
  if (docIds.length === 0) return new Map();
  const docs = await db
    .selectFrom('normative_docs')
    .select(['id', 'registration_no', 'title', 'status', 'ended_on', 'end_reason'])
    .where('id', 'in', docIds)
    .execute();
  const out = new Map<string, unknown>();
  for (const p of parsed) {
    const d = docs.find((x) => x.id === p.docId);
    if (d && d.status === p.status) out.set(p.id, statusContent(d, p.status, d.ended_on, d.end_reason));
  }
  return out;
}

/** A filing accepted by the reviewing body (record kind `normative_filing_receipt`). */
export const filingReceiptContent = (
  f: { doc_id: string; submitted_on: string | null; late: boolean | null },
  d: { title: string; registration_no: string | null; content_hash: string | null },
  acceptedOn: string | null,
) => ({
  docId: f.doc_id,
  title: d.title,
  registrationNo: d.registration_no,
  contentHash: d.content_hash,
  submittedOn: f.submitted_on,
  late: f.late,
  acceptedOn,
});

async function filingSource(db: Executor, ids: string[]): Promise<Map<string, unknown>> {
  const filingIds = uuids(ids);
  if (filingIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('normative_filings as f')
    .innerJoin('normative_docs as d', 'd.id', 'f.doc_id')
    .select([
      'f.id',
      'f.doc_id',
      'f.submitted_on',
      'f.late',
      'f.reviewed_on',
      'd.title',
      'd.registration_no',
      'd.content_hash',
    ])
    .where('f.id', 'in', filingIds)
    .where('f.status', '=', 'accepted')
    .execute();
  return new Map(rows.map((r) => [r.id, filingReceiptContent(r, r, r.reviewed_on)]));
}

/** One document's clean-up outcome (record kind `normative_cleanup_outcome`). */
export const cleanupOutcomeContent = (
  campaignTitle: string,
  d: { id: string; registration_no: string | null; title: string },
  i: { outcome: string | null; reason: string | null },
  decidedOn: string,
) => ({
  campaign: campaignTitle,
  docId: d.id,
  registrationNo: d.registration_no,
  title: d.title,
  outcome: i.outcome,
  reason: i.reason,
  decidedOn,
});

async function cleanupOutcomeSource(db: Executor, ids: string[]): Promise<Map<string, unknown>> {
  const pairs = ids
    .map((id) => ({ id, campaignId: id.split(':')[0]!, docId: id.split(':')[1] ?? '' }))
    .filter((p) => UUID.test(p.campaignId) && UUID.test(p.docId));
  if (pairs.length === 0) return new Map();
  const rows = await db
    .selectFrom('normative_cleanup_items as i')
    .innerJoin('normative_cleanup_campaigns as c', 'c.id', 'i.campaign_id')
    .innerJoin('normative_docs as d', 'd.id', 'i.doc_id')
    .select([
      'i.campaign_id',
      'i.outcome',
      'i.reason',
      'i.decided_at',
      'c.title as campaign',
      'd.id',
      'd.registration_no',
      'd.title',
    ])
    .where('i.campaign_id', 'in', [...new Set(pairs.map((p) => p.campaignId))])
    .where('i.doc_id', 'in', [...new Set(pairs.map((p) => p.docId))])
    .where('i.outcome', 'is not', null)
    .execute();
  return new Map(
    rows.map((r) => [
      `${r.campaign_id}:${r.id}`,
      cleanupOutcomeContent(r.campaign, r, r, r.decided_at ? toLocalDate(r.decided_at) : ''),
    ]),
  );
}

/** A closed clean-up's summary (record kind `normative_cleanup_summary`). */
export const cleanupSummaryContent = (c: { title: string; started_on: string }, summary: Record<string, number>) => ({
  title: c.title,
  startedOn: c.started_on,
  ...summary,
});

async function cleanupSummarySource(db: Executor, ids: string[]): Promise<Map<string, unknown>> {
  const campaignIds = uuids(ids);
  if (campaignIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('normative_cleanup_campaigns')
    .select(['id', 'title', 'started_on', 'summary'])
    .where('id', 'in', campaignIds)
    .where('status', '=', 'closed')
    .execute();
  return new Map(rows.map((c) => [c.id, cleanupSummaryContent(c, json<Record<string, number>>(c.summary) ?? {})]));
}

async function annualCatalogSource(db: Executor, ids: string[]): Promise<Map<string, unknown>> {
  const keys = ids
    .map((id) => id.match(/^([0-9a-f-]{36}):(\d{4}):v(\d+)$/i))
    .filter((m): m is RegExpMatchArray => m !== null);
  if (keys.length === 0) return new Map();
  const { rows } = await sql<{
    org_id: string;
    year: number;
    version: number;
    title: string;
    entries: unknown;
    counts: unknown;
    reason: string | null;
    published_on: string;
  }>`select org_id, year, version, title, entries, counts, reason, published_on::text as published_on
     from normative_annual_catalogs
     where (org_id::text || ':' || year || ':v' || version) = any(${keys.map((k) => k[0])}::text[])`.execute(db);
  const anchored = await anchoredContents(
    db,
    'normative_annual_catalog',
    keys.map((k) => k[0]!),
  );
  return new Map(
    rows.map((r) => {
      const id = `${r.org_id}:${r.year}:v${r.version}`;
      return [
        id,
        {
          issuingBody: anchored.get(id)?.issuingBody ?? null,
          orgId: r.org_id,
          year: Number(r.year),
          version: Number(r.version),
          title: r.title,
          publishedOn: r.published_on,
          entries: json(r.entries),
          counts: json(r.counts),
          ...(r.reason ? { correctionReason: r.reason } : {}),
        },
      ];
    }),
  );
}

export const normativeRecordKinds: RecordKindDef[] = [
  { kind: 'normative_doc', label: '规范性文件（公布文本）', source: docSource },
  { kind: 'normative_doc_status', label: '规范性文件失效、废止', source: statusSource },
  { kind: 'normative_filing_receipt', label: '规范性文件备案回执', source: filingSource },
  { kind: 'normative_cleanup_outcome', label: '规范性文件清理结果', source: cleanupOutcomeSource },
  { kind: 'normative_cleanup_summary', label: '规范性文件清理汇总', source: cleanupSummarySource },
  { kind: 'normative_annual_catalog', label: '规范性文件年度目录', source: annualCatalogSource },
];
