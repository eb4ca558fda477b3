import { AppError, conflict } from '../../platform/errors.js';
import { DISPOSITION_LABELS, type Disposition, type Moderation } from './public-comment.contract.js';

/**
 * What happens to every comment after it is received, the same way for every comment period: moderation
 * (published on the portal, or withheld with a reason kept in the record), a mandatory disposition of each
 * published comment (adopted, partly adopted or not adopted, always with a reason), and the statement of how
 * the comments were adopted (意见采纳情况说明, the glossary's `comment_disposition_report`) compiled from those dispositions — never typed by hand.
 * 《重大行政决策程序暂行条例》第十八条 (the statement of adoption); normative drafts are commented on the same way.
 */

export interface CommentState {
  receiptNo: string;
  moderation: Moderation;
  disposition: Disposition | null;
  dispositionReason?: string | null;
  body: string;
}

/** Withholding a comment needs the reason (privacy, unrelated, unlawful content …): 422 naming `reason`. */
export function assertModeration(moderation: Moderation, reason: string | null | undefined): void {
  if (moderation === 'rejected' && !reason?.trim())
    throw new AppError(
      'unprocessable',
      '不予公开的，请写明理由（例如含有个人隐私、与征求意见事项无关、含违法内容）。',
      {
        field: 'reason',
      },
    );
}

/** A withheld comment is not disposed of (409). */
export function assertDisposable(c: Pick<CommentState, 'moderation'>): void {
  if (c.moderation === 'rejected') throw conflict('该意见已决定不予公开，无需作出采纳处理。');
}

/**
 * Before a period is closed, every comment is moderated and every published one disposed of: otherwise a 422
 * listing the receipt numbers still open.
 */
export function assertAllDisposed(cs: readonly Pick<CommentState, 'receiptNo' | 'moderation' | 'disposition'>[]): void {
  const pending = cs.filter((c) => c.moderation === 'pending').length;
  const undisposed = cs.filter((c) => c.moderation !== 'rejected' && c.disposition === null).map((c) => c.receiptNo);
  if (pending || undisposed.length)
    throw new AppError(
      'unprocessable',
      `还有${pending ? `${pending}条意见未审核、` : ''}${undisposed.length}条意见未作出采纳处理（采纳、部分采纳或不予采纳并说明理由），请处理后再结束征求意见。`,
      { undisposed, pending },
    );
}

/** Counts of the comments that count (published), by disposition. */
export function tally(cs: readonly Pick<CommentState, 'moderation' | 'disposition'>[]) {
  const valid = cs.filter((c) => c.moderation !== 'rejected');
  const n = (k: Disposition) => valid.filter((c) => c.disposition === k).length;
  return {
    valid: valid.length,
    adopted: n('adopted'),
    partlyAdopted: n('partly_adopted'),
    notAdopted: n('not_adopted'),
  };
}

/**
 * The statement's lines for one comment period: the counts, then each comment not fully adopted with its reason
 * (a comment that was adopted needs no explanation; one that was not must say why).
 */
export function dispositionReportLines(
  period: { title: string; opensOn: string | null; closesOn: string | null; shortenedReason?: string | null },
  cs: readonly CommentState[],
): string[] {
  const t = tally(cs);
  const lines = [
    `公开征求意见「${period.title}」（${period.opensOn ?? ''}至${period.closesOn ?? ''}${period.shortenedReason ? `，缩短期限理由：${period.shortenedReason}` : ''}）：收到有效意见${t.valid}条，采纳${t.adopted}条，部分采纳${t.partlyAdopted}条，不予采纳${t.notAdopted}条。`,
  ];
  for (const c of cs.filter((x) => x.moderation !== 'rejected' && x.disposition !== 'adopted'))
    lines.push(
      `  · ${c.body.slice(0, 60)}——${c.disposition ? DISPOSITION_LABELS[c.disposition] : '未处理'}，理由：${c.dispositionReason ?? ''}`,
    );
  return lines;
}

/** How the portal names a commenter: anonymous stays anonymous, a person shows only the surname. */
export function maskedSubmitter(kind: 'anonymous' | 'individual' | 'organization', name: string | null): string {
  if (kind === 'anonymous') return '匿名';
  if (kind === 'organization') return name ?? '单位';
  return `${(name ?? '').slice(0, 1)}**`;
}
