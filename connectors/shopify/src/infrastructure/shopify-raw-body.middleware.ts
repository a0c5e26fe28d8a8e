import type { IncomingMessage, ServerResponse } from 'node:http';
import { payloadTooLarge } from '../domain/shopify.errors';
import { httpAnswerFor } from './shopify-webhook-http';

export type RawBodyCarrier = IncomingMessage & { rawBody?: Buffer; body?: unknown };

/**
 * Reads the webhook body as bytes before Nest's JSON parser can. Nest's parser (even with `rawBody: true`)
 * answers malformed JSON with its own 400 before any controller runs, so an authentic but broken delivery would
 * be lost and retried forever, and its 100 kB default limit answers 413 in Nest's format. Mount it on the
 * webhook path before the app initialises (it then runs before the built-in parsers, which skip a request whose
 * body was already read):
 *
 *   const app = await NestFactory.create(HubModule, { rawBody: true });
 *   app.use('/webhooks/shopify', shopifyRawBodyMiddleware(app.get(ShopifyConfig).maxBodyBytes));
 *
 * Bodies over the limit are answered 413 `SHOPIFY.PAYLOAD_TOO_LARGE` without being buffered.
 */
export function shopifyRawBodyMiddleware(limitBytes: number): (req: RawBodyCarrier, res: ServerResponse, next: (error?: unknown) => void) => void {
  return (req, res, next) => {
    if (Buffer.isBuffer(req.rawBody)) {
      next();
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limitBytes) {
      tooLarge(req, res, declared, limitBytes);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let overflow = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) overflow = true;
      if (!overflow) chunks.push(chunk);
    });
    req.on('end', () => {
      if (overflow) {
        tooLarge(req, res, size, limitBytes);
        return;
      }
      const body = Buffer.concat(chunks, size);
      req.rawBody = body;
      req.body = body;
      next();
    });
    req.on('error', (error) => next(error));
  };
}

function tooLarge(req: IncomingMessage, res: ServerResponse, size: number, limit: number): void {
  const answer = httpAnswerFor(payloadTooLarge(size, limit));
  // Discard whatever is still coming and close: no reason to keep a connection that sends oversized bodies.
  req.resume();
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
  res.end(JSON.stringify(answer.body));
}
