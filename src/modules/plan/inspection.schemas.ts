import { z } from '../../platform/http/zod.js';

/** Request pieces shared by the inspection and follow-up-order routes. */
export const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' });
export const text = (label: string, min = 4) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, { error: `${label}至少 ${min} 个字` })
    .max(8000);
export const Ok = z.object({ ok: z.literal(true) });
