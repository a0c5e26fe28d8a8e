import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { boundedRawBodyMiddleware } from '@orderhub/platform';
import { EdiErrors, httpStatusForEdiCode, type EdiErrorCode } from '../domain/edi.errors';
import { EdiX12Config } from '../edi-x12.config';

export const INBOUND_X12_PATH = '/api/v1/inbound/x12';

export type EdiBodyCarrier = IncomingMessage & { rawBody?: Buffer; body?: unknown };

/**
 * Reads the X12 body as bytes, whatever its Content-Type, before a text parser can decode it (0x07 or 0x85
 * delimiters and latin-1 bytes would become replacement characters). Over the limit: 413 EDI.PAYLOAD_TOO_LARGE,
 * unbuffered.
 */
export function ediRawBodyMiddleware(
  limitBytes: number,
): (req: EdiBodyCarrier, res: ServerResponse, next: (error?: unknown) => void) => void {
  return boundedRawBodyMiddleware(limitBytes, (size, limit) => {
    const error = EdiErrors.payloadTooLarge(size, limit);
    return {
      status: httpStatusForEdiCode(error.code as EdiErrorCode),
      body: { error: { code: error.code, message: error.message, details: error.details } },
    };
  });
}

/**
 * Mounts the middleware on the Express app while Nest is still creating providers, which is before
 * `bootstrapApp` registers the global body parsers: so it runs first for the X12 route. Where no HTTP adapter
 * exists yet (a testing module, an application context) the controller reads the body itself.
 */
@Injectable()
export class EdiRawBodyMount {
  readonly mounted: boolean;

  constructor(adapterHost: HttpAdapterHost, config: EdiX12Config) {
    const adapter = adapterHost.httpAdapter as { use?: (...args: unknown[]) => unknown; getType?: () => string } | undefined;
    this.mounted = false;
    if (adapter?.use && adapter.getType?.() === 'express') {
      adapter.use(INBOUND_X12_PATH, ediRawBodyMiddleware(config.maxBodyBytes));
      this.mounted = true;
      new Logger('edi-inbound').debug?.(`raw body reader mounted on ${INBOUND_X12_PATH}`);
    }
  }
}

/** The body as bytes: from our middleware, Nest's rawBody, a raw parser, or the untouched request stream. */
export async function readX12Body(req: EdiBodyCarrier, limitBytes: number): Promise<Buffer> {
  let body: Buffer | undefined = req.rawBody ?? (Buffer.isBuffer(req.body) ? req.body : undefined);
  if (!body && typeof req.body === 'string') body = Buffer.from(req.body, 'utf8'); // decoded by a text parser: best effort
  if (!body && !req.readableEnded) {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limitBytes) {
        req.resume();
        throw EdiErrors.payloadTooLarge(size, limitBytes);
      }
      chunks.push(chunk);
    }
    body = Buffer.concat(chunks, size);
  }
  body ??= Buffer.alloc(0);
  if (body.length > limitBytes) throw EdiErrors.payloadTooLarge(body.length, limitBytes);
  return body;
}
