/**
 * The assigned reply's vocabulary, shared with the web app (pure data): the statuses of a matter assigned to a
 * handling unit for a reply by a date (督办单; later deputies' suggestions and proposals, bad-review rectification)
 * and the assigner's feedback on the reply.
 */
export const REPLY_STATUSES = ['issued', 'return_requested', 'returned', 'answered', 'rehandling', 'closed'] as const;
export type ReplyStatus = (typeof REPLY_STATUSES)[number];
export const REPLY_STATUS_LABELS: Record<ReplyStatus, string> = {
  issued: '待答复',
  return_requested: '申请退回',
  returned: '已退回交办方',
  answered: '已答复',
  rehandling: '重新办理',
  closed: '已办结',
};
