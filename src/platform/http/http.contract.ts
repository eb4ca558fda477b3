/**
 * Shapes that recur across the API's responses, declared once: a reference to an organisation by id and name, and
 * a page of a longer list with the total. Pure types (the web app bundles it); the zod schemas are in
 * http.schemas.ts.
 */

/** An organisation named in a list's filter options (e.g. the issuing bodies that have published). */
export interface OrgRefDto {
  orgId: string;
  name: string;
}

/** One page of a list, with the number of matches in all pages. */
export interface PagedDto<T> {
  total: number;
  items: T[];
}

/** One record behind a figure (platform/manifest.ts IndicatorRecord), with where it lives. */
export interface RecordRefDto {
  kind: string;
  id: string;
  label: string;
  /** The workbench page of the record, for people. */
  link?: string;
  /** The JSON resource a provenance check fetches. */
  api?: string;
}
