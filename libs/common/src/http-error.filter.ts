import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';
import type { Response } from 'express';
import {
  ConflictError,
  ForbiddenError,
  HubError,
  InvalidInputError,
  NotFoundError,
  PayloadTooLargeError,
  TransientError,
  UnauthorizedError,
} from '@orderhub/contracts';

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export function statusForHubError(error: HubError): number {
  if (error instanceof InvalidInputError) return error.code.endsWith('.UNPROCESSABLE') ? 422 : 400;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof UnauthorizedError) return 401;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof PayloadTooLargeError) return 413;
  if (error instanceof TransientError) return 503;
  return 422;
}

const HTTP_CODES: Record<number, string> = {
  400: 'HTTP.BAD_REQUEST',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'HTTP.NOT_FOUND',
  405: 'HTTP.METHOD_NOT_ALLOWED',
  409: 'HTTP.CONFLICT',
  413: 'HTTP.PAYLOAD_TOO_LARGE',
  415: 'HTTP.UNSUPPORTED_MEDIA_TYPE',
  422: 'HTTP.UNPROCESSABLE',
  429: 'HTTP.TOO_MANY_REQUESTS',
};

/**
 * The one place where errors become HTTP answers: `{"error": {"code", "message", "details"}}` with a stable
 * dotted code. Unknown errors are logged and answered 500 without internals.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    // Bus consumers share the app's filters: there the error must reach the transport, which decides
    // between retry and dead-letter.
    if (host.getType() !== 'http') return throwError(() => exception);
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = toErrorResponse(exception);
    if (status >= 500) this.logger.error('unhandled error', exception instanceof Error ? exception : undefined);
    if (!response.headersSent) response.status(status).json(body);
  }
}

export function toErrorResponse(exception: unknown): { status: number; body: ErrorBody } {
  if (exception instanceof HubError) {
    const details = Object.keys(exception.details).length ? exception.details : undefined;
    return { status: statusForHubError(exception), body: { error: { code: exception.code, message: exception.message, details } } };
  }
  // body-parser failures carry a status and a type; Nest's Express adapter wraps them in an HttpException
  // whose cause is the original, so look there first.
  if (exception instanceof HttpException && isBodyParserError(exception.cause)) return toErrorResponse(exception.cause);
  const bodyParser = exception as { status?: number; type?: string; message?: string };
  if (bodyParser && typeof bodyParser.status === 'number' && typeof bodyParser.type === 'string') {
    const code =
      bodyParser.type === 'entity.too.large'
        ? 'HTTP.PAYLOAD_TOO_LARGE'
        : bodyParser.type === 'entity.parse.failed'
          ? 'HTTP.MALFORMED_JSON'
          : (HTTP_CODES[bodyParser.status] ?? 'HTTP.BAD_REQUEST');
    return { status: bodyParser.status, body: { error: { code, message: bodyParser.message ?? code } } };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response ? String(response.message) : exception.message;
    return { status, body: { error: { code: HTTP_CODES[status] ?? `HTTP.${status}`, message } } };
  }
  return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { error: { code: 'INTERNAL.ERROR', message: 'internal error' } } };
}

function isBodyParserError(error: unknown): boolean {
  const e = error as { status?: unknown; type?: unknown } | undefined;
  return typeof e?.status === 'number' && typeof e.type === 'string' && e.type.startsWith('entity.');
}
