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
