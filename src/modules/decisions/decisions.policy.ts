import type { Actor } from '../../platform/access/actor.js';
import { canSeeOrg, hasAnyRole, hasRole } from '../../platform/access/scope.js';
import { ACTIONS, type DecisionAction, type DecisionStatus, canTransition } from './decisions.workflow.js';

/** Org paths a decision involves: the decision body, the responsible (lead) unit, the execution unit. */
export interface DecisionOrgs {
  bodyPath: string;
  leadPath: string;
  executionPath: string | null;
}

/**
 * The decision body acts through the district government office / rule-of-law office (coordinator) or the
 * body's own head and liaison (沪府令35号: the district government office runs the system in the district).
 */
export const isBodyManager = (a: Actor | null, bodyPath: string) =>
  hasRole(a, 'system_admin', bodyPath) ||
  hasRole(a, 'coordinator', bodyPath) ||
  hasAnyRole(a, ['principal_head', 'liaison'], bodyPath);

/** The responsible unit's staff do the drafting, participation and reports. */
export const isLeadWorker = (a: Actor | null, leadPath: string) =>
  hasAnyRole(a, ['staff', 'liaison', 'principal_head'], leadPath);

/**
 * The first level of the two-level legality review (沪府办发〔2020〕5号) is the responsible unit's *own* legal
 * office: its rule-of-law liaison or legal adviser whose own organisation is the responsible unit (or one of
 * its sections). A district-wide grant — the justice bureau's reviewers and advisers hold theirs over the whole
 * district — does not make someone the unit's legal office, or the bureau could sign both levels.
 */
export const isUnitLegalOffice = (a: Actor | null, leadPath: string) =>
  !!a && a.orgPath.startsWith(leadPath) && (hasRole(a, 'liaison', leadPath) || hasRole(a, 'legal_adviser', leadPath));

export const decisionsPolicy = {
  view: (a: Actor | null, o: DecisionOrgs) =>
    canSeeOrg(a, o.bodyPath) || canSeeOrg(a, o.leadPath) || (o.executionPath !== null && canSeeOrg(a, o.executionPath)),
  manageCatalog: (a: Actor | null, bodyPath: string) => isBodyManager(a, bodyPath),
  /**
   * A catalog is seen by whoever sees its body, and by the units under that body: they propose items to it
   * (Art 10) and must know what the district plans. Their own items remain the only ones they open.
   */
  viewCatalog: (a: Actor | null, bodyPath: string) => canSeeOrg(a, bodyPath) || (!!a && a.orgPath.startsWith(bodyPath)),
  /** Departments may propose items with themselves as lead unit to a draft catalog (Art 10). */
  proposeItem: (a: Actor | null, bodyPath: string, leadPath: string) =>
    isBodyManager(a, bodyPath) || isLeadWorker(a, leadPath),
  viewMonthlySupervision: (a: Actor | null) =>
    hasAnyRole(a, ['coordinator', 'system_admin', 'leader', 'legality_reviewer']),
  /**
   * Changing an item's planned completion date (`POST /items/:id/plan`, commands/adjust-plan.ts): catalog
   * content, so the decision body only; not for a withdrawn, completed or archived item, and not while the
   * catalog sits between the Party committee's consent and publication.
   */
  adjustPlan: (a: Actor | null, bodyPath: string, status: string, catalogStatus: string | null) =>
    isBodyManager(a, bodyPath) &&
    !['withdrawn', 'completed', 'archived'].includes(status) &&
    catalogStatus !== null &&
    catalogStatus !== 'approved',
};

/** Who may perform each procedure action (on top of the transition table). */
export function mayAct(a: Actor | null, action: DecisionAction, o: DecisionOrgs, level?: 'unit' | 'justice'): boolean {
  if (!a) return false;
  const body = isBodyManager(a, o.bodyPath);
  const lead = isLeadWorker(a, o.leadPath) || body;
  switch (action) {
    case 'initiate':
    case 'recordCollectiveDecision':
    case 'reportToParty':
    case 'publish':
    case 'startPostEvaluation':
    case 'completePostEvaluation':
    case 'completeExecution':
    case 'archive':
    case 'suspend':
    case 'resume':
    case 'adjust':
    case 'withdraw':
      return body;
    case 'recordLegalityOpinion':
      // Two levels (沪府办发〔2020〕5号): the unit's legal office, then the justice bureau.
      // The command also refuses the bureau level to whoever gave this pass's unit-level opinion.
      return level === 'justice' ? hasRole(a, 'legality_reviewer', o.leadPath) : isUnitLegalOffice(a, o.leadPath);
    case 'reportProgress':
      return body || (o.executionPath !== null && isLeadWorker(a, o.executionPath));
    default:
      return lead;
  }
}

/** The abilities map for the workbench: an action shows only when the table and the policy both allow it. */
export function decisionAbilities(
  a: Actor | null,
  status: DecisionStatus,
  o: DecisionOrgs,
  pendingLevel: 'unit' | 'justice' | null,
  catalogStatus: string | null = null,
): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const act of ACTIONS)
    out[act] =
      canTransition(status, act) &&
      mayAct(a, act, o, act === 'recordLegalityOpinion' ? (pendingLevel ?? undefined) : undefined);
  out.recordLegalityOpinion = out.recordLegalityOpinion && pendingLevel !== null;
  out.submitLegalityReview = out.submitLegalityReview && pendingLevel === null;
  const lead = isLeadWorker(a, o.leadPath) || isBodyManager(a, o.bodyPath);
  out.manageParticipation = lead && (status === 'participation' || status === 'drafting');
  out.moderateComments = lead;
  out.assess = status === 'proposed' && lead;
  out.exportArchive = decisionsPolicy.view(a, o);
  out.adjustPlan = decisionsPolicy.adjustPlan(a, o.bodyPath, status, catalogStatus);
  return out;
}
