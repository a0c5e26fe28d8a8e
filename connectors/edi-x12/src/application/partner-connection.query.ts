import { Injectable } from '@nestjs/common';
import { EdiErrors } from '../domain/edi.errors';
import { connectionView, type PartnerConnection } from '../domain/partner-connection';
import type { TradingPartner } from '../domain/trading-partner';
import { certificateExpiry } from '../infrastructure/as2/as2-cms';
import { PartnerExchange, PartnerExchanges } from './partner-exchanges';
import { TradingPartnerRepository } from './ports';

export const CERTIFICATE_WARNING_DAYS = 30;

export interface CertificateStatus {
  subject: string;
  notAfter: string;
  expiresInDays: number;
  /** Expires within 30 days (or already did). */
  expiringSoon: boolean;
}

/** A partner certificate's expiry; an unreadable one counts as expired (it cannot verify anything). */
export function certificateStatus(pem: string, now = new Date()): CertificateStatus {
  try {
    const { notAfter, subject } = certificateExpiry(pem);
    const days = Math.floor((notAfter.getTime() - now.getTime()) / 86_400_000);
    return { subject, notAfter: notAfter.toISOString(), expiresInDays: days, expiringSoon: days <= CERTIFICATE_WARNING_DAYS };
  } catch {
    return { subject: '(unreadable certificate)', notAfter: new Date(0).toISOString(), expiresInDays: -1, expiringSoon: true };
  }
}

export function certificatesOf(connection: PartnerConnection): string[] {
  return connection.type === 'as2' ? connection.certificates : [];
}

function exchangeView(e: PartnerExchange, withMdn: boolean) {
  return {
    id: e.id,
    protocol: e.protocol,
    direction: e.direction,
    reference: e.reference,
    status: e.status,
    rawDocumentId: e.rawDocumentId,
    outboundDocumentId: e.outboundDocumentId,
    mic: e.mic,
    disposition: e.disposition,
    error: e.error,
    at: e.updatedAt.toISOString(),
    ...(withMdn ? { mdn: e.mdn } : {}),
  };
}

/** What the console's partner page shows about a connection (GET /api/v1/partners/{id}/connection). */
@Injectable()
export class PartnerConnectionQuery {
  constructor(
    private readonly partners: TradingPartnerRepository,
    private readonly exchanges: PartnerExchanges,
  ) {}

  async connection(id: string, now = new Date()) {
    const partner = await this.partners.findById(id);
    if (!partner) throw EdiErrors.partnerNotFound(id);
    const [status, recent] = await Promise.all([this.exchanges.status(id), this.exchanges.listForPartner(id, 20)]);
    return {
      partnerId: partner.id,
      connection: connectionView(partner.connection),
      lastInbound: status.lastInbound,
      lastOutbound: status.lastOutbound,
      lastError: status.lastError,
      certificates: certificatesOf(partner.connection).map((pem) => certificateStatus(pem, now)),
      recentExchanges: recent.map((e) => exchangeView(e, false)),
    };
  }

  async exchange(partnerId: string, exchangeId: string) {
    const found = (await this.exchanges.listForPartner(partnerId, 500)).find((e) => e.id === exchangeId);
    if (!found) throw EdiErrors.partnerNotFound(`${partnerId}/exchanges/${exchangeId}`);
    return exchangeView(found, true);
  }

  /** The AS2 exchanges of one outbound document, with their MDNs (the MDN is kept with the document). */
  async forDocument(documentId: string) {
    return (await this.exchanges.listForDocument(documentId)).map((e) => exchangeView(e, true));
  }

  /** Every partner certificate with its expiry, for /metrics. */
  async certificates(now = new Date()): Promise<Array<{ partner: TradingPartner; certificate: CertificateStatus }>> {
    const out: Array<{ partner: TradingPartner; certificate: CertificateStatus }> = [];
    for (const partner of await this.partners.listActive())
      for (const pem of certificatesOf(partner.connection)) out.push({ partner, certificate: certificateStatus(pem, now) });
    return out;
  }
}
