/**
 * The identity contract: the kinds of organisation a government is made of, with the names the workbench shows.
 * Pure data (the web app bundles it); the request schemas validate against the same list.
 */
import { vocabulary } from '../../platform/vocabulary.contract.js';

const ORG_KIND_VOCAB = vocabulary({
  government: '政府',
  department: '部门',
  subdistrict: '街道',
  town: '镇',
  section: '内设机构',
  other: '其他',
});
export const ORG_KIND_LABELS = ORG_KIND_VOCAB.labels;
export const ORG_KINDS = ORG_KIND_VOCAB.values;
export type OrgKindCode = (typeof ORG_KINDS)[number];

/**
 * The organisation and user records as the API returns them. The server's response schemas are typed against
 * these (identity.schemas.ts), so the workbench's types cannot drift from what the server sends.
 */
export interface OrgDto {
  id: string;
  parentId: string | null;
  name: string;
  shortName: string | null;
  kind: OrgKindCode;
  code: string | null;
  active: boolean;
  sortOrder: number;
}

export interface GrantDto {
  /** A role code (platform/access/actor.ts ROLES). */
  role: string;
  orgId: string;
  orgName: string;
  includeSubtree: boolean;
}

export interface UserDto {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  orgName: string;
  active: boolean;
  mustChangePassword: boolean;
  phone: string | null;
  email: string | null;
  grants: GrantDto[];
  certificates: { certificateNo: string; issuedOn: string; validUntil: string }[];
}

/** A user just created, with the generated initial password (shown this once). */
export interface CreatedUserDto {
  user: UserDto;
  initialPassword: string;
}
