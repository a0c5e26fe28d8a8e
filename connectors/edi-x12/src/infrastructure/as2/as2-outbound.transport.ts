import { Injectable, Logger } from '@nestjs/common';
import { OutboundDocuments } from '@orderhub/order-core';
import { PartnerExchanges } from '../../application/partner-exchanges';
import type { OutboundFile, TransportPartner } from '../../application/ports';
import type { As2Connection } from '../../domain/partner-connection';
import { PartnerConnectivityConfig } from '../../partner-connectivity.config';
import { micMatches, quoteAs2, readMdn, renderRaw } from './as2-mdn';
import { buildAs2Message, newMessageId } from './as2-message';

type ReadMdnResult = Awaited<ReturnType<typeof readMdn>>;

/**
 * Our documents to an AS2 partner (any X12 kind: the transport never looks inside): compressed, signed and encrypted
 * as its connection says, posted to its URL with a signed MDN requested. Delivered only on a processed MDN whose
 * signature verifies against the partner's certificates and whose MIC is ours. Anything else throws, so the
 * document is recorded as failed and retried with backoff (re-send stays available). Every attempt and its MDN
 * are kept as exchanges of the document.
 */
@Injectable()
export class As2OutboundTransport {
  private readonly logger = new Logger('as2-outbound');
  /** Async sends whose POST is still under way: an MDN that overtakes its own POST's answer is parked here. */
  private readonly inFlight = new Map<string, { problem?: string } | null>();

  constructor(
    private readonly config: PartnerConnectivityConfig,
    private readonly exchanges: PartnerExchanges,
    private readonly documents: OutboundDocuments,
  ) {}

  describe(connection: As2Connection): string {
    return `AS2 ${connection.as2Id} at ${connection.url}`;
  }

  async send(partner: TransportPartner, connection: As2Connection, file: OutboundFile): Promise<{ location: string; pending?: boolean }> {
    const us = this.config.as2;
    if (!us) throw new Error('AS2 is not configured on this hub (HUB_AS2_ID, HUB_AS2_KEY_FILE, HUB_AS2_CERT_FILE)');
    const messageId = newMessageId(us.as2Id);
    // The newest certificate encrypts (during a rollover both verify).
    const encryptionCert = connection.certificates[connection.certificates.length - 1];
    const built = await buildAs2Message(file.content, {
      fileName: file.name,
      sign: connection.sign ? connection.signAlgorithm : null,
      encrypt: connection.encrypt ? connection.encryptAlgorithm : null,
      compress: connection.compress,
      ourKey: { keyPem: us.keyPem, certPem: us.certPem },
      partnerCertPem: encryptionCert,
      micAlgorithm: connection.signAlgorithm,
    });
    const micName = connection.signAlgorithm === 'sha1' ? 'sha1' : 'sha-256';
    const exchange = await this.exchanges.record({
      partnerId: partner.id,
      protocol: 'as2',
      direction: 'out',
      reference: messageId,
      rawDocumentId: null,
      outboundDocumentId: file.documentId ?? null,
      status: 'awaiting-mdn',
      mic: `${built.mic}, ${micName}`,
    });
    const headers: Record<string, string> = {
      'AS2-Version': '1.2',
      'AS2-From': quoteAs2(us.as2Id),
      'AS2-To': quoteAs2(connection.as2Id),
      'Message-ID': messageId,
      Subject: file.name,
      Date: new Date().toUTCString(),
      'Mime-Version': '1.0',
      'Content-Type': built.contentType,
      'Content-Disposition': `attachment; filename="${file.name}"`,
      'Disposition-Notification-To': us.as2Id,
      'Disposition-Notification-Options': `signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, ${micName}`,
    };
    const asyncMdn = connection.mdn === 'async';
    if (asyncMdn) {
      if (!connection.mdnUrl)
        throw new Error('the AS2 connection asks for asynchronous MDNs but names no mdnUrl (our public POST /as2 address)');
      headers['Receipt-Delivery-Option'] = connection.mdnUrl;
    }
    let response: Response;
    let body: Buffer;
    if (asyncMdn) this.inFlight.set(messageId, null);
    try {
      response = await fetch(connection.url, {
        method: 'POST',
        headers,
        body: built.body,
        signal: AbortSignal.timeout(this.config.as2TimeoutMs),
      });
      body = Buffer.from(await response.arrayBuffer());
    } catch (error) {
      this.inFlight.delete(messageId);
      const problem = `cannot post to ${connection.url}: ${(error as Error).message}`;
      await this.exchanges.update(exchange.id, { status: 'failed', error: problem });
      throw new Error(problem);
    }
    const early = this.inFlight.get(messageId);
    this.inFlight.delete(messageId);
    if (response.status >= 300) {
      const problem = `${connection.url} answered HTTP ${response.status}`;
      await this.exchanges.update(exchange.id, {
        status: 'failed',
        error: problem,
        mdn: renderRaw(response.headers.get('content-type') ?? '', body.subarray(0, 20_000)),
      });
      throw new Error(problem);
    }
    if (asyncMdn) {
      if (early?.problem) throw new Error(early.problem);
      return { location: `${connection.url} (${messageId})`, pending: !early };
    }
    const contentType = response.headers.get('content-type') ?? '';
    let mdn: ReadMdnResult;
    try {
      mdn = await readMdn(contentType, body, connection.certificates);
    } catch (error) {
      const problem = `unreadable MDN: ${(error as Error).message}`;
      await this.exchanges.update(exchange.id, {
        status: 'failed',
        error: problem,
        mdn: renderRaw(response.headers.get('content-type') ?? '', body.subarray(0, 20_000)),
      });
      throw new Error(problem);
    }
    const rawMdn = renderRaw(contentType, body);
    const problem = mdnProblem(mdn, `${built.mic}, ${micName}`, connection.sign, messageId);
    await this.exchanges.update(exchange.id, {
      status: problem ? 'failed' : 'delivered',
      mdn: rawMdn,
      disposition: mdn.disposition,
      error: problem ?? null,
    });
    if (problem) throw new Error(problem);
    this.logger.log(`${file.name} delivered to ${connection.as2Id} (${messageId}); MDN verified`);
    return { location: `${connection.url} (${messageId})` };
  }

  /** Settles a document sent with an asynchronous MDN request once the MDN arrives. */
  async settle(
    messageId: string,
    exchangeId: string,
    documentId: string | null,
    expectedMic: string | null,
    connection: As2Connection,
    mdn: ReadMdnResult,
    rawMdn: string,
  ): Promise<{ delivered: boolean; problem?: string }> {
    const problem = mdnProblem(mdn, expectedMic, connection.sign, null);
    await this.exchanges.update(exchangeId, {
      status: problem ? 'failed' : 'delivered',
      mdn: rawMdn,
      disposition: mdn.disposition,
      error: problem ?? null,
    });
    if (this.inFlight.has(messageId)) {
      this.inFlight.set(messageId, { problem }); // send() records the outcome when its POST returns
      return problem ? { delivered: false, problem } : { delivered: true };
    }
    if (documentId)
      await this.documents.recordDelivery(
        documentId,
        problem ? { status: 'failed', error: `EDI.DELIVERY_FAILED: ${problem}` } : { status: 'delivered' },
      );
    if (problem) this.logger.warn(`asynchronous MDN refused for document ${documentId ?? '(none)'}: ${problem}`);
    return problem ? { delivered: false, problem } : { delivered: true };
  }
}

/** Why an MDN does not confirm delivery, or undefined when it does. */
export function mdnProblem(
  mdn: ReadMdnResult,
  expectedMic: string | null,
  signatureRequired: boolean,
  messageId: string | null,
): string | undefined {
  if (signatureRequired && !mdn.signed) return 'the MDN is not signed';
  if (mdn.signed && !mdn.signatureVerified) return `the MDN signature does not verify: ${mdn.signatureProblem ?? 'unknown reason'}`;
  if (messageId && mdn.originalMessageId && mdn.originalMessageId.trim() !== messageId)
    return `the MDN answers another message (${mdn.originalMessageId})`;
  if (!mdn.processed) return `the partner did not process the message: ${mdn.disposition ?? 'no disposition'}`;
  if (expectedMic) {
    const [value, algorithm] = expectedMic.split(',').map((s) => s.trim());
    if (!micMatches(mdn.mic, { value, algorithm }))
      return `the MDN's Received-Content-MIC ${mdn.mic ? `${mdn.mic.value}, ${mdn.mic.algorithm}` : '(none)'} does not match ours`;
  }
  return undefined;
}
