import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  eventually,
  javaAvailable,
  makeTestIdentity,
  RunningHub,
  startHub,
  startOpenAs2,
  type OpenAs2Peer,
  type TestIdentity,
} from '@orderhub/testing';
import { HubModule } from '../../../../../apps/hub/src/hub.module';
import { DEMO_PARTNER } from '../../application/seed-partners.use-case';
import { encrypt } from './as2-cms';
import { readMdn } from './as2-mdn';
import { buildAs2Message, newMessageId } from './as2-message';

/**
 * AS2 against a real OpenAS2 2.10.1 on loopback, certificates made for this run. OpenAS2 sends 850s to POST /as2 and
 * verifies our MDNs; the hub sends 997s and 855s back, OpenAS2 decrypts and verifies them and its MDNs are verified
 * by the hub. Negative cases are posted by a hand-held AS2 client built on the hub's own AS2 library, so each
 * failure is exactly the one named.
 */
const HUB_AS2_ID = 'ORDERHUB_AS2';
const skip = javaAvailable();
if (skip) console.warn(`AS2 integration specs skipped: ${skip}`);
const maybe = skip ? describe.skip : describe;

const SAMPLE = readFileSync(join(__dirname, '../../../samples/acme-850.x12'), 'utf8');

/** The sample 850 as another partner sends it: its ISA/GS id, a control number and a PO number of its own. */
function an850(isaId: string, control: number, poNumber: string): string {
  const isa = isaId.padEnd(15, ' ');
  const ctl = String(control).padStart(9, '0');
  return SAMPLE.replace('ACMERETAIL     ', isa)
    .replace('*ACMERETAIL*', `*${isaId}*`)
    .replace(/000000101/g, ctl)
    .replace('*0930*101*X*', `*0930*${control}*X*`)
    .replace('GE*1*101~', `GE*1*${control}~`)
    .replace('ACME-PO-1001', poNumber);
}

type Doc = { id: string; kind: string; status: string; content: string; lastError: string | null };

maybe('AS2 with OpenAS2', () => {
  let hub: RunningHub;
  let peer: OpenAs2Peer;
  let hubId: TestIdentity;
  let oaId: TestIdentity;
  let rogue: TestIdentity;
  const dir = mkdtempSync(join(tmpdir(), 'orderhub-as2-'));
  const partners: Record<string, string> = {};

  async function createPartner(name: string, isaId: string, connection: Record<string, unknown>): Promise<string> {
    const res = await hub.api<{ id: string }>('POST', '/api/v1/partners', {
      name,
      customerId: DEMO_PARTNER.draft.customerId,
      isaQualifier: 'ZZ',
      isaId,
      gsId: isaId,
      version: '004010',
      documents: ['997', '855'],
      connection,
    });
    if (res.status !== 201) throw new Error(`partner ${name}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  async function orderDocuments(poNumber: string): Promise<Doc[]> {
    const list = await hub.api<{ items: Array<{ id: string; poNumber: string }> }>('GET', `/api/v1/orders?poNumber=${poNumber}`);
    const order = list.body.items.find((o) => o.poNumber === poNumber);
    if (!order) return [];
    const docs = await hub.api<Doc[] | { items: Doc[] }>('GET', `/api/v1/orders/${order.id}/documents`);
    return Array.isArray(docs.body) ? docs.body : docs.body.items;
  }

  async function ordersNamed(poNumber: string): Promise<number> {
    const list = await hub.api<{ items: Array<{ poNumber: string }> }>('GET', `/api/v1/orders?poNumber=${poNumber}`);
    return list.body.items.filter((o) => o.poNumber === poNumber).length;
  }

  beforeAll(async () => {
    hubId = makeTestIdentity('OrderHub AS2');
    oaId = makeTestIdentity('OpenAS2 peer');
    rogue = makeTestIdentity('Someone else');
    writeFileSync(join(dir, 'hub.key'), hubId.keyPem);
    writeFileSync(join(dir, 'hub.crt'), hubId.certPem);
    process.env.HUB_AS2_ID = HUB_AS2_ID;
    process.env.HUB_AS2_KEY_FILE = join(dir, 'hub.key');
    process.env.HUB_AS2_CERT_FILE = join(dir, 'hub.crt');
    process.env.HUB_AS2_TIMEOUT_MS = '20000';
    hub = await startHub((config) => HubModule.forRoot(config), { HUB_REDELIVERY_INTERVAL_MS: '0' });
    peer = await startOpenAs2({
      identity: oaId,
      remotes: [{ as2Id: HUB_AS2_ID, url: `${hub.baseUrl}/as2`, certPem: hubId.certPem }],
      routes: [
        { localId: 'OA_MODERN', remoteId: HUB_AS2_ID, sign: 'SHA256', encrypt: 'AES256', mdn: 'sync' },
        { localId: 'OA_LEGACY', remoteId: HUB_AS2_ID, sign: 'SHA1', encrypt: '3DES', compress: true, mdn: 'async' },
        { localId: 'OA_ZIP', remoteId: HUB_AS2_ID, sign: 'SHA256', encrypt: 'AES128', compress: true, mdn: 'sync' },
        { localId: 'OA_STRANGER', remoteId: HUB_AS2_ID, sign: 'SHA256', encrypt: 'AES256', mdn: 'sync' },
        { localId: 'OA_WRONGCERT', remoteId: HUB_AS2_ID, sign: 'SHA256', encrypt: 'AES256', mdn: 'sync' },
      ],
    });
    const as2 = (as2Id: string, extra: Record<string, unknown> = {}) => ({
      type: 'as2',
      as2Id,
      url: peer.url,
      certificates: [oaId.certPem],
      sign: true,
      encrypt: true,
      mdn: 'sync',
      ...extra,
    });
    partners.modern = await createPartner('Modern AS2', 'OAMODERN', as2('OA_MODERN'));
    partners.legacy = await createPartner(
      'Legacy AS2',
      'OALEGACY',
      as2('OA_LEGACY', { mdn: 'async', mdnUrl: `${hub.baseUrl}/as2`, signAlgorithm: 'sha1', encryptAlgorithm: '3des', compress: true }),
    );
    partners.zip = await createPartner('Compressing AS2', 'OAZIP', as2('OA_ZIP', { compress: true, encryptAlgorithm: 'aes128' }));
    // We hold a certificate for this partner that is not the one it signs with.
    partners.wrongCert = await createPartner('Wrong certificate AS2', 'OAWRONG', as2('OA_WRONGCERT', { certificates: [rogue.certPem] }));
    partners.tester = await createPartner('Hand-held client', 'ASTESTER', {
      type: 'as2',
      as2Id: 'AS2_TESTER',
      url: peer.url,
      certificates: [rogue.certPem],
      sign: true,
      encrypt: true,
    });
  }, 180_000);

  afterAll(async () => {
    await peer?.stop();
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
    for (const k of ['HUB_AS2_ID', 'HUB_AS2_KEY_FILE', 'HUB_AS2_CERT_FILE', 'HUB_AS2_TIMEOUT_MS']) delete process.env[k];
  }, 60_000);

  it('turns an 850 from OpenAS2 (SHA-256, AES-256, sync MDN) into a sales order; its 997 and 855 reach OpenAS2, MDNs verified both ways', async () => {
    peer.send('OA_MODERN', HUB_AS2_ID, 'po-modern.x12', an850('OAMODERN', 501, 'AS2-PO-MODERN'));
    const docs = await eventually(
      async () => {
        const d = await orderDocuments('AS2-PO-MODERN');
        return d.some((x) => x.kind === '855' && x.status === 'delivered') ? d : undefined;
      },
      60_000,
      'the 855 delivered over AS2',
    );
    // OpenAS2 verified our signed MDN (it logs success only after checking signature and MIC).
    await eventually(
      async () => (peer.log().includes('Message sent and MDN received successfully') ? true : undefined),
      20_000,
      'OpenAS2 to accept our MDN',
    );
    // OpenAS2 decrypted and verified both of our documents and stored them.
    const inbox = await eventually(
      async () => {
        const files = peer.inbox(HUB_AS2_ID, 'OA_MODERN');
        return files.length >= 2 ? files : undefined;
      },
      30_000,
      'the 997 and 855 at OpenAS2',
    );
    const texts = inbox.map((f) => f.content.toString());
    expect(texts.some((t) => t.includes('ST*997*'))).toBe(true);
    const po855 = docs.find((d) => d.kind === '855');
    expect(texts).toContain(po855?.content);
    // The MDN OpenAS2 sent us is kept with the document.
    const exchanges = await hub.api<Array<{ status: string; mdn: string; disposition: string }>>(
      'GET',
      `/api/v1/documents/${po855?.id}/exchanges`,
    );
    expect(exchanges.body[0]).toMatchObject({ status: 'delivered', disposition: expect.stringMatching(/processed$/) });
    expect(exchanges.body[0].mdn).toContain('multipart/signed');
    // The console's view of the connection.
    const connection = await hub.api<{
      lastInbound: { status: string };
      lastOutbound: { status: string };
      lastError: unknown;
      certificates: Array<{ expiringSoon: boolean }>;
    }>('GET', `/api/v1/partners/${partners.modern}/connection`);
    expect(connection.body.lastInbound.status).toBe('processed');
    expect(connection.body.lastOutbound.status).toBe('delivered');
    expect(connection.body.lastError).toBeNull();
    expect(connection.body.certificates).toEqual([expect.objectContaining({ expiringSoon: false })]);
  }, 120_000);

  it('works with old partners: SHA-1, 3DES, compression and asynchronous MDNs both ways', async () => {
    const before = (peer.log().match(/Message sent and MDN received successfully/g) ?? []).length;
    peer.send('OA_LEGACY', HUB_AS2_ID, 'po-legacy.x12', an850('OALEGACY', 502, 'AS2-PO-LEGACY'));
    const docs = await eventually(
      async () => {
        const d = await orderDocuments('AS2-PO-LEGACY');
        return d.some((x) => x.kind === '855' && x.status === 'delivered') ? d : undefined;
      },
      60_000,
      'the 855 delivered with an asynchronous MDN',
    );
    await eventually(
      async () => ((peer.log().match(/Message sent and MDN received successfully/g) ?? []).length > before ? true : undefined),
      30_000,
      'OpenAS2 to accept our asynchronous MDN',
    );
    const files = await eventually(
      async () => (peer.inbox(HUB_AS2_ID, 'OA_LEGACY').length >= 2 ? peer.inbox(HUB_AS2_ID, 'OA_LEGACY') : undefined),
      30_000,
      'documents at OpenAS2',
    );
    expect(files.map((f) => f.content.toString())).toContain(docs.find((d) => d.kind === '855')?.content);
  }, 120_000);

  it('reads compressed messages (RFC 5402) from OpenAS2 and compresses its answers', async () => {
    peer.send('OA_ZIP', HUB_AS2_ID, 'po-zip.x12', an850('OAZIP', 503, 'AS2-PO-ZIP'));
    await eventually(
      async () => ((await orderDocuments('AS2-PO-ZIP')).some((x) => x.kind === '855' && x.status === 'delivered') ? true : undefined),
      60_000,
      'the 855',
    );
    expect(peer.inbox(HUB_AS2_ID, 'OA_ZIP').length).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('answers an unknown partnership with a negative MDN and processes nothing', async () => {
    peer.send('OA_STRANGER', HUB_AS2_ID, 'po-stranger.x12', an850('OASTRANGER', 504, 'AS2-PO-STRANGER'));
    await eventually(
      async () =>
        peer.log().includes('processed/error: authentication-failed') || /Error:\s*authentication-failed/i.test(peer.log())
          ? true
          : undefined,
      30_000,
      'OpenAS2 to get the negative MDN',
    );
    expect(await ordersNamed('AS2-PO-STRANGER')).toBe(0);
  }, 60_000);

  it('refuses a message signed with a certificate other than the partner’s (authentication-failed)', async () => {
    peer.send('OA_WRONGCERT', HUB_AS2_ID, 'po-wrong.x12', an850('OAWRONG', 505, 'AS2-PO-WRONGCERT'));
    await eventually(
      async () => (/authentication-failed/i.test(peer.log().split('OA_WRONGCERT').slice(1).join('')) ? true : undefined),
      30_000,
      'the negative MDN at OpenAS2',
    );
    expect(await ordersNamed('AS2-PO-WRONGCERT')).toBe(0);
    const status = await hub.api<{ lastInbound: { status: string }; lastError: { message: string } }>(
      'GET',
      `/api/v1/partners/${partners.wrongCert}/connection`,
    );
    expect(status.body.lastInbound.status).toBe('rejected');
    expect(status.body.lastError.message).toMatch(/authentication-failed/);
  }, 60_000);

  /** The hand-held client: a partner AS2_TESTER whose certificate the hub holds is `rogue`'s. */
  async function postAsTester(body: Buffer, contentType: string, messageId = newMessageId('AS2_TESTER'), from = 'AS2_TESTER') {
    const res = await fetch(`${hub.baseUrl}/as2`, {
      method: 'POST',
      headers: {
        'AS2-Version': '1.2',
        'AS2-From': from,
        'AS2-To': HUB_AS2_ID,
        'Message-ID': messageId,
        'Content-Type': contentType,
        'Disposition-Notification-To': 'tester@example.test',
        'Disposition-Notification-Options': 'signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, sha-256',
      },
      body,
    });
    const mdn = await readMdn(res.headers.get('content-type') ?? '', Buffer.from(await res.arrayBuffer()), [hubId.certPem]);
    return { status: res.status, mdn };
  }

  const testerKey = () => ({ keyPem: rogue.keyPem, certPem: rogue.certPem });

  it('refuses a tampered payload (integrity-check-failed), with a signed negative MDN, and processes nothing', async () => {
    const signed = await buildAs2Message(Buffer.from(an850('ASTESTER', 601, 'AS2-PO-TAMPERED')), {
      fileName: 'po.x12',
      sign: 'sha256',
      encrypt: null,
      compress: false,
      ourKey: testerKey(),
      partnerCertPem: hubId.certPem,
      micAlgorithm: 'sha256',
    });
    const tampered = Buffer.from(signed.body.toString('latin1').replace('*24*EA*', '*99*EA*'), 'latin1');
    const entity = Buffer.concat([Buffer.from(`Content-Type: ${signed.contentType}\r\n\r\n`), tampered]);
    const { status, mdn } = await postAsTester(
      encrypt(entity, hubId.certPem, 'aes256'),
      'application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m',
    );
    expect(status).toBe(200);
    expect(mdn.signatureVerified).toBe(true);
    expect(mdn.disposition).toBe('automatic-action/MDN-sent-automatically; processed/error: integrity-check-failed');
    expect(await ordersNamed('AS2-PO-TAMPERED')).toBe(0);
  }, 30_000);

  it('refuses a message it cannot decrypt (decryption-failed)', async () => {
    const m = await buildAs2Message(Buffer.from(an850('ASTESTER', 602, 'AS2-PO-UNDECRYPTABLE')), {
      fileName: 'po.x12',
      sign: 'sha256',
      encrypt: 'aes256',
      compress: false,
      ourKey: testerKey(),
      partnerCertPem: rogue.certPem, // encrypted for someone else
      micAlgorithm: 'sha256',
    });
    const { mdn } = await postAsTester(m.body, m.contentType);
    expect(mdn.disposition).toMatch(/processed\/error: decryption-failed$/);
    expect(await ordersNamed('AS2-PO-UNDECRYPTABLE')).toBe(0);
  }, 30_000);

  it('refuses an unknown AS2-From with a negative MDN (authentication-failed)', async () => {
    const m = await buildAs2Message(Buffer.from(an850('ASTESTER', 603, 'AS2-PO-NOBODY')), {
      fileName: 'po.x12',
      sign: 'sha256',
      encrypt: 'aes256',
      compress: false,
      ourKey: testerKey(),
      partnerCertPem: hubId.certPem,
      micAlgorithm: 'sha256',
    });
    const { mdn } = await postAsTester(m.body, m.contentType, newMessageId('NOBODY'), 'NOBODY_WE_KNOW');
    expect(mdn.disposition).toMatch(/processed\/error: authentication-failed$/);
    expect(await ordersNamed('AS2-PO-NOBODY')).toBe(0);
  }, 30_000);

  it('acknowledges a repeated Message-ID again with the same MIC and does not process it twice', async () => {
    const m = await buildAs2Message(Buffer.from(an850('ASTESTER', 604, 'AS2-PO-TWICE')), {
      fileName: 'po.x12',
      sign: 'sha256',
      encrypt: 'aes256',
      compress: true,
      ourKey: testerKey(),
      partnerCertPem: hubId.certPem,
      micAlgorithm: 'sha256',
    });
    const messageId = newMessageId('AS2_TESTER');
    const first = await postAsTester(m.body, m.contentType, messageId);
    const second = await postAsTester(m.body, m.contentType, messageId);
    expect(first.mdn.disposition).toMatch(/; processed$/);
    expect(first.mdn.mic?.value).toBe(m.mic);
    expect(second.mdn.disposition).toMatch(/; processed$/);
    expect(second.mdn.mic?.value).toBe(m.mic);
    await eventually(async () => ((await ordersNamed('AS2-PO-TWICE')) === 1 ? true : undefined), 30_000, 'the order');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await ordersNamed('AS2-PO-TWICE')).toBe(1);
  }, 60_000);

  it('counts a document delivered only on a positive, verified MDN; after the certificate is fixed a re-send delivers it', async () => {
    // A rollover entered in the wrong order: OpenAS2's certificate verifies, but the last one (used to encrypt) is not
    // OpenAS2's, so OpenAS2 cannot decrypt our 997 and 855 and answers with a negative MDN.
    const patched = await hub.api('PATCH', `/api/v1/partners/${partners.wrongCert}`, {
      connection: {
        type: 'as2',
        as2Id: 'OA_WRONGCERT',
        url: peer.url,
        certificates: [oaId.certPem, rogue.certPem],
        sign: true,
        encrypt: true,
      },
    });
    expect(patched.status).toBe(200);
    peer.send('OA_WRONGCERT', HUB_AS2_ID, 'po-rollover.x12', an850('OAWRONG', 507, 'AS2-PO-ROLLOVER'));
    const failed = await eventually(
      async () => {
        const all = await orderDocuments('AS2-PO-ROLLOVER');
        const d = all.find((x) => x.kind === '855');
        if (d && d.status === 'failed') return d;
        const orders = await hub.api('GET', `/api/v1/orders?poNumber=AS2-PO-ROLLOVER`);
        throw new Error(
          `documents so far: ${JSON.stringify(all.map((x) => [x.kind, x.status, x.lastError]))} ${JSON.stringify(orders.body).slice(0, 1500)}`,
        );
      },
      60_000,
      'the 855 to fail',
    );
    // OpenAS2 answers a message it cannot decrypt with HTTP 500 (no MDN): not delivered either way.
    expect(failed.lastError).toMatch(/decryption-failed|answered HTTP 500/i);
    const status = await hub.api<{ lastOutbound: { status: string }; lastError: { direction: string } }>(
      'GET',
      `/api/v1/partners/${partners.wrongCert}/connection`,
    );
    expect(status.body.lastOutbound.status).toBe('failed');
    expect(status.body.lastError.direction).toBe('out');

    await hub.api('PATCH', `/api/v1/partners/${partners.wrongCert}`, {
      connection: {
        type: 'as2',
        as2Id: 'OA_WRONGCERT',
        url: peer.url,
        certificates: [rogue.certPem, oaId.certPem],
        sign: true,
        encrypt: true,
      },
    });
    const resent = await hub.api<{ status: string }>('POST', `/api/v1/documents/${failed.id}/resend`);
    expect(resent.status).toBeLessThan(300);
    await eventually(
      async () => ((await orderDocuments('AS2-PO-ROLLOVER')).find((x) => x.id === failed.id)?.status === 'delivered' ? true : undefined),
      30_000,
      'the re-sent 855',
    );
    expect(peer.inbox(HUB_AS2_ID, 'OA_WRONGCERT').map((f) => f.content.toString())).toContain(failed.content);
    const exchanges = await hub.api<Array<{ status: string }>>('GET', `/api/v1/documents/${failed.id}/exchanges`);
    expect(exchanges.body.map((e) => e.status)).toEqual(['failed', 'delivered']);
  }, 120_000);
  it('shows a partner certificate that expires within 30 days on the partner API and in /metrics', async () => {
    const soon = makeTestIdentity('Expiring partner', { days: 12 });
    const id = await createPartner('Expiring AS2', 'OAEXPIRING', {
      type: 'as2',
      as2Id: 'OA_EXPIRING',
      url: peer.url,
      certificates: [oaId.certPem, soon.certPem],
    });
    const connection = await hub.api<{ certificates: Array<{ subject: string; expiresInDays: number; expiringSoon: boolean }> }>(
      'GET',
      `/api/v1/partners/${id}/connection`,
    );
    expect(connection.body.certificates).toEqual([
      expect.objectContaining({ expiringSoon: false }),
      expect.objectContaining({
        expiringSoon: true,
        expiresInDays: expect.any(Number),
        subject: expect.stringContaining('Expiring partner'),
      }),
    ]);
    expect(connection.body.certificates[1].expiresInDays).toBeLessThanOrEqual(12);
    const metrics = await (await fetch(`${hub.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/orderhub_partner_certificates_expiring_soon [1-9]/);
    expect(metrics).toMatch(
      /orderhub_partner_certificate_expiry_days\{partner="Expiring AS2",subject="[^"]*Expiring partner[^"]*"\} (1[0-2]|[0-9])\b/,
    );
  }, 30_000);
});
