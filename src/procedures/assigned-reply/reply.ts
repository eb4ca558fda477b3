import { defineWorkflow, type Workflow } from '../../platform/workflow/index.js';
import { REPLY_STATUS_LABELS, REPLY_STATUSES, type ReplyStatus } from './assigned-reply.contract.js';

/**
 * An assigned reply with a deadline, as a procedure kernel: a body assigns a matter to a lead handling unit (with
 * co-handlers when several units share it) for a written reply by a date; the unit may ask to hand it back when it
 * is not its responsibility; the assigner accepts the reply or sends it back for re-handling with its reasons. It
 * knows no module: a module declares its own workflow from this shape (its name, entity and legal bases), keeps
 * the rows, and runs the actions through the command frame.
 *
 *   issued → answered → closed
 *   issued → return_requested → returned | issued
 *   answered → rehandling → answered → …
 */
export type ReplyAction =
  | 'request_return'
  | 'approve_return'
  | 'refuse_return'
  | 'answer'
  | 'accept'
  | 'require_rehandling';
export type ReplyParty = 'assigner' | 'handler';

export interface ReplyFacts {
  /** Co-handlers whose view the lead unit has not yet received (the lead replies for all). */
  coHandlersPending: string[];
  /** The assigner's reasons when it sends a reply back. */
  feedback?: string | null;
}

export interface AssignedReplySpec {
  /** '<module>.<entity>', e.g. 'plan.inspection-order'. */
  name: string;
  /** e.g. '督办单'. */
  entity: string;
  parties?: Partial<Record<ReplyParty, string>>;
  /** The article behind each step (assignment and reply; return; feedback and re-handling). */
  basis: { reply: string; return: string; feedback: string };
}

/** Declares a module's assigned-reply workflow. */
export function assignedReplyWorkflow(
  spec: AssignedReplySpec,
): Workflow<ReplyStatus, ReplyAction, ReplyParty, ReplyFacts> {
  return defineWorkflow<ReplyStatus, ReplyAction, ReplyParty, ReplyFacts>({
    name: spec.name,
    entity: spec.entity,
    statuses: REPLY_STATUSES,
    statusLabels: REPLY_STATUS_LABELS,
    initial: 'issued',
    parties: { assigner: spec.parties?.assigner ?? '交办单位', handler: spec.parties?.handler ?? '承办单位' },
    actions: {
      request_return: {
        label: '申请退回',
        from: ['issued'],
        to: 'return_requested',
        by: ['handler'],
        basis: spec.basis.return,
      },
      approve_return: {
        label: '同意退回',
        from: ['return_requested'],
        to: 'returned',
        by: ['assigner'],
        basis: spec.basis.return,
      },
      refuse_return: {
        label: '不同意退回',
        from: ['return_requested'],
        to: 'issued',
        by: ['assigner'],
        basis: spec.basis.return,
      },
      answer: {
        label: '答复',
        from: ['issued', 'rehandling'],
        to: 'answered',
        by: ['handler'],
        basis: spec.basis.reply,
        gates: [
          {
            name: 'coHandlersHeard',
            basis: spec.basis.reply,
            check: (f) =>
              f.coHandlersPending.length ? `协办单位尚未提出意见：${f.coHandlersPending.join('、')}` : null,
          },
        ],
      },
      accept: { label: '确认办结', from: ['answered'], to: 'closed', by: ['assigner'], basis: spec.basis.feedback },
      require_rehandling: {
        label: '要求重新办理',
        from: ['answered'],
        to: 'rehandling',
        by: ['assigner'],
        basis: spec.basis.feedback,
        gates: [
          {
            name: 'feedbackGiven',
            basis: spec.basis.feedback,
            refusal: 'content',
            check: (f) =>
              (f.feedback ?? '').trim().length >= 5 ? null : '请写明要求重新办理的理由和要求（至少 5 个字）',
          },
        ],
      },
    },
  });
}
