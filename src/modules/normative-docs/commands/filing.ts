import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import { closeDeadlinesFor, formatZh, registerDeadline, today } from '../../../platform/calendar/index.js';
import type { Db, Trx } from '../../../platform/db/engine.js';
import { AppError, conflict, notFound, unprocessable } from '../../../platform/errors.js';
import type { z } from '../../../platform/http/zod.js';
import { anchorRecord } from '../../../platform/ledger/index.js';
import { normativePolicy } from '../normative.policy.js';
import { filingReceiptContent } from '../normative.records.js';
import type { FilingReviewBody, FilingSubmitBody } from '../normative.schemas.js';
import { FILING_MATERIALS, type FilingMaterial, type FilingStatus } from '../normative.tables.js';
import { nowOf } from '../../../platform/clock.js';

export const MATERIAL_LABELS: Record<FilingMaterial, string> = {
  filing_report: '备案报告',
  text: '文件正式文本',
  drafting_explanation: '起草说明',
  legal_bases: '制定依据',
};

/** The shortest drafting explanation accepted at filing (a sentence on background, basis and content). */
const MIN_EXPLANATION = 20;

/**
 * The formal check of the package (same 条例 Art 10; Art 12 returns incomplete filings): every material is
 * ticked, and the drafting explanation and the legal bases actually exist on the document, not just as
 * ticked names. A drafting explanation missing from the document may be supplied with the filing (it is then
 * kept on the document); legal bases cannot be added after publication (they were published and anchored
 * with the text). Returns the explanation to store, if supplied.
 */
function formalCheck(
  input: z.infer<typeof FilingSubmitBody>,
  doc: { draftingNote: string; bases: number },
): { suppliedNote: string | null } {
  const missing = FILING_MATERIALS.filter((m) => !input.materials.includes(m));
  if (missing.length) {
    throw unprocessable(`备案材料不齐全，缺少：${missing.map((m) => MATERIAL_LABELS[m]).join('、')}。请补齐后报送。`, {
      field: 'materials',
      missing,
    });
  }
  const supplied = input.draftingExplanation?.trim() ?? '';
  const hasNote = doc.draftingNote.trim().length > 0;
  const problems: { field: string; text: string }[] = [];
  if (!hasNote && supplied.length < MIN_EXPLANATION) {
    problems.push({
      field: 'draftingExplanation',
      text: `起草说明（本文件未附起草说明，请在“起草说明”栏填写制定背景、依据和主要内容，至少 ${MIN_EXPLANATION} 个字）`,
    });
  }
  if (doc.bases === 0) {
    problems.push({
      field: 'legal_bases',
      text: '制定依据（本文件未记载所依据的法律、法规及条款。制定依据随正文公布、不能事后补记，请按程序修改文件并载明制定依据后重新公布，或联系司法局）',
    });
  }
  if (problems.length) {
    throw unprocessable(
      `已勾选的材料在文件中并不存在，缺少：${problems.map((p) => p.text).join('；')}。备案未报送，文件未作改动。`,
      { field: problems[0]!.field, missing: problems.map((p) => p.field) },
    );
  }
  return { suppliedNote: hasNote ? null : supplied };
}

/** The filing of a document with what the filing steps read of the document, locked; 404 when not visible. */
async function lockFiling(trx: Trx, ctx: RequestCtx, docId: string) {
  const f = await trx
    .selectFrom('normative_filings as f')
    .innerJoin('organizations as o', 'o.id', 'f.org_id')
    .innerJoin('normative_docs as d', 'd.id', 'f.doc_id')
    .selectAll('f')
    .select([
      'o.path as org_path',
      'd.published_on',
      'd.drafting_note',
      'd.title',
      'd.registration_no',
      'd.content_hash',
    ])
    .where('f.doc_id', '=', docId)
    .forUpdate()
    .executeTakeFirst();
  if (!f || !ctx.actor || !normativePolicy.view(ctx.actor, f.org_path)) throw notFound('备案记录');
  return { ...f, actor: ctx.actor };
}

/**
 * Submit the filing (上海市人大常委会规范性文件备案审查条例 Art 10: within 30 days of publication, with the filing
 * report, the text and the explanatory materials). The formal check happens here: incomplete packages are
 * refused with the missing items named. A filing after the deadline is accepted and marked late; a
 * resubmission after a return closes the supplement deadline (Art 12).
 */
export async function submitFiling(
  db: Db,
  ctx: RequestCtx,
  docId: string,
  input: z.infer<typeof FilingSubmitBody>,
  now = nowOf(ctx),
) {
  await db.transaction().execute(async (trx) => {
    const f = await lockFiling(trx, ctx, docId);
    if (!normativePolicy.manage(f.actor, f.org_path))
      throw new AppError('forbidden', '只有制定单位的法治联络员或负责人可以报送备案。');
    if (f.status !== 'pending' && f.status !== 'returned') {
      throw conflict(`备案当前为“${f.status === 'submitted' ? '已报送待审查' : '已审查'}”，不能重复报送`, {
        status: f.status,
      });
    }
    const bases = await trx
      .selectFrom('normative_doc_bases as b')
      .innerJoin('laws as l', 'l.id', 'b.law_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('b.doc_id', '=', docId)
      .executeTakeFirstOrThrow();
    const { suppliedNote } = formalCheck(input, { draftingNote: f.drafting_note, bases: Number(bases.n) });
    const t = today(now);
    const submittedOn = input.submittedOn ?? t;
    if (submittedOn > t) throw unprocessable('报送日期不能晚于今天', { field: 'submittedOn' });
    if (f.published_on && submittedOn < f.published_on)
      throw unprocessable('报送日期不能早于文件公布日期', { field: 'submittedOn' });
    // A resubmission after a return is judged against the supplement deadline; the first against the 30 days.
    const due = f.status === 'returned' && f.supplement_due_on ? f.supplement_due_on : f.due_on;
    const late = f.status === 'returned' ? Boolean(f.late) || submittedOn > due : submittedOn > due;
    await trx
      .updateTable('normative_filings')
      .set({
        status: 'submitted',
        submitted_on: f.status === 'returned' ? f.submitted_on : submittedOn,
        late,
        materials: JSON.stringify(input.materials),
        report: input.report,
        submissions: f.submissions + 1,
        updated_at: nowOf(ctx),
      })
      .where('id', '=', f.id)
      .execute();
    if (suppliedNote) {
      await trx
        .updateTable('normative_docs')
        .set({ drafting_note: suppliedNote, updated_at: nowOf(ctx) })
        .where('id', '=', docId)
        .execute();
    }
    await closeDeadlinesFor(trx, ctx, 'normative_doc', docId, 'normative.filing');
    if (f.status === 'returned') await closeDeadlinesFor(trx, ctx, 'normative_doc', docId, SUPPLEMENT_RULE);
    await recordAudit(trx, ctx, {
      action: 'normative_filing.submitted',
      entityKind: 'normative_doc',
      entityId: docId,
      orgId: f.org_id,
      data: { submittedOn, late, dueOn: due, ...(suppliedNote ? { draftingNoteSupplied: true } : {}) },
    });
  });
}

const OUTCOME_LABELS: Record<z.infer<typeof FilingReviewBody>['outcome'], string> = {
  accepted: '准予备案',
  returned: '退回补充材料',
  correction_required: '要求纠正',
  revocation_proposed: '建议撤销',
};

/** The supplement period after a return (条例 Art 12: 10 working days; configurable on the rules page). */
export const SUPPLEMENT_RULE = 'normative.filing_supplement';

/**
 * The reviewing body's substantive review (same 条例 Arts 28–35). Accepted filings get a receipt anchored in
 * the ledger; a return registers the supplement deadline with the deadline engine (rule
 * `normative.filing_supplement`, so it gets due-soon and overdue sweeps); correction and revocation flag the
 * document for the drafting unit.
 */
export async function reviewFiling(
  db: Db,
  ctx: RequestCtx,
  docId: string,
  input: z.infer<typeof FilingReviewBody>,
  now = nowOf(ctx),
) {
  await db.transaction().execute(async (trx) => {
    const f = await lockFiling(trx, ctx, docId);
    if (!normativePolicy.review(f.actor, f.org_path))
      throw new AppError('forbidden', '只有备案审查机构（司法局）人员可以审查备案。');
    if (f.status !== 'submitted') throw conflict('只能审查“已报送待审查”的备案', { status: f.status });
    const t = today(now);
    const supplementDue =
      input.outcome === 'returned'
        ? (
            await registerDeadline(trx, ctx, {
              entityKind: 'normative_doc',
              entityId: docId,
              ruleId: SUPPLEMENT_RULE,
              triggerDate: t,
              orgId: f.org_id,
              label: `${f.title}（备案补正）`,
            })
          ).due_date
        : null;
    const status: FilingStatus = input.outcome;
    await trx
      .updateTable('normative_filings')
      .set({
        status,
        review_opinion: input.opinion,
        reviewed_on: t,
        reviewer_id: f.actor.userId,
        supplement_due_on: supplementDue,
        updated_at: nowOf(ctx),
      })
      .where('id', '=', f.id)
      .execute();
    if (input.outcome === 'accepted') {
      await anchorRecord(trx, {
        recordKind: 'normative_filing_receipt',
        recordId: f.id,
        content: filingReceiptContent(f, f, t),
      });
    }
    if (input.outcome === 'correction_required' || input.outcome === 'revocation_proposed') {
      await trx
        .updateTable('normative_docs')
        .set({ needs_review: true, updated_at: nowOf(ctx) })
        .where('id', '=', docId)
        .execute();
    }
    await recordAudit(trx, ctx, {
      action: 'normative_filing.reviewed',
      entityKind: 'normative_doc',
      entityId: docId,
      orgId: f.org_id,
      data: {
        outcome: input.outcome,
        opinion: supplementDue
          ? `${OUTCOME_LABELS[input.outcome]}，请于${formatZh(supplementDue)}前补充报送：${input.opinion}`
          : input.opinion,
        supplementDueOn: supplementDue,
      },
    });
  });
}
