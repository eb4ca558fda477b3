import type { Clock } from '../clock.js';
import { vocabulary } from '../vocabulary.contract.js';

/** Roles from the glossary. A role is held at an organization, optionally over its whole subtree. */

const ROLE_VOCAB = vocabulary({
  system_admin: '系统管理员',
  legality_reviewer: '合法性审查人员（司法局/法制机构）',
  liaison: '法治联络员',
  principal_head: '主要负责人',
  staff: '工作人员',
  enforcement_officer: '执法人员',
  legal_adviser: '法律顾问',
  leader: '领导（只读）',
  coordinator: '依法治区办（统筹协调）',
});
export const ROLE_LABELS = ROLE_VOCAB.labels;
export const ROLES = ROLE_VOCAB.values;
export type Role = (typeof ROLES)[number];

export interface RoleGrant {
  role: Role;
  orgId: string;
  orgPath: string;
  includeSubtree: boolean;
}

/** The authenticated user making a request, with every role grant resolved to an org path. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  orgId: string;
  orgPath: string;
  grants: RoleGrant[];
  mustChangePassword: boolean;
  via: 'session' | 'token';
}

/** Per-request context passed to every command: who, which request, from where, and what time it is. */
export interface RequestCtx {
  actor: Actor | null;
  requestId: string | null;
  ip: string | null;
  /** The injected clock (platform/clock.ts): commands read `nowOf(ctx)`, never the wall clock. */
  clock?: Clock;
}

export const systemCtx = (requestId = 'system', clock?: Clock): RequestCtx => ({
  actor: null,
  requestId,
  ip: null,
  clock,
});
