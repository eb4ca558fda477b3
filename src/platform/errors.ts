/**
 * Domain errors. Every business rule violation throws an AppError; the one HTTP error handler
 * (platform/http/errors.ts) maps the code to a status. Messages are Chinese and say what to do.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details ?? null;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = '记录') => new AppError('not_found', `${what}不存在或您无权查看`);
export const conflict = (message: string, details?: unknown) => new AppError('conflict', message, details);
export const forbidden = (message: string, details?: unknown) => new AppError('forbidden', message, details);
export const unprocessable = (message: string, details?: unknown) => new AppError('unprocessable', message, details);
export const badRequest = (message: string, details?: unknown) => new AppError('bad_request', message, details);
