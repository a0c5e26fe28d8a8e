import { randomBytes } from 'node:crypto';

/**
 * The few MIME operations AS2 needs, on raw bytes: a signature covers a body part byte for byte, so the parts
 * must be cut out of the message exactly as they were sent (a general mail parser re-encodes them).
 */

export type MimeHeaders = Map<string, string>;

export interface MimeEntity {
  headers: MimeHeaders;
  /** The whole entity as received: headers, blank line and body. */
  raw: Buffer;
  body: Buffer;
}

const CRLF = Buffer.from('\r\n');

/** Headers (lower-cased names, folded lines joined) and body of a MIME entity. */
export function parseEntity(raw: Buffer): MimeEntity {
  let end = raw.indexOf('\r\n\r\n');
  let skip = 4;
  const lf = raw.indexOf('\n\n');
  if (end < 0 || (lf >= 0 && lf < end)) {
    end = lf;
    skip = 2;
  }
  if (end < 0) return { headers: new Map(), raw, body: raw };
  // An entity that starts with its blank line has no headers.
  const head = raw.subarray(0, end).toString('latin1');
  return { headers: parseHeaderBlock(head), raw, body: raw.subarray(end + skip) };
}

export function parseHeaderBlock(head: string): MimeHeaders {
  const headers: MimeHeaders = new Map();
  let current: string | null = null;
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && current) {
      headers.set(current, `${headers.get(current) ?? ''} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    current = line.slice(0, colon).trim().toLowerCase();
    headers.set(current, line.slice(colon + 1).trim());
  }
  return headers;
}

/** `application/pkcs7-mime; smime-type=enveloped-data` → type and lower-cased parameters. */
export function parseContentType(value: string | undefined): { type: string; params: Map<string, string> } {
  const params = new Map<string, string>();
  if (!value) return { type: '', params };
  const [type, ...rest] = splitParams(value);
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq > 0)
      params.set(
        p.slice(0, eq).trim().toLowerCase(),
        p
          .slice(eq + 1)
          .trim()
          .replace(/^"(.*)"$/, '$1'),
      );
  }
  return { type: type.trim().toLowerCase(), params };
}

/** Splits on `;` outside quotes. */
function splitParams(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of value) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** The body parts of a multipart entity, each exactly as sent (without the CRLF that belongs to the delimiter). */
export function splitMultipart(body: Buffer, boundary: string): Buffer[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Buffer[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new Error('multipart boundary not found');
  for (;;) {
    let start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break; // closing delimiter
    // The rest of the delimiter line (transport padding) and its line break.
    const eol = body.indexOf('\n', start);
    if (eol < 0) break;
    start = eol + 1;
    const next = body.indexOf(delimiter, start);
    if (next < 0) throw new Error('multipart closing boundary not found');
    let end = next;
    if (body[end - 1] === 0x0a) end -= 1;
    if (body[end - 1] === 0x0d) end -= 1;
    parts.push(body.subarray(start, end));
    pos = next;
  }
  return parts;
}

/** Body bytes with the Content-Transfer-Encoding undone (base64; binary, 8bit, 7bit as they are). */
export function decodeBody(entity: MimeEntity): Buffer {
  const cte = (entity.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (cte === 'base64') return Buffer.from(entity.body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  return entity.body;
}

export function newBoundary(): string {
  return `----=_OrderHub_${randomBytes(12).toString('hex')}`;
}

/** An entity: header lines, blank line, body. */
export function buildEntity(headers: Array<[string, string]>, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(headers.map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n', 'latin1'), body]);
}

export function buildMultipart(boundary: string, parts: Buffer[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) chunks.push(Buffer.from(`--${boundary}\r\n`), part, CRLF);
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** Base64 in 76-character lines, as MIME wants it. */
export function base64Lines(data: Buffer): Buffer {
  return Buffer.from((data.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n') + '\r\n');
}
