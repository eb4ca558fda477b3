import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../errors.js';

export interface ErrorBody {
  error: string;
  message: string;
  details: unknown;
  requestId: string;
}

const LOCATION: Record<string, string> = { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' };

/** A Postgres error that means the database cannot be reached (stopped server, closed PGlite). */
function isDatabaseDown(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P02', '57P03', '08006', '08001', '08003'].includes(e?.code ?? '') ||
    /Connection terminated|PGlite is closed|pool after calling end|Cannot use a pool|driver has already been destroyed|database is closed|Client was closed/i.test(e?.message ?? '')
  );
}

/**
 * The one error handler. Every error leaves as `{ error, message, details, requestId }` with a Chinese
 * message; unknown errors are logged with the request id and become a plain 500.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    const send = (status: number, error: string, message: string, details: unknown = null) =>
      reply.status(status).send({ error, message, details, requestId: req.id } satisfies ErrorBody);

    if (err instanceof AppError) {
      if (err.status >= 500) req.log.warn({ err }, 'service unavailable');
      return send(err.status, err.code, err.message, err.details);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = LOCATION[(err as FastifyError).validationContext ?? 'body'] ?? '请求';
      const issues = err.validation.map((v) => ({
        field: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || (v.params as { issue?: { path?: unknown[] } })?.issue?.path?.join('.') || '',
        message: v.message ?? '格式不正确',
      }));
      const first = issues[0];
      const msg = first
        ? `${where}中的字段「${first.field || '（整体）'}」不符合要求：${first.message}。请修改后重试。`
        : `${where}格式不正确，请检查后重试。`;
      return send(400, 'bad_request', msg, { issues });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
      return send(500, 'internal', '服务器内部错误，请稍后重试；如持续出现请联系管理员并提供请求编号。');
    }
    const fe = err as FastifyError;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) {
      return send(413, 'payload_too_large', '提交的内容过大，超过了允许的上限，请缩减后重试。');
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (fe.statusCode === 400 && err instanceof SyntaxError)) {
      return send(400, 'bad_request', '请求体不是有效的 JSON，请检查格式后重试。');
    }
    if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return send(400, 'bad_request', '请求体为空，请提供 JSON 内容。');
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return send(415 as number, 'unsupported_media_type', '不支持的内容类型，请以 application/json 提交。');
    }
    if (fe.statusCode === 429) {
      return send(429, 'rate_limited', '请求过于频繁，请稍后再试。');
    }
    if (isDatabaseDown(err)) {
      req.log.error({ err }, 'database unavailable');
      return send(503, 'unavailable', '数据库暂时不可用，请稍后重试；您的操作未被保存。');
    }
    const pgCode = (err as { code?: string }).code;
    if (pgCode === '23505') {
      return send(409, 'conflict', '与已有记录重复，请修改后重试。', { constraint: (err as { constraint?: string }).constraint });
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return send(fe.statusCode, 'bad_request', '请求不正确，请检查后重试。');
    }
    req.log.error({ err }, 'unhandled error');
    return send(500, 'internal', '服务器内部错误，请稍后重试；如持续出现请联系管理员并提供请求编号。');
  });

  app.setNotFoundHandler((req, reply) => {
    reply
      .status(404)
      .send({ error: 'not_found', message: '请求的地址不存在。', details: null, requestId: req.id } satisfies ErrorBody);
  });
}
