import { createHash } from 'node:crypto';
import type { Executor } from '../../platform/db/engine.js';
import { registerRecordSource } from '../../platform/ledger/index.js';
import { canonicalize } from '../../platform/ledger/jcs.js';
import { type DecisionStatus, STATUS_LABELS } from './decisions.workflow.js';
import './decisions.tables.js';

/**
 * The public records this module anchors in the ledger, built in one place so that the command that anchors a
 * record and the tamper sweep that re-derives it from the module's rows (ADR 0003, record sources) cannot
 * drift apart:
 *
 * | record kind            | record id              | source rows                                                 |
 * |------------------------|------------------------|-------------------------------------------------------------|
 * | `decision.stage`       | stage record id        | decision_stage_records（public_summary, completed_at）+ decisions.title |
 * | `decision.catalog`     | `<catalogId>:v<n>`     | decision_catalog_versions.snapshot                           |
 * | `decision.comment_set` | participation id       | decision_participations（title, comment_count, comment_set_hash）+ every decision_comments row |
 * | `decision.published`   | `<decisionId>:r<round>`| publication stage record's outcome.record, with decisions.published_text / published_at for the round the portal shows |
 *
 * Nothing is derived from live organisation names (a lawful rename must not raise an alarm): names are read
 * from the snapshot stored when the record was published.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** A completed stage's public outcome (record kind `decision.stage`). */
export function stageContent(
  s: { decision_id: string; stage: string; round: number; public_summary: string | null; completed_at: Date },
  title: string,
) {
  return {
    decisionId: s.decision_id,
    title,
    stage: s.stage,
    stageLabel: STATUS_LABELS[s.stage as DecisionStatus] ?? s.stage,
    round: s.round,
    publicSummary: s.public_summary,
    completedAt: new Date(s.completed_at).toISOString(),
  };
}

/**
 * A closed comment period (record kind `decision.comment_set`). `commentsHash` is the SHA-256 of the canonical
 * comment set; it is also anchored as the entry's attachments hash, so the portal badge (which shows that
 * hash) finds the entry through `/api/public/ledger/entries/by-hash/:hash`.
 */
export function commentSetContent(
  p: { decision_id: string; id: string; title: string },
  count: number,
  hash: string | null,
) {
  return { decisionId: p.decision_id, participationId: p.id, title: p.title, comments: count, commentsHash: hash };
}

/** Canonical comment sets of several periods (rejected comments included, with the reason), one query. */
export async function commentSets(ex: Executor, participationIds: string[]) {
  const out = new Map<string, { set: unknown[]; hash: string }>();
  if (participationIds.length === 0) return out;
  const rows = await ex
    .selectFrom('decision_comments')
    .select([
      'participation_id',
      'receipt_no',
      'submitter_kind',
      'body',
      'attachments',
      'moderation',
      'moderation_reason',
      'disposition',
      'disposition_reason',
      'created_at',
    ])
    .where('participation_id', 'in', participationIds)
    .orderBy('participation_id')
    .orderBy('receipt_no')
    .execute();
  const sets = new Map<string, unknown[]>(participationIds.map((id) => [id, []]));
  for (const r of rows) {
    sets.get(r.participation_id)?.push({
      receiptNo: r.receipt_no,
      kind: r.submitter_kind,
      body: r.body,
      attachments: json<{ sha256: string }[]>(r.attachments).map((a) => a.sha256),
      moderation: r.moderation,
      moderationReason: r.moderation_reason,
      disposition: r.disposition,
      dispositionReason: r.disposition_reason,
      at: new Date(r.created_at).toISOString(),
    });
  }
  for (const [id, set] of sets) out.set(id, { set, hash: sha(canonicalize(set)) });
  return out;
}

export interface PublishedFacts {
  decisionId: string;
  title: string;
  body: string;
  publishedText: string;
  channels: string[];
  interpretation: string | null | undefined;
  adoptionStatement: string | null;
  collectiveDecision: string | null;
  executionUnit: string;
  publishedAt: string;
  confidential: boolean;
}

/**
 * The published decision (record kind `decision.published`, Art 32). A lawfully non-disclosable item
 * (第三十二条 "依法不予公开的除外") is anchored only with what the portal shows of it — title, body, execution
 * unit, date — never its text, interpretation or meeting outcome: ledger content is public.
 */
export function publishedContent(f: PublishedFacts) {
  if (f.confidential) {
    return {
      decisionId: f.decisionId,
      title: f.title,
      body: f.body,
      executionUnit: f.executionUnit,
      publishedAt: f.publishedAt,
      confidential: true,
    };
  }
  return {
    decisionId: f.decisionId,
    title: f.title,
    body: f.body,
    publishedText: f.publishedText,
    channels: f.channels,
    interpretation: f.interpretation,
    adoptionStatement: f.adoptionStatement,
    collectiveDecision: f.collectiveDecision,
    executionUnit: f.executionUnit,
    publishedAt: f.publishedAt,
  };
}

/** `<uuid><sep><n>` record ids → [uuid, n]; anything else is not ours and comes back missing. */
function splitIds(ids: string[], sep: ':v' | ':r') {
  const re = new RegExp(`^([0-9a-f-]{36})${sep}(\\d{1,6})$`, 'i');
  return ids.flatMap((id) => {
    const m = re.exec(id);
    return m && UUID.test(m[1]) ? [{ id, key: m[1], n: Number(m[2]) }] : [];
  });
}

async function stageSource(db: Executor, ids: string[]) {
  const valid = ids.filter((id) => UUID.test(id));
  if (valid.length === 0) return new Map<string, unknown>();
  const rows = await db
    .selectFrom('decision_stage_records')
    .innerJoin('decisions', 'decisions.id', 'decision_stage_records.decision_id')
    .select([
      'decision_stage_records.id',
      'decision_stage_records.decision_id',
      'decision_stage_records.stage',
      'decision_stage_records.round',
      'decision_stage_records.public_summary',
      'decision_stage_records.completed_at',
      'decisions.title',
    ])
    .where('decision_stage_records.id', 'in', valid)
    .execute();
  return new Map<string, unknown>(rows.map((r) => [r.id, stageContent(r, r.title)]));
}

async function catalogSource(db: Executor, ids: string[]) {
  const parsed = splitIds(ids, ':v');
  if (parsed.length === 0) return new Map<string, unknown>();
  const rows = await db
    .selectFrom('decision_catalog_versions')
    .select(['catalog_id', 'version', 'snapshot'])
    .where('catalog_id', 'in', [...new Set(parsed.map((p) => p.key))])
    .execute();
  const by = new Map(rows.map((r) => [`${r.catalog_id}:v${r.version}`, json<unknown>(r.snapshot)]));
  return new Map<string, unknown>(parsed.filter((p) => by.has(p.id)).map((p) => [p.id, by.get(p.id)]));
}

async function commentSetSource(db: Executor, ids: string[]) {
  const valid = ids.filter((id) => UUID.test(id));
  if (valid.length === 0) return new Map<string, unknown>();
  const rows = await db
    .selectFrom('decision_participations')
    .select(['id', 'decision_id', 'title', 'comment_count', 'comment_set_hash'])
    .where('id', 'in', valid)
    .execute();
  const sets = await commentSets(
    db,
    rows.map((r) => r.id),
  );
  return new Map<string, unknown>(
    rows.map((r) => {
      const recomputed = sets.get(r.id)!.hash;
      // The stored hash (shown on the portal) and the comments themselves must both still agree; either one
      // changed makes the content differ from what was anchored.
      const hash = r.comment_set_hash === recomputed ? recomputed : null;
      return [r.id, commentSetContent(r, r.comment_count ?? -1, hash)];
    }),
  );
}

async function publishedSource(db: Executor, ids: string[]) {
  const parsed = splitIds(ids, ':r');
  if (parsed.length === 0) return new Map<string, unknown>();
  const decisionIds = [...new Set(parsed.map((p) => p.key))];
  const stages = await db
    .selectFrom('decision_stage_records')
    .select(['decision_id', 'round', 'outcome'])
    .where('stage', '=', 'publication')
    .where('decision_id', 'in', decisionIds)
    .execute();
  const decisions = await db
    .selectFrom('decisions')
    .select(['id', 'published_text', 'published_at'])
    .where('id', 'in', decisionIds)
    .execute();
  const current = new Map(decisions.map((d) => [d.id, d]));
  const latestRound = new Map<string, number>();
  for (const s of stages) latestRound.set(s.decision_id, Math.max(latestRound.get(s.decision_id) ?? -1, s.round));
  const out = new Map<string, unknown>();
  for (const p of parsed) {
    const s = stages.find((x) => x.decision_id === p.key && x.round === p.n);
    const record = s ? json<{ record?: Record<string, unknown> }>(s.outcome).record : undefined;
    const d = current.get(p.key);
    if (!record || !d) continue;
    // The portal shows decisions.published_text / published_at, which belong to the latest published round.
    if (latestRound.get(p.key) === p.n) {
      const live: Record<string, unknown> = { ...record, publishedAt: d.published_at?.toISOString() ?? null };
      if ('publishedText' in record) live.publishedText = d.published_text;
      out.set(p.id, live);
    } else out.set(p.id, record);
  }
  return out;
}

/** Called from the module's init: the tamper sweep then checks every anchored decisions record against its rows. */
export function registerDecisionRecordSources(): void {
  registerRecordSource('decision.stage', stageSource);
  registerRecordSource('decision.catalog', catalogSource);
  registerRecordSource('decision.comment_set', commentSetSource);
  registerRecordSource('decision.published', publishedSource);
}
