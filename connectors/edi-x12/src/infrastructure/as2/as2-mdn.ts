import { As2Key, normalizeMicAlgorithm, signDetached, SignAlgorithm, verifyDetached } from './as2-cms';
import { As2ErrorDisposition, newMessageId } from './as2-message';
import {
  base64Lines,
  buildEntity,
  buildMultipart,
  decodeBody,
  newBoundary,
  parseContentType,
  parseEntity,
  parseHeaderBlock,
  splitMultipart,
} from './as2-mime';

export interface MdnInput {
  ourAs2Id: string;
  partnerAs2Id: string;
  originalMessageId: string;
  /** Received-Content-MIC as `base64, algorithm`, when the message could be read that far. */
  mic?: { value: string; algorithm: string };
  /** null: processed. */
  error: As2ErrorDisposition | null;
  text: string;
  /** Signed with our key when the sender asked for a signed receipt. */
  sign: { key: As2Key; algorithm: SignAlgorithm } | null;
}

export interface BuiltMdn {
  messageId: string;
  headers: Record<string, string>;
  body: Buffer;
  disposition: string;
}

/** An RFC 3798 / RFC 4130 MDN: multipart/report with a human part and the disposition notification, signed when asked. */
export async function buildMdn(input: MdnInput): Promise<BuiltMdn> {
  const disposition = `automatic-action/MDN-sent-automatically; ${input.error ? `processed/error: ${input.error}` : 'processed'}`;
  const fields = [
    `Reporting-UA: OrderHub`,
    `Original-Recipient: rfc822; ${input.ourAs2Id}`,
    `Final-Recipient: rfc822; ${input.ourAs2Id}`,
    `Original-Message-ID: ${input.originalMessageId}`,
    ...(input.mic ? [`Received-Content-MIC: ${input.mic.value}, ${input.mic.algorithm}`] : []),
    `Disposition: ${disposition}`,
  ];
  const reportBoundary = newBoundary();
  let entity = buildEntity(
    [['Content-Type', `multipart/report; report-type=disposition-notification; boundary="${reportBoundary}"`]],
    buildMultipart(reportBoundary, [
      buildEntity(
        [
          ['Content-Type', 'text/plain; charset=us-ascii'],
          ['Content-Transfer-Encoding', '7bit'],
        ],
        Buffer.from(`${input.text}\r\n`),
      ),
      buildEntity(
        [
          ['Content-Type', 'message/disposition-notification'],
          ['Content-Transfer-Encoding', '7bit'],
        ],
        Buffer.from(`${fields.join('\r\n')}\r\n`),
      ),
    ]),
  );
  if (input.sign) {
    const signature = await signDetached(entity, input.sign.key, input.sign.algorithm);
    const boundary = newBoundary();
    entity = buildEntity(
      [
        [
          'Content-Type',
          `multipart/signed; protocol="application/pkcs7-signature"; micalg=${input.sign.algorithm === 'sha1' ? 'sha1' : 'sha-256'}; boundary="${boundary}"`,
        ],
      ],
      buildMultipart(boundary, [
        entity,
        buildEntity(
          [
            ['Content-Type', 'application/pkcs7-signature; name=smime.p7s'],
            ['Content-Transfer-Encoding', 'base64'],
            ['Content-Disposition', 'attachment; filename=smime.p7s'],
          ],
          base64Lines(signature),
        ),
      ]),
    );
  }
  const top = parseEntity(entity);
  const messageId = newMessageId(input.ourAs2Id);
  return {
    messageId,
    disposition,
    body: top.body,
    headers: {
      'AS2-Version': '1.2',
      'AS2-From': quoteAs2(input.ourAs2Id),
      'AS2-To': quoteAs2(input.partnerAs2Id),
      'Message-ID': messageId,
      Date: new Date().toUTCString(),
      Subject: 'Message Disposition Notification',
      'Mime-Version': '1.0',
      'Content-Type': top.headers.get('content-type') ?? 'multipart/report',
    },
  };
}

export function quoteAs2(name: string): string {
  return /[\s"]/.test(name) ? `"${name.replace(/"/g, '')}"` : name;
}

export interface ReadMdn {
  signed: boolean;
  /** Signature checked against the partner's certificates (false when unsigned or when it failed). */
  signatureVerified: boolean;
  signatureProblem?: string;
  originalMessageId: string | null;
  disposition: string | null;
  /** Neither error nor failure nor warning modifiers. */
  processed: boolean;
  mic: { value: string; algorithm: string } | null;
}

/** Reads a partner's MDN (sync response or async POST) and checks its signature against the partner's certificates. */
export async function readMdn(contentType: string, body: Buffer, partnerCertsPem: readonly string[]): Promise<ReadMdn> {
  let { type, params } = parseContentType(contentType);
  let reportBody = body;
  let signed = false;
  let signatureVerified = false;
  let signatureProblem: string | undefined;
  if (type === 'multipart/signed') {
    signed = true;
    const parts = splitMultipart(body, params.get('boundary') ?? '');
    const verdict = await verifyDetached(decodeBody(parseEntity(parts[1])), parts[0], partnerCertsPem);
    signatureVerified = verdict.ok;
    if (!verdict.ok) signatureProblem = verdict.detail;
    const inner = parseEntity(parts[0]);
    ({ type, params } = parseContentType(inner.headers.get('content-type')));
    reportBody = inner.body;
  }
  if (type !== 'multipart/report')
    return { signed, signatureVerified, signatureProblem, originalMessageId: null, disposition: null, processed: false, mic: null };
  const parts = splitMultipart(reportBody, params.get('boundary') ?? '').map(parseEntity);
  const notification = parts.find((p) => parseContentType(p.headers.get('content-type')).type === 'message/disposition-notification');
  const fields = notification ? parseHeaderBlock(decodeBody(notification).toString('latin1')) : new Map<string, string>();
  const disposition = fields.get('disposition') ?? null;
  const micField = fields.get('received-content-mic');
  const mic = micField ? { value: micField.split(',')[0].trim(), algorithm: (micField.split(',')[1] ?? '').trim() } : null;
  const status = (disposition ?? '').split(';')[1]?.trim().toLowerCase() ?? '';
  return {
    signed,
    signatureVerified,
    signatureProblem,
    originalMessageId: fields.get('original-message-id') ?? null,
    disposition,
    processed: status === 'processed',
    mic,
  };
}

/** True when the MIC returned equals ours (algorithm names compared loosely: SHA256 = sha-256). */
export function micMatches(returned: { value: string; algorithm: string } | null, expected: { value: string; algorithm: string }): boolean {
  if (!returned) return false;
  const a = normalizeMicAlgorithm(returned.algorithm || expected.algorithm);
  return returned.value === expected.value && a === normalizeMicAlgorithm(expected.algorithm);
}

export function renderMdn(mdn: BuiltMdn): string {
  return renderRaw(mdn.headers['Content-Type'], mdn.body, mdn.headers);
}

/**
 * An MDN as text for the exchange log: headers, blank line, body. A body with binary parts (some partners send
 * the signature unencoded) is kept in base64, said so by a header, since a database text column refuses NUL bytes.
 */
export function renderRaw(contentType: string, body: Buffer, headers: Record<string, string> = { 'Content-Type': contentType }): string {
  const binary = body.includes(0);
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
  if (binary) lines.push('X-OrderHub-Body-Encoding: base64');
  return `${lines.join('\r\n')}\r\n\r\n${binary ? body.toString('base64') : body.toString('latin1')}`;
}
