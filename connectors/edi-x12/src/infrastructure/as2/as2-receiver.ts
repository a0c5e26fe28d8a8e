import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { RawDocumentStore } from '@orderhub/persistence';
import { PartnerExchanges } from '../../application/partner-exchanges';
import { TradingPartnerRepository } from '../../application/ports';
import { ReceiveX12UseCase } from '../../application/receive-x12.use-case';
import type { As2Connection } from '../../domain/partner-connection';
import type { TradingPartner } from '../../domain/trading-partner';
import { PartnerConnectivityConfig } from '../../partner-connectivity.config';
import { normalizeMicAlgorithm, SignAlgorithm } from './as2-cms';
import { buildMdn, BuiltMdn, readMdn, renderMdn, renderRaw } from './as2-mdn';
import { As2OutboundTransport } from './as2-outbound.transport';
import { As2ErrorDisposition, As2OpenError, openAs2Message, parseDispositionOptions, unquoteAs2Name } from './as2-message';
import { parseContentType } from './as2-mime';

export interface As2HttpRequest {
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface As2HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const header = (req: As2HttpRequest, name: string): string | undefined => {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * POST /as2: AS2 messages from partners, and their asynchronous MDNs for what we sent.
 *
 * A message from a known partnership is stored raw (its dedup key is the Message-ID) before anything else; then it is
 * decrypted, verified and decompressed, and the payload goes to the same X12 receive path as every other door. The
 * MDN says processed, or processed/error with RFC 4130's modifier: nothing of a refused message is processed, and
 * the log names the partner, Message-ID and reason, never the payload. A Message-ID seen before is acknowledged
 * again and not processed twice.
 */
@Injectable()
export class As2Receiver implements OnApplicationShutdown {
  private readonly logger = new Logger('as2-inbound');
  private readonly pendingMdns = new Set<Promise<void>>();

  constructor(
    private readonly config: PartnerConnectivityConfig,
    private readonly partners: TradingPartnerRepository,
    private readonly raw: RawDocumentStore,
    private readonly receiveX12: ReceiveX12UseCase,
    private readonly exchanges: PartnerExchanges,
    private readonly outbound: As2OutboundTransport,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.pendingMdns]);
  }

  /** The partner whose AS2 connection names this AS2 id. */
  async partnerByAs2Id(as2Id: string): Promise<(TradingPartner & { connection: As2Connection }) | null> {
    const all = await this.partners.listActive();
    const found = all.find((p) => p.connection.type === 'as2' && p.connection.as2Id === as2Id);
    return (found as (TradingPartner & { connection: As2Connection }) | undefined) ?? null;
  }

  async handle(req: As2HttpRequest): Promise<As2HttpResponse> {
    const us = this.config.as2;
    if (!us) return text(503, 'AS2 is not configured on this hub (HUB_AS2_ID)');
    const from = unquoteAs2Name(header(req, 'as2-from'));
    const to = unquoteAs2Name(header(req, 'as2-to'));
    const messageId = (header(req, 'message-id') ?? '').trim();
    const contentType = header(req, 'content-type') ?? '';
    if (!from || !to || !messageId) return text(400, 'AS2-From, AS2-To and Message-ID are required');
    if (req.body.length === 0) return text(400, 'empty AS2 message');
    if (this.looksLikeMdn(contentType, req.body)) return this.asyncMdn(from, to, contentType, req.body);

    const options = parseDispositionOptions(header(req, 'disposition-notification-options'));
    const micAlgorithm = options.micAlgorithms.find((a) => normalizeMicAlgorithm(a) && normalizeMicAlgorithm(a) !== 'md5') ?? 'sha-256';
    const signMdn: SignAlgorithm = normalizeMicAlgorithm(micAlgorithm) === 'sha1' ? 'sha1' : 'sha256';
    const wantsMdn = header(req, 'disposition-notification-to') !== undefined;
    const asyncUrl = header(req, 'receipt-delivery-option')?.trim();
    const mdnFor = (error: As2ErrorDisposition | null, textLine: string, mic?: string): Promise<BuiltMdn> =>
      buildMdn({
        ourAs2Id: us.as2Id,
        partnerAs2Id: from,
        originalMessageId: messageId,
        mic: mic ? { value: mic, algorithm: micAlgorithm } : undefined,
        error,
        text: textLine,
        sign: options.signed ? { key: { keyPem: us.keyPem, certPem: us.certPem }, algorithm: signMdn } : null,
      });

    const partner = to === us.as2Id ? await this.partnerByAs2Id(from) : null;
    if (!partner) {
      this.logger.warn(`AS2 message ${messageId} from "${from}" to "${to}" refused: no such partnership (payload not kept)`);
      await this.exchanges.record({
        partnerId: null,
        protocol: 'as2',
        direction: 'in',
        reference: messageId.slice(0, 1000),
        rawDocumentId: null,
        outboundDocumentId: null,
        status: 'rejected',
        disposition: 'processed/error: authentication-failed',
        error: `unknown partnership ${from} → ${to}`,
      });
      return this.answer(
        await mdnFor('authentication-failed', `No trading partnership exists from ${from} to ${to}.`),
        wantsMdn,
        asyncUrl,
        null,
      );
    }

    // 1. The raw message first, keyed by its Message-ID: a second delivery of the same message finds the first.
    const stored = await this.raw.store({
      channel: 'edi',
      sender: partner.id,
      contentType: contentType.slice(0, 100) || 'application/octet-stream',
      content: req.body,
      dedupKey: `as2:${partner.id}:${messageId}`.slice(0, 300),
      metadata: {
        via: 'as2',
        partnerName: partner.name,
        as2From: from,
        as2To: to,
        messageId,
        contentType,
        receiptDeliveryOption: asyncUrl ?? null,
      },
    });
    if (!stored.created) {
      const first = await this.exchanges.findInbound('as2', partner.id, messageId);
      this.logger.log(
        `AS2 message ${messageId} from ${from} is a duplicate of receipt ${stored.document.id}: acknowledged again, not processed`,
      );
      const mic = first?.mic?.split(',')[0]?.trim();
      const mdn =
        first?.status === 'rejected'
          ? await mdnFor(dispositionError(first.disposition), 'This message was refused before.')
          : await mdnFor(null, 'Duplicate message: received before, not processed again.', mic);
      await this.exchanges.record({
        partnerId: partner.id,
        protocol: 'as2',
        direction: 'in',
        reference: messageId.slice(0, 1000),
        rawDocumentId: stored.document.id,
        outboundDocumentId: null,
        status: 'duplicate',
        mdn: renderMdn(mdn),
        disposition: mdn.disposition,
      });
      return this.answer(mdn, wantsMdn, asyncUrl, partner.id);
    }

    // 2. Open it: decrypt, verify, decompress.
    let opened;
    try {
      opened = await openAs2Message(contentType, req.body, {
        ourKey: { keyPem: us.keyPem, certPem: us.certPem },
        partnerCertsPem: partner.connection.certificates,
        micAlgorithm,
        requireSigned: partner.connection.sign,
        requireEncrypted: partner.connection.encrypt,
      });
    } catch (error) {
      const refusal = error instanceof As2OpenError ? error : new As2OpenError('unexpected-processing-error', (error as Error).message);
      this.logger.warn(
        `AS2 message ${messageId} from ${partner.name} refused: ${refusal.disposition} (${refusal.message}); nothing processed`,
      );
      await this.raw.setStatus(stored.document.id, 'rejected', `AS2 ${refusal.disposition}: ${refusal.message}`.slice(0, 2000));
      const mdn = await mdnFor(refusal.disposition, `The message could not be accepted: ${refusal.disposition}.`);
      await this.exchanges.record({
        partnerId: partner.id,
        protocol: 'as2',
        direction: 'in',
        reference: messageId.slice(0, 1000),
        rawDocumentId: stored.document.id,
        outboundDocumentId: null,
        status: 'rejected',
        mdn: renderMdn(mdn),
        disposition: mdn.disposition,
        error: `${refusal.disposition}: ${refusal.message}`.slice(0, 2000),
      });
      return this.answer(mdn, wantsMdn, asyncUrl, partner.id);
    }

    // 3. The payload takes the X12 path every door takes; its acknowledgements go back over AS2.
    const mdn = await mdnFor(null, 'The message was received, decrypted and its signature verified.', opened.mic);
    const exchange = await this.exchanges.record({
      partnerId: partner.id,
      protocol: 'as2',
      direction: 'in',
      reference: messageId.slice(0, 1000),
      rawDocumentId: stored.document.id,
      outboundDocumentId: null,
      status: 'processed',
      mic: `${opened.mic}, ${micAlgorithm}`,
      mdn: renderMdn(mdn),
      disposition: mdn.disposition,
    });
    try {
      await this.receiveX12.process(partner, stored.document, opened.payload);
    } catch (error) {
      // Stored and acknowledged at the AS2 level: the failure is the X12 layer's (an exception or a rejected receipt).
      this.logger.error(`AS2 message ${messageId} from ${partner.name}: X12 processing failed: ${(error as Error).message}`);
      await this.exchanges.update(exchange.id, { error: `X12 processing failed: ${(error as Error).message}`.slice(0, 2000) });
    }
    return this.answer(mdn, wantsMdn, asyncUrl, partner.id);
  }

  private looksLikeMdn(contentType: string, body: Buffer): boolean {
    const { type } = parseContentType(contentType);
    if (type === 'multipart/report') return true;
    return type === 'multipart/signed' && body.includes('disposition-notification');
  }

  /** An asynchronous MDN for a message we sent: confirms (or fails) its document. */
  private async asyncMdn(from: string, to: string, contentType: string, body: Buffer): Promise<As2HttpResponse> {
    const partner = await this.partnerByAs2Id(from);
    if (!partner || to !== this.config.as2?.as2Id) {
      this.logger.warn(`asynchronous MDN from "${from}" to "${to}" ignored: no such partnership`);
      return text(403, 'unknown partnership');
    }
    const mdn = await readMdn(contentType, body, partner.connection.certificates);
    const sent = mdn.originalMessageId ? await this.exchanges.findOutbound('as2', mdn.originalMessageId) : null;
    if (!sent || sent.partnerId !== partner.id) {
      this.logger.warn(`asynchronous MDN from ${partner.name} for unknown message ${mdn.originalMessageId ?? '(none)'}`);
      return text(200, 'MDN for an unknown message');
    }
    await this.outbound.settle(
      sent.reference,
      sent.id,
      sent.outboundDocumentId,
      sent.mic,
      partner.connection,
      mdn,
      renderRaw(contentType, body),
    );
    return text(200, 'MDN received');
  }

  private answer(mdn: BuiltMdn, wantsMdn: boolean, asyncUrl: string | undefined, partnerId: string | null): As2HttpResponse {
    if (!wantsMdn) return text(200, 'received');
    if (asyncUrl && /^https?:\/\//i.test(asyncUrl)) {
      const sending = this.sendAsyncMdn(asyncUrl, mdn, partnerId).finally(() => this.pendingMdns.delete(sending));
      this.pendingMdns.add(sending);
      return text(200, 'received; the MDN follows asynchronously');
    }
    return { status: 200, headers: mdn.headers, body: mdn.body };
  }

  /** Posts the MDN to the sender's Receipt-Delivery-Option URL, retrying with backoff a few times. */
  private async sendAsyncMdn(url: string, mdn: BuiltMdn, partnerId: string | null): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: mdn.headers,
          body: mdn.body,
          signal: AbortSignal.timeout(this.config.as2TimeoutMs),
        });
        await res.arrayBuffer().catch(() => undefined);
        if (res.status < 300) return;
        throw new Error(`HTTP ${res.status}`);
      } catch (error) {
        this.logger.warn(
          `asynchronous MDN to ${url} (partner ${partnerId ?? 'unknown'}) failed: ${(error as Error).message}; attempt ${attempt + 1}`,
        );
        await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
      }
    }
  }
}

function dispositionError(disposition: string | null): As2ErrorDisposition {
  const m = /error:\s*([a-z-]+)/i.exec(disposition ?? '');
  const known: As2ErrorDisposition[] = [
    'authentication-failed',
    'decompression-failed',
    'decryption-failed',
    'insufficient-message-security',
    'integrity-check-failed',
    'unexpected-processing-error',
  ];
  return known.find((k) => k === m?.[1]?.toLowerCase()) ?? 'unexpected-processing-error';
}

function text(status: number, message: string): As2HttpResponse {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: Buffer.from(`${message}\n`) };
}
