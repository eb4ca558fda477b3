/**
 * Legality review as a procedure kernel (see review.ts): levels in order, independence between levels, the
 * reviewing body's minimum time by calendar rule, conclusions with reasons, re-review after revision. Used by
 * decisions and normative documents; contracts and enforcement (法制审核) will use it.
 */
export * from './legality-review.contract.js';
export * from './review.js';
