import { z } from 'zod';

// Validation messages in Chinese for every schema in the process.
z.config(z.locales.zhCN());

export { z };

/** The common error body, for response schemas. */
export const ErrorSchema = z.object({
  error: z.string(),
  message: z.string(),
  details: z.unknown(),
  requestId: z.string(),
});

export const UuidParam = z.object({ id: z.uuid({ error: '编号格式不正确' }) });

/** Abilities map returned with entities so the UI shows only the actions the server will allow. */
export const Abilities = z.record(z.string(), z.boolean());

/** Standard error responses to list in a route's schema. */
export const errorResponses = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  422: ErrorSchema,
} as const;
