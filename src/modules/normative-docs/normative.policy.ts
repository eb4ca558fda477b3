import type { Actor, Role } from '../../platform/access/actor.js';
import { canSeeOrg, hasAnyRole } from '../../platform/access/scope.js';
import type { DocStatus } from './normative.workflow.js';

/** Who in the drafting unit writes and moves a document. */
const DRAFTERS: Role[] = ['liaison', 'principal_head', 'staff'];
/** Who in the drafting unit may take the unit's formal steps (submit, register, publish, file). */
const UNIT_MANAGERS: Role[] = ['liaison', 'principal_head'];
/** The legality-review body (司法局 / 法制机构): legality opinions and filing review. */
const REVIEWERS: Role[] = ['legality_reviewer'];

/** Pure rules: actor × document (its unit path and status). */
export const normativePolicy = {
  view: (a: Actor | null, orgPath: string) => canSeeOrg(a, orgPath),
  draft: (a: Actor | null, orgPath: string) => hasAnyRole(a, DRAFTERS, orgPath),
  manage: (a: Actor | null, orgPath: string) => hasAnyRole(a, UNIT_MANAGERS, orgPath),
  review: (a: Actor | null, orgPath: string) => hasAnyRole(a, REVIEWERS, orgPath),
  manageIssuingBodies: (a: Actor | null) => hasAnyRole(a, ['system_admin', 'legality_reviewer']),
  runCleanup: (a: Actor | null) => hasAnyRole(a, ['coordinator', 'legality_reviewer']),
  decideCleanup: (a: Actor | null, orgPath: string) => hasAnyRole(a, [...UNIT_MANAGERS, 'legality_reviewer'], orgPath),
};

/** The abilities map for one document: the UI shows only what the server will allow. */
export function docAbilities(
  a: Actor | null,
  orgPath: string,
  status: DocStatus,
  actions: string[],
  filingStatus: string | null = null,
): Record<string, boolean> {
  const manage = normativePolicy.manage(a, orgPath);
  const review = normativePolicy.review(a, orgPath);
  const has = (x: string) => actions.includes(x);
  return {
    edit: status === 'draft' && normativePolicy.draft(a, orgPath),
    startComment: manage && has('start_comment'),
    finishComment: manage && has('finish_comment'),
    submitFairReview: manage && has('submit_fair_review'),
    recordFairReview: manage && status === 'fair_review',
    submitLegalityReview: manage && has('submit_legality_review'),
    recordLegalityReview: review && status === 'legality_review',
    recordDeliberation: manage && status === 'deliberation',
    /** The drafting unit disposes of each public comment while the period runs (commands/comments.ts). */
    disposeComments: status === 'commenting' && normativePolicy.draft(a, orgPath),
    register: manage && has('register'),
    publish: manage && has('publish'),
    repeal: manage && status === 'in_force',
    correct: manage && has('correct'),
    submitFiling: manage && (filingStatus === 'pending' || filingStatus === 'returned'),
    reviewFiling: review && filingStatus === 'submitted',
  };
}
