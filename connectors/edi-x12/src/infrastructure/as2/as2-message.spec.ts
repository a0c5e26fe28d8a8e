import { makeTestIdentity } from '@orderhub/testing';
import { certificateStatus } from '../../application/partner-connection.query';
import { buildMdn, readMdn } from './as2-mdn';
import { buildAs2Message, openAs2Message } from './as2-message';

const hub = makeTestIdentity('unit hub');
const partner = makeTestIdentity('unit partner');
const stranger = makeTestIdentity('unit stranger');
const key = (i: typeof hub) => ({ keyPem: i.keyPem, certPem: i.certPem });
const payload = Buffer.from('ISA*00*          *00*          *ZZ*ACME           *ZZ*ORDERHUB       *260301*0930*U*00401*000000101*0*P*>~\n');

async function roundTrip(options: {
  sign: 'sha256' | 'sha1' | null;
  encrypt: 'aes128' | 'aes192' | 'aes256' | '3des' | null;
  compress: boolean;
}) {
  const built = await buildAs2Message(payload, {
    fileName: 'po.x12',
    ...options,
    ourKey: key(partner),
    partnerCertPem: hub.certPem,
    micAlgorithm: options.sign ?? 'sha256',
  });
  return {
    built,
    opened: await openAs2Message(built.contentType, built.body, {
      ourKey: key(hub),
      partnerCertsPem: [partner.certPem],
      micAlgorithm: options.sign ?? 'sha256',
      requireSigned: false,
      requireEncrypted: false,
    }),
  };
}

describe('AS2 messages', () => {
  it.each([
    { sign: 'sha256', encrypt: 'aes256', compress: false },
    { sign: 'sha256', encrypt: 'aes192', compress: true },
    { sign: 'sha256', encrypt: 'aes128', compress: false },
    { sign: 'sha1', encrypt: '3des', compress: true },
    { sign: null, encrypt: 'aes256', compress: false },
    { sign: 'sha256', encrypt: null, compress: false },
  ] as const)('opens what it builds (%o) and agrees on the MIC', async (options) => {
    const { built, opened } = await roundTrip(options);
    expect(opened.payload.equals(payload)).toBe(true);
    expect(opened).toMatchObject({ signed: options.sign !== null, encrypted: options.encrypt !== null, compressed: options.compress });
    expect(opened.mic).toBe(built.mic);
  });

  it('names the failure a negative MDN carries', async () => {
    const built = await buildAs2Message(payload, {
      fileName: 'po.x12',
      sign: 'sha256',
      encrypt: 'aes256',
      compress: false,
      ourKey: key(stranger),
      partnerCertPem: hub.certPem,
      micAlgorithm: 'sha256',
    });
    await expect(
      openAs2Message(built.contentType, built.body, {
        ourKey: key(hub),
        partnerCertsPem: [partner.certPem],
        micAlgorithm: 'sha256',
        requireSigned: true,
        requireEncrypted: true,
      }),
    ).rejects.toMatchObject({ disposition: 'authentication-failed' });
    await expect(
      openAs2Message(built.contentType, built.body, {
        ourKey: key(partner),
        partnerCertsPem: [stranger.certPem],
        micAlgorithm: 'sha256',
        requireSigned: true,
        requireEncrypted: true,
      }),
    ).rejects.toMatchObject({ disposition: 'decryption-failed' });
    const plain = await buildAs2Message(payload, {
      fileName: 'po.x12',
      sign: null,
      encrypt: null,
      compress: false,
      ourKey: key(partner),
      partnerCertPem: hub.certPem,
      micAlgorithm: 'sha256',
    });
    await expect(
      openAs2Message(plain.contentType, plain.body, {
        ourKey: key(hub),
        partnerCertsPem: [partner.certPem],
        micAlgorithm: 'sha256',
        requireSigned: true,
        requireEncrypted: false,
      }),
    ).rejects.toMatchObject({ disposition: 'insufficient-message-security' });
  });

  it('accepts either certificate while two overlap in a rollover', async () => {
    const built = await buildAs2Message(payload, {
      fileName: 'po.x12',
      sign: 'sha256',
      encrypt: null,
      compress: false,
      ourKey: key(partner),
      partnerCertPem: hub.certPem,
      micAlgorithm: 'sha256',
    });
    const opened = await openAs2Message(built.contentType, built.body, {
      ourKey: key(hub),
      partnerCertsPem: [stranger.certPem, partner.certPem],
      micAlgorithm: 'sha256',
      requireSigned: true,
      requireEncrypted: false,
    });
    expect(opened.signed).toBe(true);
  });
});

describe('MDNs', () => {
  it('reads back a signed MDN it built, with disposition and MIC, and notices a wrong signer', async () => {
    const mdn = await buildMdn({
      ourAs2Id: 'HUB',
      partnerAs2Id: 'ACME',
      originalMessageId: '<1@ACME>',
      mic: { value: 'abc=', algorithm: 'sha-256' },
      error: null,
      text: 'ok',
      sign: { key: key(hub), algorithm: 'sha256' },
    });
    const read = await readMdn(mdn.headers['Content-Type'], mdn.body, [hub.certPem]);
    expect(read).toMatchObject({
      signed: true,
      signatureVerified: true,
      originalMessageId: '<1@ACME>',
      processed: true,
      mic: { value: 'abc=', algorithm: 'sha-256' },
    });
    expect((await readMdn(mdn.headers['Content-Type'], mdn.body, [stranger.certPem])).signatureVerified).toBe(false);
  });

  it('writes the standard failure disposition', async () => {
    const mdn = await buildMdn({
      ourAs2Id: 'HUB',
      partnerAs2Id: 'ACME',
      originalMessageId: '<2@ACME>',
      error: 'decryption-failed',
      text: 'no',
      sign: null,
    });
    const read = await readMdn(mdn.headers['Content-Type'], mdn.body, []);
    expect(read.disposition).toBe('automatic-action/MDN-sent-automatically; processed/error: decryption-failed');
    expect(read.processed).toBe(false);
  });
});

describe('certificate expiry', () => {
  it('flags a certificate that expires within 30 days', () => {
    const soon = makeTestIdentity('expires soon', { days: 10 });
    expect(certificateStatus(soon.certPem)).toMatchObject({ expiringSoon: true, expiresInDays: expect.any(Number) });
    expect(certificateStatus(soon.certPem).expiresInDays).toBeLessThanOrEqual(10);
    expect(certificateStatus(hub.certPem).expiringSoon).toBe(false);
  });
});
