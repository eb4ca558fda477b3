import type { Actor, Role } from '../access/actor.js';
import { canSeeOrg, hasAnyRole, hasRole } from '../access/scope.js';
import { getRule } from './rules.js';

export type DeadlineAction = 'pause' | 'resume' | 'extend' | 'close';

/** Who may handle a unit's deadlines by hand (modules close their own deadlines through commands). */
const HANDLERS: readonly Role[] = ['staff', 'liaison', 'principal_head', 'legality_reviewer', 'system_admin'];
/** An extension needs someone answerable for the approval. */
const EXTENDERS: readonly Role[] = ['liaison', 'principal_head', 'legality_reviewer', 'system_admin'];

export interface DeadlineFacts {
  orgPath: string;
  ruleId: string;
  status: 'open' | 'paused' | 'closed';
}

/** Pure: may the actor do `action` on this deadline now? Drives both the check and the `abilities` map. */
export function canDeadline(actor: Actor, action: DeadlineAction, d: DeadlineFacts): boolean {
  if (!canSeeOrg(actor, d.orgPath)) return false;
  const rule = getRule(d.ruleId);
  switch (action) {
    case 'pause':
      return d.status === 'open' && rule.pausable && hasAnyRole(actor, HANDLERS, d.orgPath);
    case 'resume':
      return d.status === 'paused' && hasAnyRole(actor, HANDLERS, d.orgPath);
    case 'extend':
      return d.status === 'open' && rule.maxExtension !== null && hasAnyRole(actor, EXTENDERS, d.orgPath);
    case 'close':
      return d.status !== 'closed' && hasAnyRole(actor, HANDLERS, d.orgPath);
  }
}

export function deadlineAbilities(actor: Actor, d: DeadlineFacts): Record<DeadlineAction, boolean> {
  return {
    pause: canDeadline(actor, 'pause', d),
    resume: canDeadline(actor, 'resume', d),
    extend: canDeadline(actor, 'extend', d),
    close: canDeadline(actor, 'close', d),
  };
}

/** Publishing holiday notices and changing rule values is for system administrators only. */
export const canAdministerCalendar = (actor: Actor) => hasRole(actor, 'system_admin');
