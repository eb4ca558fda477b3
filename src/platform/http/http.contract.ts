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
