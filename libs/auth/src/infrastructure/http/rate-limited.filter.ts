import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { TooManyRequestsError } from '../../domain/auth.errors';

/** 429 with Retry-After, in the hub's error shape; the shared HttpErrorFilter has no 429 class to map yet. */
@Catch(TooManyRequestsError)
export class RateLimitedFilter implements ExceptionFilter {
  catch(error: TooManyRequestsError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    res
      .status(429)
      .setHeader('Retry-After', String(error.retryAfterSeconds))
      .json({ error: { code: error.code, message: error.message, details: error.details } });
  }
}
