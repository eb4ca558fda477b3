/**
 * Entity kinds whose deadlines the public portal may show (e.g. a published decision's comment period).
 * A module opts in for its public entities; everything else stays staff-only.
 */
const kinds = new Set<string>();

export function registerPublicDeadlineKind(kind: string): void {
  kinds.add(kind);
}

export function isPublicDeadlineKind(kind: string): boolean {
  return kinds.has(kind);
}
