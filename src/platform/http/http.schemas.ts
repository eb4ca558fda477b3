import type { OrgRefDto as OrgRef } from './http.contract.js';
import { z } from './zod.js';

/** An organisation by id and name (http.contract.ts OrgRefDto). */
export const OrgRefDto: z.ZodType<OrgRef> = z.object({ orgId: z.string(), name: z.string() });

/** One page of a list with the total (http.contract.ts PagedDto); `.extend` adds a list's own fields. */
export const pagedDto = <T extends z.ZodType>(item: T) => z.object({ total: z.number(), items: z.array(item) });
