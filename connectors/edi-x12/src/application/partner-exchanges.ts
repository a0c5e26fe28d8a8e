/**
 * Every AS2 message and SFTP file that crossed a partner connection, each way: the log behind the partner's
 * connection status (last exchange each way, last error) and, for AS2, the MDN kept with the document.
 */
export type ExchangeProtocol = 'as2' | 'sftp';
export type ExchangeDirection = 'in' | 'out';
/** in: processed | rejected (negative MDN) | duplicate; out: awaiting-mdn | delivered | failed. */
export type ExchangeStatus = 'processed' | 'rejected' | 'duplicate' | 'awaiting-mdn' | 'delivered' | 'failed';

export interface PartnerExchange {
  id: string;
  partnerId: string | null;
  protocol: ExchangeProtocol;
  direction: ExchangeDirection;
  /** AS2 Message-ID, or the remote file name. */
  reference: string;
  rawDocumentId: string | null;
  outboundDocumentId: string | null;
  status: ExchangeStatus;
  /** The MIC we expect back (out) or returned (in): `base64, algorithm`. */
  mic: string | null;
  /** The MDN as sent or received (headers and body, latin1), kept with the document. */
  mdn: string | null;
  disposition: string | null;
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewPartnerExchange = Omit<PartnerExchange, 'id' | 'createdAt' | 'updatedAt' | 'mdn' | 'disposition' | 'error' | 'mic'> &
  Partial<Pick<PartnerExchange, 'mdn' | 'disposition' | 'error' | 'mic'>>;

export interface ConnectionStatus {
  lastInbound: { at: string; reference: string; status: ExchangeStatus } | null;
  lastOutbound: { at: string; reference: string; status: ExchangeStatus } | null;
  lastError: { at: string; direction: ExchangeDirection; message: string } | null;
}

export abstract class PartnerExchanges {
  abstract record(exchange: NewPartnerExchange): Promise<PartnerExchange>;
  abstract update(
    id: string,
    change: Partial<Pick<PartnerExchange, 'status' | 'mdn' | 'disposition' | 'error' | 'mic' | 'rawDocumentId'>>,
  ): Promise<void>;
  abstract findOutbound(protocol: ExchangeProtocol, reference: string): Promise<PartnerExchange | null>;
  abstract findInbound(protocol: ExchangeProtocol, partnerId: string, reference: string): Promise<PartnerExchange | null>;
  abstract listForDocument(outboundDocumentId: string): Promise<PartnerExchange[]>;
  abstract listForPartner(partnerId: string, limit: number): Promise<PartnerExchange[]>;
  abstract status(partnerId: string): Promise<ConnectionStatus>;
}
