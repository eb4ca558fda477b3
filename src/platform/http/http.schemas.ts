import type { OrgRefDto as OrgRef, RecordRefDto as RecordRef } from './http.contract.js';
import { z } from './zod.js';

/** An organisation by id and name (http.contract.ts OrgRefDto). */
export const OrgRefDto: z.ZodType<OrgRef> = z.object({ orgId: z.string(), name: z.string() });

/** One page of a list with the total (http.contract.ts PagedDto); `.extend` adds a list's own fields. */
export const pagedDto = <T extends z.ZodType>(item: T) => z.object({ total: z.number(), items: z.array(item) });

/** One record behind a figure, with its workbench page and JSON resource (http.contract.ts RecordRefDto). */
export const RecordRefDto: z.ZodType<RecordRef> = z.object({
  kind: z.string(),
  id: z.string(),
  label: z.string(),
  link: z.string().optional(),
  api: z.string().optional(),
});
