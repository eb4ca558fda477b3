/**
 * Government inspection (政府督查工作条例). Each business action is one file in ./inspection/, one function,
 * one transaction; this file gathers them for the routes (`import * as cmd`) and the tests.
 */
export { assertInspectionTransition, assertTargetTransition } from './inspection/shared.js';
export { type PlanInspectionInput, planInspection } from './inspection/plan-inspection.js';
export { approveInspection } from './inspection/approve-inspection.js';
export { startInspection } from './inspection/start-inspection.js';
export { issueOrder } from './inspection/issue-order.js';
export { answerOrder, orderFeedback } from './inspection/answer-order.js';
export { serveConclusion } from './inspection/serve-conclusion.js';
export { requestReexamination } from './inspection/request-reexamination.js';
export { decideReexamination } from './inspection/decide-reexamination.js';
export { submitRectification } from './inspection/submit-rectification.js';
export { verifyRectification } from './inspection/verify-rectification.js';
