/**
 * A fixed vocabulary written once: its Chinese labels keyed by code, in display order. The codes (for zod enums,
 * table column types and the workflow kernel) are derived from the labels, so a code cannot exist without its
 * label or be listed twice. Pure (the web app bundles it).
 *
 *   export const ROLE = vocabulary({ system_admin: '系统管理员', … });
 *   ROLE.values  // ['system_admin', …] — a non-empty tuple for z.enum
 *   ROLE.labels  // { system_admin: '系统管理员', … }
 */
export function vocabulary<const L extends Record<string, string>>(
  labels: L,
): { values: readonly [keyof L & string, ...(keyof L & string)[]]; labels: { readonly [K in keyof L & string]: string } } {
  const values = Object.keys(labels) as (keyof L & string)[];
  if (values.length === 0) throw new Error('a vocabulary needs at least one entry');
  return { values: values as [keyof L & string, ...(keyof L & string)[]], labels };
}
