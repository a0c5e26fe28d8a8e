import type { IncomingMessage, ServerResponse } from 'node:http';

export type RawBodyCarrier = IncomingMessage & { rawBody?: Buffer; body?: unknown };

/** How a door answers a body over its limit: its own status and coded error body. */
export type TooLargeAnswer = (size: number, limit: number) => { status: number; body: unknown };

/**
 * Reads a request body as exact bytes into `req.rawBody` (and `req.body`) before any parser can decode it:
 * Shopify's HMAC is over the bytes, and X12 delimiters such as 0x07 or 0x85 would not survive a text decoder.
 * A body over the limit is answered at once (by Content-Length, or as soon as the stream passes it) without
 * being buffered, and the connection is closed. Mounted on the channel routes that the global parsers skip.
 */
export function boundedRawBodyMiddleware(
  limitBytes: number,
  tooLarge: TooLargeAnswer,
): (req: RawBodyCarrier, res: ServerResponse, next: (error?: unknown) => void) => void {
  return (req, res, next) => {
    if (Buffer.isBuffer(req.rawBody) || req.method === 'GET' || req.method === 'HEAD') {
      next();
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limitBytes) {
      refuse(req, res, tooLarge(declared, limitBytes));
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
        refuse(req, res, tooLarge(size, limitBytes));
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

function refuse(req: IncomingMessage, res: ServerResponse, answer: { status: number; body: unknown }): void {
  // Drain what is still coming, then close: no reason to keep a connection that sends oversized bodies.
  req.resume();
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
  res.end(JSON.stringify(answer.body));
}
