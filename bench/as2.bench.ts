/**
 * npm run bench:as2 — signed + encrypted AS2 messages per second, each answered by a signed MDN that is verified,
 * for the hub's AS2 layer beside OpenAS2 2.10.1 sending to OpenAS2, all in one run on loopback with certificates
 * made for the run (RSA 2048, SHA-256, AES-256-CBC, synchronous MDN):
 *   reference  OpenAS2 A → OpenAS2 B: files dropped into A's outbox, timed until A logged every MDN as verified;
 *   receive    OpenAS2 A → the hub's AS2 receiving code (openAs2Message + buildMdn, as POST /as2 runs them, in a
 *              bare node:http server: no database, no X12 processing) — same sender as the reference;
 *   send       the hub's AS2 sending code (buildAs2Message, POST, readMdn + MIC check, as the AS2 transport runs
 *              them) → OpenAS2 B, one at a time and BENCH_AS2_INFLIGHT at a time — same receiver as the reference.
 * Prints rates and ratios against the reference, not verdicts. Env: BENCH_AS2_MESSAGES (default 100),
 * BENCH_AS2_INFLIGHT (default 4).
 */
import { createServer, type IncomingMessage } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildMdn, micMatches, readMdn } from '../connectors/edi-x12/src/infrastructure/as2/as2-mdn';
import {
  buildAs2Message,
  newMessageId,
  openAs2Message,
  parseDispositionOptions,
} from '../connectors/edi-x12/src/infrastructure/as2/as2-message';
import { freePort, makeTestIdentity, startOpenAs2, type OpenAs2Peer } from '../libs/testing/src';

const N = Number(process.env.BENCH_AS2_MESSAGES ?? 100);
const INFLIGHT = Number(process.env.BENCH_AS2_INFLIGHT ?? 4);
const HUB = 'HUB_BENCH';
const payload = readFileSync(join(__dirname, '../connectors/edi-x12/samples/acme-850.x12'));

const confirmed = (peer: OpenAs2Peer) => (peer.log().match(/Message sent and MDN received successfully/g) ?? []).length;

async function waitFor(what: string, probe: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Drops `count` files into A's outbox for `to` and times until A has verified that many more MDNs. */
async function openAs2Sends(a: OpenAs2Peer, to: string, count: number, tag: string): Promise<number> {
  const before = confirmed(a);
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) a.send('OA_A', to, `${tag}-${i}.x12`, payload);
  await waitFor(`${count} MDNs at OpenAS2 A (${tag})`, () => confirmed(a) >= before + count, 600_000);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function main(): Promise<void> {
  const hubId = makeTestIdentity('bench hub');
  const aId = makeTestIdentity('bench OpenAS2 A');
  const bId = makeTestIdentity('bench OpenAS2 B');
  const hubKey = { keyPem: hubId.keyPem, certPem: hubId.certPem };

  // The hub's receiving code in a bare HTTP server.
  let received = 0;
  const hubPort = await freePort();
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const options = parseDispositionOptions(req.headers['disposition-notification-options'] as string | undefined);
        const micAlgorithm = options.micAlgorithms[0] ?? 'sha-256';
        const opened = await openAs2Message(String(req.headers['content-type']), Buffer.concat(chunks), {
          ourKey: hubKey,
          partnerCertsPem: [aId.certPem],
          micAlgorithm,
          requireSigned: true,
          requireEncrypted: true,
        });
        received += 1;
        const mdn = await buildMdn({
          ourAs2Id: HUB,
          partnerAs2Id: String(req.headers['as2-from']),
          originalMessageId: String(req.headers['message-id']),
          mic: { value: opened.mic, algorithm: micAlgorithm },
          error: null,
          text: 'received',
          sign: { key: hubKey, algorithm: 'sha256' },
        });
        res.writeHead(200, mdn.headers);
        res.end(mdn.body);
      })().catch((error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((r) => server.listen(hubPort, '127.0.0.1', r));

  const route = { sign: 'SHA256', encrypt: 'AES256', mdn: 'sync' } as const;
  const b = await startOpenAs2({
    identity: bId,
    remotes: [
      { as2Id: 'OA_A', url: 'http://127.0.0.1:9/', certPem: aId.certPem },
      { as2Id: HUB, url: 'http://127.0.0.1:9/', certPem: hubId.certPem },
    ],
    routes: [
      { localId: 'OA_B', remoteId: 'OA_A', ...route },
      { localId: 'OA_B', remoteId: HUB, ...route },
    ],
  });
  const a = await startOpenAs2({
    identity: aId,
    remotes: [
      { as2Id: 'OA_B', url: b.url, certPem: bId.certPem },
      { as2Id: HUB, url: `http://127.0.0.1:${hubPort}/as2`, certPem: hubId.certPem },
    ],
    routes: [
      { localId: 'OA_A', remoteId: 'OA_B', ...route },
      { localId: 'OA_A', remoteId: HUB, ...route },
    ],
  });
  try {
    // The hub's sending code → B, one message.
    const sendOne = async (): Promise<void> => {
      const messageId = newMessageId(HUB);
      const built = await buildAs2Message(payload, {
        fileName: 'po.x12',
        sign: 'sha256',
        encrypt: 'aes256',
        compress: false,
        ourKey: hubKey,
        partnerCertPem: bId.certPem,
        micAlgorithm: 'sha256',
      });
      const res = await fetch(b.url, {
        method: 'POST',
        headers: {
          'AS2-Version': '1.2',
          'AS2-From': HUB,
          'AS2-To': 'OA_B',
          'Message-ID': messageId,
          'Content-Type': built.contentType,
          'Disposition-Notification-To': HUB,
          'Disposition-Notification-Options': 'signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, sha-256',
        },
        body: built.body,
      });
      const mdn = await readMdn(res.headers.get('content-type') ?? '', Buffer.from(await res.arrayBuffer()), [bId.certPem]);
      if (!mdn.signatureVerified || !mdn.processed || !micMatches(mdn.mic, { value: built.mic, algorithm: 'sha-256' }))
        throw new Error(`MDN not verified: ${JSON.stringify(mdn)}`);
    };
    const hubSends = async (count: number, inflight: number): Promise<number> => {
      const started = process.hrtime.bigint();
      let next = 0;
      await Promise.all(
        Array.from({ length: inflight }, async () => {
          while (next < count) {
            next += 1;
            await sendOne();
          }
        }),
      );
      return Number(process.hrtime.bigint() - started) / 1e9;
    };

    // Warm-up of every path (JIT on both sides).
    await openAs2Sends(a, 'OA_B', 10, 'warm-ref');
    await openAs2Sends(a, HUB, 10, 'warm-hub');
    await hubSends(10, 2);

    const refSeconds = await openAs2Sends(a, 'OA_B', N, 'ref');
    const receiveSeconds = await openAs2Sends(a, HUB, N, 'hub');
    const sendSeconds = await hubSends(N, 1);
    const sendParallelSeconds = await hubSends(N, INFLIGHT);
    const refAgain = await openAs2Sends(a, 'OA_B', N, 'ref2');

    const rate = (s: number) => N / s;
    const ref = rate((refSeconds + refAgain) / 2);
    console.log(
      `as2 bench: ${N} messages per phase, ${payload.length}-byte 850, RSA 2048, SHA-256 signature, AES-256-CBC, signed sync MDN verified (signature and MIC)`,
    );
    console.log(
      `  reference OpenAS2 A -> OpenAS2 B:             ${ref.toFixed(1)} msg/s (runs ${rate(refSeconds).toFixed(1)} and ${rate(refAgain).toFixed(1)})`,
    );
    console.log(
      `  receive   OpenAS2 A -> hub AS2 layer:          ${rate(receiveSeconds).toFixed(1)} msg/s  ratio to reference ${(rate(receiveSeconds) / ref).toFixed(2)}  (${received} opened)`,
    );
    console.log(
      `  send      hub AS2 layer -> OpenAS2 B, 1 at a time: ${rate(sendSeconds).toFixed(1)} msg/s  ratio to reference ${(rate(sendSeconds) / ref).toFixed(2)}`,
    );
    console.log(
      `  send      hub AS2 layer -> OpenAS2 B, ${INFLIGHT} at a time: ${rate(sendParallelSeconds).toFixed(1)} msg/s  ratio to reference ${(rate(sendParallelSeconds) / ref).toFixed(2)}`,
    );
    console.log('  (OpenAS2 A sends from its directory poller, one file at a time; the hub layer runs without database or X12 work)');
  } finally {
    await a.stop();
    await b.stop();
    server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
