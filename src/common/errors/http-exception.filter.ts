import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { DomainError } from './domain-error.js';
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from './error-codes.js';
import { domainErrorFromDatabase } from './pg-errors.js';
import { errorForLog } from '../logging.js';

/** Errors raised by Express's body parser carry a `type` and a status. */
interface BodyParserError {
  type?: string;
  status?: number;
}

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_ATTEMPTS',
};

/** Turns anything thrown while serving a request into the one error shape. */
export function toErrorBody(error: unknown, request?: Request): ErrorBody {
  if (error instanceof DomainError) {
    return { statusCode: error.status, code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  }
  // Nest wraps body-parser's errors in an HttpException whose cause is the original.
  const parser = ((error as { cause?: unknown })?.cause ?? error) as BodyParserError;
  if (parser?.type === 'entity.parse.failed') {
    return { statusCode: 400, code: 'MALFORMED_JSON', message: 'The request body is not valid JSON: check quotes, commas and brackets' };
  }
  if (parser?.type === 'entity.too.large') {
    return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large: send less data in one request' };
  }
  if (parser?.type === 'encoding.unsupported' || parser?.type === 'charset.unsupported') {
    return { statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as UTF-8 JSON' };
  }
  const fromDb = domainErrorFromDatabase(error);
  if (fromDb) return toErrorBody(fromDb);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = STATUS_CODES[status] ?? (status < 500 ? 'BAD_REQUEST' : 'INTERNAL_ERROR');
    const message =
      code === 'ROUTE_NOT_FOUND' && request
        ? `No route ${request.method} ${request.originalUrl.split('?')[0]}: see /api/docs for the routes`
        : error.message;
    return { statusCode: status, code, message };
  }
  return { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Something went wrong on our side; the request id helps us find it' };
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly log: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<Request & { id?: string }>();
    const response = ctx.getResponse<Response>();
    const body = toErrorBody(error, request);
    if (body.statusCode >= 500) {
      this.log.error({ err: errorForLog(error), reqId: request?.id }, 'request failed');
    }
    if (response.headersSent) return;
    response.status(body.statusCode).json({ ...body, requestId: request?.id });
  }
}

export { ERROR_STATUS };
