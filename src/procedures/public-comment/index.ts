/**
 * The public comment period (公开征求意见) as a procedure kernel: intake from the portal (form, cleaning,
 * window, duplicate check, receipt number) and what follows (moderation, mandatory disposition, the compiled
 * adoption statement). It knows no module: the caller keeps its own tables and audit events and calls these
 * inside its own transaction. Used by decisions and normative documents.
 */
export * from './disposition.js';
export * from './duplicates.js';
export * from './intake.js';
export * from './public-comment.contract.js';
