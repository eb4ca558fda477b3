/**
 * The assigned reply's vocabulary, shared with the web app (pure data): the statuses of a matter assigned to a
 * handling unit for a reply by a date (督办单; later deputies' suggestions and proposals, bad-review rectification)
 * and the assigner's feedback on the reply.
 */
import { vocabulary } from '../../platform/vocabulary.contract.js';
const REPLY_STATUS_VOCAB = vocabulary({
  issued: '待答复',
  return_requested: '申请退回',
  returned: '已退回交办方',
  answered: '已答复',
  rehandling: '重新办理',
  closed: '已办结',
});
export const REPLY_STATUS_LABELS = REPLY_STATUS_VOCAB.labels;
export const REPLY_STATUSES = REPLY_STATUS_VOCAB.values;
export type ReplyStatus = (typeof REPLY_STATUSES)[number];
