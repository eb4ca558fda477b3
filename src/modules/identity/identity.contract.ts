/**
 * The identity contract: the kinds of organisation a government is made of, with the names the workbench shows.
 * Pure data (the web app bundles it); the request schemas validate against the same list.
 */
export const ORG_KINDS = ['government', 'department', 'subdistrict', 'town', 'section', 'other'] as const;
export type OrgKindCode = (typeof ORG_KINDS)[number];

export const ORG_KIND_LABELS: Record<OrgKindCode, string> = {
  government: '政府',
  department: '部门',
  subdistrict: '街道',
  town: '镇',
  section: '内设机构',
  other: '其他',
};
