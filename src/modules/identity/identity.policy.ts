import type { Actor } from '../../platform/access/actor.js';
import { hasRole } from '../../platform/access/scope.js';

/** Pure rules: who may manage the organization tree and user accounts. */
export const identityPolicy = {
  manageOrgs: (a: Actor | null) => hasRole(a, 'system_admin'),
  manageUsers: (a: Actor | null) => hasRole(a, 'system_admin'),
  viewAudit: (a: Actor | null) => hasRole(a, 'system_admin'),
};

export function identityAbilities(a: Actor | null): Record<string, boolean> {
  return {
    manageOrgs: identityPolicy.manageOrgs(a),
    manageUsers: identityPolicy.manageUsers(a),
    viewAudit: identityPolicy.viewAudit(a),
  };
}
