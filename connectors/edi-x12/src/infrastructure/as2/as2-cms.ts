import { createHash, createPrivateKey, webcrypto } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import * as asn1js from 'asn1js';
import forge from 'node-forge';
import * as pkijs from 'pkijs';

/**
 * CMS for AS2 on maintained libraries, no cryptography of our own:
 * - enveloping with node-forge (it does RSA key transport with PKCS#1 v1.5, which WebCrypto cannot and Node 20 refuses
 *   for private decryption, and 3DES for old partners as well as AES-128/192/256-CBC);
 * - signing and verification with PKI.js over Node's WebCrypto (forge has no PKCS#7 verify, and its RSA is slow);
 * - RFC 3274 compressed data: the ASN.1 wrapper built and read with asn1js around Node's zlib.
 */

pkijs.setEngine(
  'node',
  new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'] }),
);

export type SignAlgorithm = 'sha256' | 'sha1';
export type EncryptAlgorithm = 'aes128' | 'aes192' | 'aes256' | '3des';

const OID_COMPRESSED_DATA = '1.2.840.113549.1.9.16.1.9';
const OID_ZLIB = '1.2.840.113549.1.9.16.3.8';
const OID_DATA = '1.2.840.113549.1.7.1';
const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';

const ENCRYPT_OIDS: Record<EncryptAlgorithm, string> = {
  aes128: forge.pki.oids['aes128-CBC'],
  aes192: forge.pki.oids['aes192-CBC'],
  aes256: forge.pki.oids['aes256-CBC'],
  '3des': forge.pki.oids['des-EDE3-CBC'],
};

export interface As2Key {
  certPem: string;
  keyPem: string;
}

const toBinary = (b: Buffer) => forge.util.createBuffer(b.toString('binary'));
const fromBinary = (s: string) => Buffer.from(s, 'binary');

const signingKeys = new Map<string, Promise<CryptoKeyLike>>();
type CryptoKeyLike = Parameters<pkijs.SignedData['sign']>[0];

/** Our private key for WebCrypto signing (PKCS#1 or PKCS#8 PEM), imported once per key and digest. */
function signingKey(keyPem: string, hash: 'SHA-1' | 'SHA-256'): Promise<CryptoKeyLike> {
  const id = `${hash}:${createHash('sha256').update(keyPem).digest('hex')}`;
  let key = signingKeys.get(id);
  if (!key) {
    const pkcs8 = createPrivateKey(keyPem).export({ type: 'pkcs8', format: 'der' });
    key = webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash }, false, [
      'sign',
    ]) as unknown as Promise<CryptoKeyLike>;
    signingKeys.set(id, key);
  }
  return key;
}

/**
 * Detached PKCS#7 signature (DER) over `content`, with the signing certificate and the standard signed attributes,
 * made by PKI.js over Node's WebCrypto (native RSA: forge's pure-JS RSA took 150 ms a signature here).
 */
export async function signDetached(content: Buffer, key: As2Key, algorithm: SignAlgorithm): Promise<Buffer> {
  const hash = algorithm === 'sha1' ? 'SHA-1' : 'SHA-256';
  const certificate = certificateOf(key.certPem);
  const digest = createHash(algorithm).update(content).digest();
  const signed = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID_DATA }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
        // In DER order (a SET OF sorts by encoding: signingTime before the longer messageDigest). BouncyCastle
        // verifies over a DER re-encoding, so any other order fails there.
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({ type: OID_CONTENT_TYPE, values: [new asn1js.ObjectIdentifier({ value: OID_DATA })] }),
            new pkijs.Attribute({ type: OID_SIGNING_TIME, values: [new asn1js.UTCTime({ valueDate: new Date() })] }),
            new pkijs.Attribute({ type: OID_MESSAGE_DIGEST, values: [new asn1js.OctetString({ valueHex: digest })] }),
          ],
        }),
      }),
    ],
    certificates: [certificate],
  });
  await signed.sign(await signingKey(key.keyPem, hash), 0, hash);
  const info = new pkijs.ContentInfo({ contentType: pkijs.ContentInfo.SIGNED_DATA, content: signed.toSchema(true) });
  return Buffer.from(info.toSchema().toBER(false));
}

export type VerifyFailure = 'integrity' | 'authentication';

export interface VerifyResult {
  ok: boolean;
  failure?: VerifyFailure;
  detail?: string;
  /** Digest algorithm the signer used (sha1, sha256, ...). */
  digest?: string;
}

const DIGEST_NAMES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

function certificateOf(pem: string): pkijs.Certificate {
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  return pkijs.Certificate.fromBER(der);
}

/**
 * Verifies a detached signature over `content` against the partner's certificates only (the certificates the
 * message carries are ignored: a stranger could attach their own). A digest mismatch is an integrity failure; a
 * signer outside the partner's certificates, or a bad signature, an authentication failure.
 */
export async function verifyDetached(signature: Buffer, content: Buffer, partnerCertsPem: readonly string[]): Promise<VerifyResult> {
  let signed: pkijs.SignedData;
  try {
    const info = pkijs.ContentInfo.fromBER(signature);
    signed = new pkijs.SignedData({ schema: info.content });
  } catch (error) {
    return { ok: false, failure: 'authentication', detail: `signature is not PKCS#7: ${(error as Error).message}` };
  }
  const digest = DIGEST_NAMES[signed.signerInfos[0]?.digestAlgorithm.algorithmId ?? ''];
  if (partnerCertsPem.length === 0)
    return { ok: false, failure: 'authentication', detail: 'no certificate configured for the partner', digest };
  signed.certificates = partnerCertsPem.map(certificateOf);
  try {
    const data = content.buffer.slice(content.byteOffset, content.byteOffset + content.byteLength) as ArrayBuffer;
    const result = await signed.verify({ signer: 0, data, checkChain: false, extendedMode: true });
    if (result.signatureVerified) return { ok: true, digest };
    return { ok: false, failure: 'authentication', detail: result.message || 'signature does not verify', digest };
  } catch (error) {
    const e = error as { code?: number; message?: string };
    const failure: VerifyFailure = e.code === 15 && /digest/i.test(e.message ?? '') ? 'integrity' : 'authentication';
    return { ok: false, failure, detail: e.message ?? String(error), digest };
  }
}

/** EnvelopedData (DER) of `content` for the partner's certificate (the newest one when several overlap). */
export function encrypt(content: Buffer, recipientCertPem: string, algorithm: EncryptAlgorithm): Buffer {
  const p7 = forge.pkcs7.createEnvelopedData();
  p7.addRecipient(forge.pki.certificateFromPem(recipientCertPem));
  p7.content = toBinary(content);
  p7.encrypt(undefined, ENCRYPT_OIDS[algorithm]);
  return fromBinary(forge.asn1.toDer(p7.toAsn1()).getBytes());
}

/** Decrypts EnvelopedData addressed to our certificate; throws when it is not for us or cannot be opened. */
export function decrypt(enveloped: Buffer, key: As2Key): Buffer {
  const p7 = forge.pkcs7.messageFromAsn1(
    forge.asn1.fromDer(forge.util.createBuffer(enveloped.toString('binary'))),
  ) as forge.pkcs7.PkcsEnvelopedData;
  if (typeof (p7 as { findRecipient?: unknown }).findRecipient !== 'function') throw new Error('not enveloped data');
  const recipient = p7.findRecipient(forge.pki.certificateFromPem(key.certPem));
  if (!recipient) throw new Error('not encrypted for our certificate');
  p7.decrypt(recipient, forge.pki.privateKeyFromPem(key.keyPem));
  const content = (p7 as unknown as { content?: forge.util.ByteStringBuffer }).content;
  if (!content) throw new Error('decryption gave no content');
  return fromBinary(content.getBytes());
}

/** RFC 3274 CompressedData (zlib) around `content`. */
export function compress(content: Buffer): Buffer {
  const compressed = deflateSync(content);
  const info = new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: OID_COMPRESSED_DATA }),
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 0 },
        value: [
          new asn1js.Sequence({
            value: [
              new asn1js.Integer({ value: 0 }),
              new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID_ZLIB })] }),
              new asn1js.Sequence({
                value: [
                  new asn1js.ObjectIdentifier({ value: OID_DATA }),
                  new asn1js.Constructed({
                    idBlock: { tagClass: 3, tagNumber: 0 },
                    value: [new asn1js.OctetString({ valueHex: compressed })],
                  }),
                ],
              }),
            ],
          }),
        ],
      }),
    ],
  });
  return Buffer.from(info.toBER(false));
}

/** The content of RFC 3274 CompressedData (zlib), definite or indefinite length, primitive or chunked. */
export function decompress(der: Buffer): Buffer {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1) throw new Error('compressed data is not ASN.1');
  const info = parsed.result as asn1js.Sequence;
  const oid = (info.valueBlock.value[0] as asn1js.ObjectIdentifier | undefined)?.valueBlock.toString();
  if (oid !== OID_COMPRESSED_DATA) throw new Error(`not compressed data (${oid ?? 'no content type'})`);
  const compressedData = (info.valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0] as asn1js.Sequence;
  const algorithm = (
    (compressedData.valueBlock.value[1] as asn1js.Sequence).valueBlock.value[0] as asn1js.ObjectIdentifier
  ).valueBlock.toString();
  if (algorithm !== OID_ZLIB) throw new Error(`unsupported compression ${algorithm}`);
  const encap = compressedData.valueBlock.value[2] as asn1js.Sequence;
  const wrapper = encap.valueBlock.value[1] as asn1js.Constructed;
  const octets = wrapper.valueBlock.value[0] as asn1js.OctetString;
  return inflateSync(octetsOf(octets));
}

function octetsOf(node: asn1js.OctetString): Buffer {
  if (!node.idBlock.isConstructed) return Buffer.from(node.valueBlock.valueHexView);
  return Buffer.concat((node.valueBlock.value as asn1js.OctetString[]).map(octetsOf));
}

/** Digest names as AS2 headers write them (sha-256, SHA256, sha1...) to Node's. */
export function normalizeMicAlgorithm(name: string): 'sha1' | 'sha256' | 'sha384' | 'sha512' | 'md5' | null {
  const n = name.trim().toLowerCase().replace(/-/g, '');
  return n === 'sha1' || n === 'sha256' || n === 'sha384' || n === 'sha512' || n === 'md5' ? n : null;
}

/** Received-Content-MIC value: base64 digest, then the algorithm as the partner named it. */
export function micOf(content: Buffer, algorithm: string): string {
  const node = normalizeMicAlgorithm(algorithm) ?? 'sha256';
  return createHash(node).update(content).digest('base64');
}

/** Days until a PEM certificate expires (negative once expired) and its notAfter. */
export function certificateExpiry(pem: string): { notAfter: Date; subject: string } {
  const cert = forge.pki.certificateFromPem(pem);
  return {
    notAfter: cert.validity.notAfter,
    subject: cert.subject.attributes.map((a) => `${a.shortName ?? a.name}=${String(a.value)}`).join(', '),
  };
}
