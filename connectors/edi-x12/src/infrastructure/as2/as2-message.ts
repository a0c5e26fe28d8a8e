import { randomBytes } from 'node:crypto';
import {
  As2Key,
  compress,
  decompress,
  decrypt,
  encrypt,
  EncryptAlgorithm,
  micOf,
  signDetached,
  SignAlgorithm,
  verifyDetached,
} from './as2-cms';
import {
  base64Lines,
  buildEntity,
  buildMultipart,
  decodeBody,
  MimeEntity,
  MimeHeaders,
  newBoundary,
  parseContentType,
  parseEntity,
  splitMultipart,
} from './as2-mime';

/** RFC 4130 section 7.5.3 failure modifiers, used as `processed/error: <modifier>`. */
export type As2ErrorDisposition =
  | 'authentication-failed'
  | 'decompression-failed'
  | 'decryption-failed'
  | 'insufficient-message-security'
  | 'integrity-check-failed'
  | 'unexpected-processing-error';

export class As2OpenError extends Error {
  constructor(
    readonly disposition: As2ErrorDisposition,
    detail: string,
  ) {
    super(detail);
  }
}

export interface OpenedAs2Message {
  payload: Buffer;
  /** Headers of the innermost entity (content type, file name). */
  payloadHeaders: MimeHeaders;
  signed: boolean;
  encrypted: boolean;
  compressed: boolean;
  /** Received-Content-MIC: base64 digest of what RFC 4130 7.3.1 says it covers. */
  mic: string;
  micAlgorithm: string;
}

export interface OpenOptions {
  ourKey: As2Key;
  partnerCertsPem: readonly string[];
  /** As the sender asked for it in Disposition-Notification-Options (sha-256, SHA256, sha1). */
  micAlgorithm: string;
  requireSigned: boolean;
  requireEncrypted: boolean;
}

const PKCS7_MIME = new Set(['application/pkcs7-mime', 'application/x-pkcs7-mime']);

/**
 * Undoes what the sender did, in whatever order it did it (encrypt, sign, compress, nested), and computes the MIC
 * over the signed entity, or the decrypted entity, or the content (RFC 4130 7.3.1). Throws As2OpenError with the
 * disposition modifier the negative MDN carries.
 */
export async function openAs2Message(httpContentType: string, body: Buffer, options: OpenOptions): Promise<OpenedAs2Message> {
  let entity: MimeEntity = { headers: new Map([['content-type', httpContentType]]), raw: body, body };
  let signed = false;
  let encrypted = false;
  let compressed = false;
  let mic: string | undefined;
  let decryptedEntity: Buffer | undefined;
  for (let depth = 0; depth < 6; depth++) {
    const { type, params } = parseContentType(entity.headers.get('content-type'));
    if (PKCS7_MIME.has(type)) {
      const smime = (params.get('smime-type') ?? '').toLowerCase();
      const name = (params.get('name') ?? '').toLowerCase();
      const der = decodeBody(entity);
      if (smime === 'compressed-data' || (!smime && name.endsWith('.p7z'))) {
        let inner: Buffer;
        try {
          inner = decompress(der);
        } catch (error) {
          throw new As2OpenError('decompression-failed', `decompression failed: ${(error as Error).message}`);
        }
        compressed = true;
        entity = parseEntity(inner);
        continue;
      }
      let inner: Buffer;
      try {
        inner = decrypt(der, options.ourKey);
      } catch (error) {
        throw new As2OpenError('decryption-failed', `decryption failed: ${(error as Error).message}`);
      }
      encrypted = true;
      decryptedEntity ??= inner;
      entity = parseEntity(inner);
      continue;
    }
    if (type === 'multipart/signed') {
      const boundary = params.get('boundary');
      if (!boundary) throw new As2OpenError('integrity-check-failed', 'multipart/signed without a boundary');
      let parts: Buffer[];
      try {
        parts = splitMultipart(entity.body, boundary);
      } catch (error) {
        throw new As2OpenError('integrity-check-failed', (error as Error).message);
      }
      if (parts.length < 2) throw new As2OpenError('integrity-check-failed', 'multipart/signed needs two parts');
      const signature = decodeBody(parseEntity(parts[1]));
      const verdict = await verifyDetached(signature, parts[0], options.partnerCertsPem);
      if (!verdict.ok)
        throw new As2OpenError(
          verdict.failure === 'integrity' ? 'integrity-check-failed' : 'authentication-failed',
          verdict.detail ?? 'signature does not verify',
        );
      signed = true;
      mic ??= micOf(parts[0], options.micAlgorithm);
      entity = parseEntity(parts[0]);
      continue;
    }
    const payload = decodeBody(entity);
    if (options.requireEncrypted && !encrypted)
      throw new As2OpenError('insufficient-message-security', 'the partnership requires encrypted messages');
    if (options.requireSigned && !signed)
      throw new As2OpenError('insufficient-message-security', 'the partnership requires signed messages');
    mic ??= micOf(decryptedEntity ?? payload, options.micAlgorithm);
    return { payload, payloadHeaders: entity.headers, signed, encrypted, compressed, mic, micAlgorithm: options.micAlgorithm };
  }
  throw new As2OpenError('unexpected-processing-error', 'too many nested layers');
}

export interface BuildOptions {
  fileName: string;
  contentType?: string;
  sign: SignAlgorithm | null;
  encrypt: EncryptAlgorithm | null;
  compress: boolean;
  ourKey: As2Key;
  /** Encryption certificate of the partner. */
  partnerCertPem: string;
  /** The digest of the MIC we expect back. */
  micAlgorithm: SignAlgorithm;
}

export interface BuiltAs2Message {
  contentType: string;
  body: Buffer;
  /** What the partner's MDN must return as Received-Content-MIC. */
  mic: string;
}

/** The body and Content-Type of an outbound AS2 message: compress, then sign, then encrypt (each when asked). */
export async function buildAs2Message(payload: Buffer, options: BuildOptions): Promise<BuiltAs2Message> {
  const safeName = options.fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  let entity = buildEntity(
    [
      ['Content-Type', options.contentType ?? 'application/edi-x12'],
      ['Content-Transfer-Encoding', 'binary'],
      ['Content-Disposition', `attachment; filename="${safeName}"`],
    ],
    payload,
  );
  let mic = micOf(payload, options.micAlgorithm);
  if (options.compress) {
    entity = buildEntity(
      [
        ['Content-Type', 'application/pkcs7-mime; smime-type=compressed-data; name=smime.p7z'],
        ['Content-Transfer-Encoding', 'binary'],
        ['Content-Disposition', 'attachment; filename=smime.p7z'],
      ],
      compress(entity),
    );
  }
  if (options.sign) {
    mic = micOf(entity, options.micAlgorithm);
    const signature = await signDetached(entity, options.ourKey, options.sign);
    const boundary = newBoundary();
    const signaturePart = buildEntity(
      [
        ['Content-Type', 'application/pkcs7-signature; name=smime.p7s'],
        ['Content-Transfer-Encoding', 'base64'],
        ['Content-Disposition', 'attachment; filename=smime.p7s'],
      ],
      base64Lines(signature),
    );
    const micalg = options.sign === 'sha1' ? 'sha1' : 'sha-256';
    entity = buildEntity(
      [['Content-Type', `multipart/signed; protocol="application/pkcs7-signature"; micalg=${micalg}; boundary="${boundary}"`]],
      buildMultipart(boundary, [entity, signaturePart]),
    );
  } else if (options.encrypt) {
    mic = micOf(entity, options.micAlgorithm);
  }
  if (options.encrypt) {
    return {
      contentType: 'application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m',
      body: encrypt(entity, options.partnerCertPem, options.encrypt),
      mic,
    };
  }
  const top = parseEntity(entity);
  return { contentType: top.headers.get('content-type') ?? 'application/edi-x12', body: top.body, mic };
}

/** `<20261202T152708Z.1a2b3c@ORDERHUB>`: unique, with our AS2 id as the right-hand side. */
export function newMessageId(as2Id: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  return `<${stamp}.${randomBytes(8).toString('hex')}@${as2Id.replace(/[^A-Za-z0-9._-]/g, '_')}>`;
}

/** AS2 names may be quoted in headers (`"ACME Corp"`). */
export function unquoteAs2Name(value: string | undefined): string {
  return (value ?? '').trim().replace(/^"(.*)"$/, '$1');
}

/** Reads `signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, sha-256`. */
export function parseDispositionOptions(value: string | undefined): { signed: boolean; micAlgorithms: string[] } {
  const out = { signed: false, micAlgorithms: [] as string[] };
  for (const part of (value ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim().toLowerCase();
    const values = part
      .slice(eq + 1)
      .split(',')
      .map((v) => v.trim());
    if (name === 'signed-receipt-protocol') out.signed = values.slice(1).some((v) => v.toLowerCase() === 'pkcs7-signature');
    if (name === 'signed-receipt-micalg') out.micAlgorithms = values.slice(1).filter(Boolean);
  }
  return out;
}

export function randomToken(): string {
  return randomBytes(6).toString('hex');
}
