import type { RequestCtx } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/index.js';
import { addWorkingDays, closeDeadlinesFor, formatZh, today } from '../../../platform/calendar/index.js';
import type { Db } from '../../../platform/db/engine.js';
import { AppError, conflict, notFound, unprocessable } from '../../../platform/errors.js';
import type { z } from '../../../platform/http/zod.js';
import { anchorRecord } from '../../../platform/ledger/index.js';
import { normativeSettings } from '../normative.config.js';
import { normativePolicy } from '../normative.policy.js';
import type { FilingReviewBody, FilingSubmitBody } from '../normative.schemas.js';
import { FILING_MATERIALS, type FilingMaterial, type FilingStatus } from '../normative.tables.js';

export const MATERIAL_LABELS: Record<FilingMaterial, string> = {
  filing_report: '备案报告',
  text: '文件正式文本',
  drafting_explanation: '起草说明',
  legal_bases: '制定依据',
};

/**
 * Submit the filing (上海市人大常委会规范性文件备案审查条例 Art 10: within 30 days of publication, with the filing
 * report, the text and the explanatory materials). The formal check happens here: incomplete packages are
 * refused with the missing items named. A filing after the deadline is accepted and marked late.
 */
export async function submitFiling(
  db: Db,
  ctx: RequestCtx,
  docId: string,
  input: z.infer<typeof FilingSubmitBody>,
  now = new Date(),
) {
  await db.transaction().execute(async (trx) => {
    const f = await trx
      .selectFrom('normative_filings as f')
      .innerJoin('organizations as o', 'o.id', 'f.org_id')
      .innerJoin('normative_docs as d', 'd.id', 'f.doc_id')
      .selectAll('f')
      .select(['o.path as org_path', 'd.published_on'])
      .where('f.doc_id', '=', docId)
      .forUpdate()
      .executeTakeFirst();
    if (!f || !ctx.actor || !normativePolicy.view(ctx.actor, f.org_path)) throw notFound('备案记录');
    if (!normativePolicy.manage(ctx.actor, f.org_path))
      throw new AppError('forbidden', '只有制定单位的法治联络员或负责人可以报送备案。');
    if (f.status !== 'pending' && f.status !== 'returned') {
      throw conflict(`备案当前为“${f.status === 'submitted' ? '已报送待审查' : '已审查'}”，不能重复报送`, {
        status: f.status,
      });
    }
    const missing = FILING_MATERIALS.filter((m) => !input.materials.includes(m));
    if (missing.length) {
      throw unprocessable(
        `备案材料不齐全，缺少：${missing.map((m) => MATERIAL_LABELS[m]).join('、')}。请补齐后报送。`,
        { field: 'materials', missing },
      );
    }
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
        updated_at: new Date(),
      })
      .where('id', '=', f.id)
      .execute();
    await closeDeadlinesFor(trx, ctx, 'normative_doc', docId, 'normative.filing');
    await recordAudit(trx, ctx, {
      action: 'normative_filing.submitted',
      entityKind: 'normative_doc',
      entityId: docId,
      orgId: f.org_id,
      data: { submittedOn, late, dueOn: due },
    });
  });
}

const OUTCOME_LABELS: Record<z.infer<typeof FilingReviewBody>['outcome'], string> = {
  accepted: '准予备案',
  returned: '退回补充材料',
  correction_required: '要求纠正',
  revocation_proposed: '建议撤销',
};

/**
 * The reviewing body's substantive review (same 条例 Arts 28–35). Accepted filings get a receipt anchored in
 * the ledger; a return sets the supplement deadline (10 working days by default); correction and revocation
 * flag the document for the drafting unit.
 */
export async function reviewFiling(
  db: Db,
  ctx: RequestCtx,
  docId: string,
  input: z.infer<typeof FilingReviewBody>,
  now = new Date(),
) {
  const settings = normativeSettings();
  await db.transaction().execute(async (trx) => {
    const f = await trx
      .selectFrom('normative_filings as f')
      .innerJoin('organizations as o', 'o.id', 'f.org_id')
      .innerJoin('normative_docs as d', 'd.id', 'f.doc_id')
      .selectAll('f')
      .select(['o.path as org_path', 'd.title', 'd.registration_no', 'd.content_hash'])
      .where('f.doc_id', '=', docId)
      .forUpdate()
      .executeTakeFirst();
    if (!f || !ctx.actor || !normativePolicy.view(ctx.actor, f.org_path)) throw notFound('备案记录');
    if (!normativePolicy.review(ctx.actor, f.org_path))
      throw new AppError('forbidden', '只有备案审查机构（司法局）人员可以审查备案。');
    if (f.status !== 'submitted') throw conflict('只能审查“已报送待审查”的备案', { status: f.status });
    const t = today(now);
    const supplementDue = input.outcome === 'returned' ? addWorkingDays(t, settings.supplementWorkingDays) : null;
    const status: FilingStatus = input.outcome;
    await trx
      .updateTable('normative_filings')
      .set({
        status,
        review_opinion: input.opinion,
        reviewed_on: t,
        reviewer_id: ctx.actor.userId,
        supplement_due_on: supplementDue,
        updated_at: new Date(),
      })
      .where('id', '=', f.id)
      .execute();
    if (input.outcome === 'accepted') {
      await anchorRecord(trx, {
        recordKind: 'normative_filing_receipt',
        recordId: f.id,
        content: {
          docId,
          title: f.title,
          registrationNo: f.registration_no,
          contentHash: f.content_hash,
          submittedOn: f.submitted_on,
          late: f.late,
          acceptedOn: t,
        },
      });
    }
    if (input.outcome === 'correction_required' || input.outcome === 'revocation_proposed') {
      await trx
        .updateTable('normative_docs')
        .set({ needs_review: true, updated_at: new Date() })
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
