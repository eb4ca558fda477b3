/**
 * The auth contract: the signed-in user and their API tokens as the API sends them. The response schemas
 * (auth.routes.ts) are typed against these, so the web app's types cannot drift from what the server sends.
 * Pure types (the web app bundles it).
 */

/** The signed-in user: who, which unit, the roles held, and the CSRF token for cookie-authenticated writes. */
export interface MeDto {
  userId: string;
  username: string;
  displayName: string;
  orgId: string;
  orgName: string;
  mustChangePassword: boolean;
  csrfToken: string | null;
  grants: { role: string; roleLabel: string; orgId: string; includeSubtree: boolean }[];
}

/** One of the user's API tokens (the secret itself is shown once, at creation). */
export interface ApiTokenDto {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revoked: boolean;
}

/** A token just created: the secret, shown this once. */
export interface CreatedTokenDto {
  id: string;
  token: string;
  prefix: string;
}
