import type { InvoiceIssued, OrderAcknowledged, PurchaseOrderFlagged, PurchaseOrderRejected } from '@orderhub/contracts';
import type { OriginalEmail } from './confirmation.mailer';
import type { CustomerContacts, ReplyOutbox, StoredReply } from './ports';

/**
 * What the email channel tells a customer after the order core decides: the confirmation with our sales-order
 * number and totals, an operator's rejection, the invoice. Each `prepare*` stores the reply (the caller runs it in
 * the consumer's transaction) and returns it, or null when the event is not ours to answer; `deliver` sends it.
 *
 * Who gets what:
 * - email orders: every reply, threaded under the original message (In-Reply-To its Message-ID).
 * - phone orders: the confirmation only, to the first plain address on the customer record (no thread to join;
 *   a customer listed only by '@domain' gets none). It is the written record of what was agreed on the phone;
 *   rejections and invoices of phone orders are left to the operator.
 * - other channels answer in their own way (855/810 for EDI, Shopify's own mails).
 */
export class ReplyToOrderEventsUseCase {
  constructor(
    private readonly replies: ReplyOutbox,
    private readonly contacts: CustomerContacts,
  ) {}

  async prepareAcknowledgement(event: OrderAcknowledged): Promise<StoredReply | null> {
    const original =
      event.channel === 'email'
        ? threadOf(event.channelData, event.sender)
        : event.channel === 'phone'
          ? await this.customerAddress(event.customerId)
          : null;
    if (!original) return null;
    return this.replies.store(
      {
        kind: 'accepted',
        original,
        poNumber: event.poNumber,
        salesOrderNumber: event.salesOrderNumber,
        currency: event.currency,
        total: event.total,
        outcome: event.outcome,
        lines: event.lines.map((l) => ({
          lineNumber: l.buyerLineNumber || String(l.lineNumber),
          sku: l.sku,
          description: l.description,
          quantity: l.orderedQuantity,
          unitPrice: l.unitPrice,
          ...(l.status === 'accepted' ? {} : { status: l.status }),
        })),
      },
      { sourceKey: `email-ack:${event.salesOrderId}`, salesOrderId: event.salesOrderId, rawDocumentId: event.rawDocumentId },
    );
  }

  /**
   * An emailed order the order core flagged (unit, price, duplicate, credit...): the buyer hears that it is being
   * reviewed, as they do when extraction flags it. Flags raised by the email channel itself were answered at intake
   * and carry FLAGGED_BY_EMAIL_INTAKE; they are skipped here so nobody gets two.
   */
  async prepareNeedsReview(event: PurchaseOrderFlagged): Promise<StoredReply | null> {
    if (event.channel !== 'email' || event.channelData[FLAGGED_BY] === FLAGGED_BY_EMAIL_INTAKE) return null;
    const original = threadOf(event.channelData, event.sender);
    if (!original) return null;
    return this.replies.store(
      { kind: 'needs-review', original, poNumbers: event.poNumber ? [event.poNumber] : [], reasons: event.reasons },
      { sourceKey: `email-flagged:${event.exceptionId}`, rawDocumentId: event.rawDocumentId },
    );
  }

  async prepareRejection(event: PurchaseOrderRejected): Promise<StoredReply | null> {
    if (event.channel !== 'email') return null;
    const original = threadOf(event.channelData, event.sender);
    if (!original) return null;
    return this.replies.store(
      { kind: 'declined', original, poNumber: event.poNumber, reason: event.reason },
      { sourceKey: `email-rejected:${event.exceptionId}`, rawDocumentId: event.rawDocumentId },
    );
  }

  async prepareInvoice(event: InvoiceIssued): Promise<StoredReply | null> {
    if (event.channel !== 'email') return null;
    const original = threadOf(event.channelData, event.sender);
    if (!original) return null;
    return this.replies.store(
      {
        kind: 'invoice',
        original,
        poNumber: event.poNumber,
        salesOrderNumber: event.salesOrderNumber,
        invoiceNumber: event.invoiceNumber,
        invoiceDate: event.invoiceDate,
        currency: event.currency,
        subtotal: event.subtotal,
        total: event.total,
        lines: event.lines.map((l) => ({
          lineNumber: l.buyerLineNumber || String(l.lineNumber),
          sku: l.sku,
          description: l.description,
          quantity: l.quantity,
          unitPrice: l.unitPrice,
          amount: l.amount,
        })),
        charges: event.charges.map((c) => ({ kind: c.kind, description: c.description, amount: c.amount })),
        netDays: event.terms?.netDays,
      },
      { sourceKey: `email-invoice:${event.invoiceId}`, salesOrderId: event.salesOrderId, rawDocumentId: event.rawDocumentId },
    );
  }

  deliver(reply: StoredReply): Promise<StoredReply> {
    return this.replies.deliver(reply);
  }

  private async customerAddress(customerId: string): Promise<OriginalEmail | null> {
    const to = await this.contacts.mailAddressOf(customerId);
    return to ? { to } : null;
  }
}

/** Marks a PurchaseOrderFlagged raised by the email intake itself, whose "needs review" reply was already sent. */
export const FLAGGED_BY = 'flaggedBy';
export const FLAGGED_BY_EMAIL_INTAKE = 'email-intake';

const MAILABLE = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** The thread to answer in, from what the email channel put in the order's channelData. */
export function threadOf(channelData: Record<string, unknown>, sender: string): OriginalEmail | null {
  const from = typeof channelData.from === 'string' ? channelData.from : sender;
  // 'unknown@invalid' and friends: nobody to answer.
  if (!MAILABLE.test(from) || from.endsWith('@invalid')) return null;
  const references = channelData.references;
  return {
    to: from,
    messageId: typeof channelData.messageId === 'string' ? channelData.messageId : undefined,
    subject: typeof channelData.subject === 'string' ? channelData.subject : undefined,
    references:
      typeof references === 'string' || (Array.isArray(references) && references.every((r) => typeof r === 'string'))
        ? (references as string | string[])
        : undefined,
  };
}
