import type { Actor } from '../../platform/access/actor.js';
import type { Executor } from '../../platform/db/engine.js';
import { toLocalDate } from '../../platform/calendar/localdate.js';
import { getRecordProof } from '../../platform/ledger/index.js';
import { earliestOpinionOn } from './commands/procedure.js';
import { docAbilities } from './normative.policy.js';
import { type DocRow, filingQuery, gateFacts, loadBases, toFilingDto, toSummary } from './normative.repo.js';
import type { DocDetailDto } from './normative.schemas.js';
import { availableActions, requiredStages, STATUS_LABELS, statusLabelOn } from './normative.workflow.js';

/** Staff view of one document: everything, plus the abilities of this actor. */
export async function presentDetail(db: Executor, d: DocRow, actor: Actor, now: Date): Promise<DocDetailDto> {
  const facts = gateFacts(d);
  // The interpretation is supplied with the publish request itself, so it does not hide the action.
  const stages = requiredStages(facts);
  const at = stages.indexOf(d.status === 'expired' || d.status === 'repealed' ? 'in_force' : d.status);
  const versions = await db
    .selectFrom('normative_doc_versions')
    .select(['version', 'title', 'change_note', 'created_at'])
    .where('doc_id', '=', d.id)
    .orderBy('version', 'desc')
    .execute();
  const filing = await filingQuery(db).where('f.doc_id', '=', d.id).executeTakeFirst();
  const tasks = await db
    .selectFrom('normative_review_tasks')
    .selectAll()
    .where('doc_id', '=', d.id)
    .orderBy('created_at', 'desc')
    .execute();
  return {
    ...toSummary(d, toLocalDate(now)),
    enteredAfterwards: enteredAfterwards(d),
    body: d.body,
    draftingNote: d.drafting_note,
    docType: d.doc_type,
    businessRelated: d.business_related,
    affectsMarket: d.affects_market,
    commentRequired: d.comment_required,
    comment: {
      start: d.comment_start,
      end: d.comment_end,
      shortenedReason: d.comment_shortened_reason,
      count: d.comment_count,
      disposition: d.comment_disposition_report,
      done: d.comment_done,
    },
    fairReview: { done: d.fair_review_done, conclusion: d.fair_review_conclusion },
    legality: {
      submittedOn: d.legality_submitted_on,
      outcome: d.legality_outcome,
      opinion: d.legality_opinion,
      reviewedOn: d.legality_reviewed_on,
      earliestOpinionOn:
        d.status === 'legality_review' && d.legality_submitted_on ? earliestOpinionOn(d.legality_submitted_on) : null,
      earlyReason: d.legality_early_reason,
    },
    deliberation: { meeting: d.deliberation_meeting, heldOn: d.deliberation_on },
    interpretation: d.interpretation,
    contentHash: d.content_hash,
    endedOn: d.ended_on,
    endReason: d.end_reason,
    bases: await loadBases(db, d.id),
    versions: versions.map((v) => ({
      version: v.version,
      title: v.title,
      changeNote: v.change_note,
      createdAt: v.created_at.toISOString(),
    })),
    stages: stages.map((s, i) => ({
      status: s,
      label: STATUS_LABELS[s],
      done: i < at || (d.status === 'in_force' && s === 'in_force'),
      current: i === at,
    })),
    filing: filing ? toFilingDto(filing, now) : null,
    tasks: tasks.map((t) => ({
      id: t.id,
      docId: t.doc_id,
      kind: t.kind,
      reason: t.reason,
      dueOn: t.due_on,
      status: t.status,
      outcome: t.outcome,
    })),
    abilities: docAbilities(
      actor,
      d.org_path,
      d.status,
      availableActions({ ...facts, hasInterpretation: true }),
      filing?.status ?? null,
    ),
  };
}

/** 补录: when and why the document was entered afterwards (null for documents made through the procedure here). */
const enteredAfterwards = (d: DocRow) =>
  d.entered_afterwards && d.entered_at ? { reason: d.entry_reason, on: toLocalDate(new Date(d.entered_at)) } : null;

/** Public view: only what was published, with its history and the ledger proof. */
export async function presentPublic(db: Executor, d: DocRow, today?: string) {
  const proof = await getRecordProof(db, 'normative_doc', d.id);
  const history: { date: string; event: string }[] = [];
  if (d.comment_start) history.push({ date: d.comment_start, event: `公开征求意见（至${d.comment_end}）` });
  if (d.legality_reviewed_on) history.push({ date: d.legality_reviewed_on, event: '通过合法性审核' });
  if (d.deliberation_on)
    history.push({ date: d.deliberation_on, event: `${d.deliberation_meeting ?? '集体审议'}审议通过` });
  if (d.published_on) history.push({ date: d.published_on, event: `公布（${d.registration_no ?? ''}）` });
  if (d.effective_on) history.push({ date: d.effective_on, event: '施行' });
  // Formal corrections after publication, each with its reason (commands/correct.ts).
  const corrections = await db
    .selectFrom('normative_doc_versions')
    .select(['change_note', 'created_at'])
    .where('doc_id', '=', d.id)
    .where('change_note', 'like', '更正：%')
    .orderBy('version')
    .execute();
  for (const c of corrections) history.push({ date: toLocalDate(new Date(c.created_at)), event: c.change_note });
  const filing = await db
    .selectFrom('normative_filings')
    .select(['status', 'reviewed_on', 'submitted_on'])
    .where('doc_id', '=', d.id)
    .executeTakeFirst();
  if (filing?.submitted_on) history.push({ date: filing.submitted_on, event: '报送备案' });
  if (filing?.status === 'accepted' && filing.reviewed_on)
    history.push({ date: filing.reviewed_on, event: '备案审查通过' });
  if (d.ended_on) history.push({ date: d.ended_on, event: d.end_reason ?? STATUS_LABELS[d.status] });
  history.sort((a, b) => a.date.localeCompare(b.date));
  return {
    id: d.id,
    title: d.title,
    orgName: d.org_name,
    registrationNo: d.registration_no,
    status: d.status,
    statusLabel: statusLabelOn(d, today),
    publishedOn: d.published_on,
    effectiveOn: d.effective_on,
    validUntil: d.valid_until,
    endedOn: d.ended_on,
    endReason: d.end_reason,
    body: d.body,
    interpretation: d.interpretation,
    commentWaiverReason: d.comment_waiver_reason,
    earlyEffectReason: d.early_effect_reason,
    enteredAfterwards: enteredAfterwards(d),
    bases: await loadBases(db, d.id),
    history,
    contentHash: d.content_hash,
    proof: proof
      ? proof.status === 'pending'
        ? { status: 'pending' as const, leafHash: proof.entry.leafHash, index: null, recordState: proof.recordState }
        : {
            status: 'included' as const,
            leafHash: proof.entry.leafHash,
            index: proof.entry.index,
            recordState: proof.recordState,
          }
      : null,
  };
}
