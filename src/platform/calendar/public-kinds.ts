import type { Db } from '../db/engine.js';

/**
 * Entity kinds whose deadlines the public portal may show (e.g. a published decision's comment period).
 * A module opts in for its public entities, naming which rules are public and how to tell whether a given
 * entity is public at all; everything else stays staff-only.
 */
export interface PublicDeadlineKind {
  /** Only deadlines under these rules are shown (all the kind's rules when omitted). */
  rules?: readonly string[];
  /** Whether this entity is published on the portal; a 404 otherwise (drafts and confidential items stay hidden). */
  visible?: (db: Db, entityId: string) => Promise<boolean>;
}

const kinds = new Map<string, PublicDeadlineKind>();

export function registerPublicDeadlineKind(kind: string, opts: PublicDeadlineKind = {}): void {
  kinds.set(kind, opts);
}

export function publicDeadlineKind(kind: string): PublicDeadlineKind | undefined {
  return kinds.get(kind);
}

export function isPublicDeadlineKind(kind: string): boolean {
  return kinds.has(kind);
}
