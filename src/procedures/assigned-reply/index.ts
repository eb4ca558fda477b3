/**
 * The assigned reply with a deadline (see reply.ts): assignment to a lead unit with co-handlers, return request,
 * reply, the assigner's feedback, re-handling. Used by the plan's follow-up orders (督办单); deputies' suggestions
 * and bad-review rectification will use it.
 */
export * from './assigned-reply.contract.js';
export * from './reply.js';
