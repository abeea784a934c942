import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { AppError, ERROR_CODES, type ErrorCode } from '../../errors.ts';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

function body(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

function zodIssues(issues: readonly { path: PropertyKey[]; message: string }[]) {
  return issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** Every failure leaves as {error:{code,message}}; stack traces stay in the log. */
export function errorHandler(err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    // The login limiter says how long to wait; clients and proxies read it from the header.
    const retryAfter = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (err.code === 'RATE_LIMITED' && typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    return reply.code(err.status).send(body(err.code, err.message, err.details));
  }
  if (err instanceof ZodError) {
    return reply.code(400).send(body('VALIDATION_FAILED', 'The request is not valid', zodIssues(err.issues)));
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as FastifyError).validationContext ?? 'body';
    const issues = err.validation.map((v) => ({ path: `${where}${v.instancePath.replaceAll('/', '.')}`, message: v.message ?? 'invalid' }));
    return reply.code(400).send(body('VALIDATION_FAILED', `The request ${where} is not valid`, issues));
  }
  if (isResponseSerializationError(err)) {
    request.log.error({ err }, 'response did not match its schema');
    return reply.code(500).send(body('INTERNAL', 'Internal error'));
  }
  const fastifyCode = 'code' in err && typeof err.code === 'string' ? FASTIFY_CODES[err.code] : undefined;
  if (fastifyCode) {
    return reply.code(ERROR_CODES[fastifyCode]).send(body(fastifyCode, err.message));
  }
  const status = 'statusCode' in err && typeof err.statusCode === 'number' ? err.statusCode : 500;
  if (status >= 400 && status < 500) {
    return reply.code(status).send(body(status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED', err.message));
  }
  request.log.error({ err }, 'unhandled error');
  return reply.code(500).send(body('INTERNAL', 'Internal error'));
}

/** Longer URLs answer 414; Node's own header limit (16 KiB, request line included) stops the rest. */
export const MAX_URL_LENGTH = 8 * 1024;

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return reply.code(404).send(body('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`));
}

/** A 404 handler that answers 405 with `Allow` when the path exists under other methods. */
export function methodAwareNotFound(allowedMethods: (url: string) => string[], fallback = notFoundHandler) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    const allowed = allowedMethods(request.url);
    if (allowed.length > 0) {
      return reply
        .code(405)
        .header('allow', allowed.join(', '))
        .send(body('METHOD_NOT_ALLOWED', `${request.method} is not allowed on ${request.url.split('?')[0]}; use ${allowed.join(', ')}`));
    }
    return fallback(request, reply);
  };
}

/** Errors Fastify raises before routing (undecodable URL, over-long parameter), in our shape. */
export function frameworkErrorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (err.code === 'FST_ERR_BAD_URL') return reply.code(400).send(body('MALFORMED_URL', 'The URL is not valid percent-encoding'));
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') return reply.code(414).send(body('URI_TOO_LONG', 'A path parameter is too long'));
  request.log.error({ err }, 'framework error');
  return reply.code(500).send(body('INTERNAL', 'Internal error'));
}

export function refuseLongUrl(request: FastifyRequest, reply: FastifyReply, done: () => void) {
  if (request.raw.url !== undefined && request.raw.url.length > MAX_URL_LENGTH) {
    reply.code(414).send(body('URI_TOO_LONG', `The URL is longer than ${MAX_URL_LENGTH} bytes`));
    return;
  }
  done();
}

/**
 * Node stops a request whose request line plus headers exceed its limit before Fastify sees
 * it and reports the same overflow for both; a packet that starts with a request line having
 * no end in sight means the URL itself is what overflowed.
 */
export function clientErrorResponse(err: Error & { code?: string; rawPacket?: unknown }): string {
  if (err.code !== 'HPE_HEADER_OVERFLOW') return rawErrorResponse(400, 'Bad Request', 'VALIDATION_FAILED', 'Malformed HTTP request');
  const head = Buffer.isBuffer(err.rawPacket) ? err.rawPacket.subarray(0, MAX_URL_LENGTH + 64).toString('latin1') : '';
  const inRequestLine = /^[A-Z]+ \S/.test(head) && !head.includes('\r\n');
  return inRequestLine
    ? rawErrorResponse(414, 'URI Too Long', 'URI_TOO_LONG', `The URL is longer than ${MAX_URL_LENGTH} bytes`)
    : rawErrorResponse(431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE', 'Request headers are too large');
}

/** Raw-socket answer for requests Node rejects before Fastify sees them (e.g. huge headers). */
export function rawErrorResponse(status: number, reason: string, code: ErrorCode, message: string): string {
  const payload = JSON.stringify(body(code, message));
  return (
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`
  );
}
