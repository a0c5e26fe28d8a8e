import { z } from 'zod';
import { isDecimal } from './decimal';
import { CHANNELS, purchaseOrderSchema, productIdSchema } from './purchase-order';

const decimal = z.string().refine(isDecimal, { message: 'must be a decimal string' });

/** A connector turned raw input into a canonical purchase order. */
export const purchaseOrderReceivedSchema = z.object({ purchaseOrder: purchaseOrderSchema });
export type PurchaseOrderReceived = z.infer<typeof purchaseOrderReceivedSchema>;

/**
 * The core's per-line decision, in the vocabulary X12 855 ACK01 uses: IA accepted, IR rejected,
 * IB backordered, IQ quantity changed, IP price changed, and so on.
 */
export const lineDecisionSchema = z.object({
  lineNumber: z.number().int().positive(),
  buyerLineNumber: z.string(),
  sku: z.string().optional(),
  productIds: z.array(productIdSchema),
  description: z.string().optional(),
  uom: z.string(),
  orderedQuantity: decimal,
  acceptedQuantity: decimal,
  backorderedQuantity: decimal,
  unitPrice: decimal,
  buyerUnitPrice: decimal.optional(),
  status: z.enum(['accepted', 'rejected', 'backordered', 'quantity-changed', 'price-changed']),
  ackCode: z.enum(['IA', 'IR', 'IB', 'IQ', 'IP', 'IC']),
  scheduledShipDate: z.string().optional(),
});
export type LineDecision = z.infer<typeof lineDecisionSchema>;

const orderRef = {
  salesOrderId: z.string(),
  salesOrderNumber: z.string(),
  customerId: z.string(),
  channel: z.enum(CHANNELS),
  rawDocumentId: z.string(),
  partnerId: z.string().optional(),
  sender: z.string(),
  poNumber: z.string(),
  poDate: z.string().optional(),
  currency: z.string(),
  channelData: z.record(z.string(), z.unknown()).default({}),
};

/** A sales order was raised (or refused) for a purchase order: what the 855 or confirmation email says. */
export const orderAcknowledgedSchema = z.object({
  ...orderRef,
  /** BAK02: AC accepted with changes, AD accepted without, RJ rejected. */
  outcome: z.enum(['accepted', 'accepted-with-changes', 'rejected']),
  lines: z.array(lineDecisionSchema),
  total: decimal,
  shipTo: z.record(z.string(), z.unknown()).optional(),
  scheduledShipDate: z.string().optional(),
});
export type OrderAcknowledged = z.infer<typeof orderAcknowledgedSchema>;

export const invoiceIssuedSchema = z.object({
  ...orderRef,
  invoiceId: z.string(),
  invoiceNumber: z.string(),
  invoiceDate: z.string(),
  shipmentId: z.string(),
  lines: z.array(
    z.object({
      lineNumber: z.number().int(),
      buyerLineNumber: z.string(),
      sku: z.string(),
      productIds: z.array(productIdSchema),
      description: z.string().optional(),
      uom: z.string(),
      quantity: decimal,
      unitPrice: decimal,
      amount: decimal,
    }),
  ),
  charges: z.array(
    z.object({ kind: z.enum(['charge', 'allowance']), code: z.string().optional(), description: z.string().optional(), amount: decimal }),
  ),
  subtotal: decimal,
  total: decimal,
  terms: z
    .object({ netDays: z.number().int().optional(), discountPercent: decimal.optional(), discountDays: z.number().int().optional() })
    .optional(),
  billTo: z.record(z.string(), z.unknown()).optional(),
  shipTo: z.record(z.string(), z.unknown()).optional(),
  /**
   * The shipment this invoice is for, as recorded: what the ship notice (856) says. Carried on the invoice's own
   * event so a channel can send the notice before the invoice, in one ordered step.
   */
  shipment: z
    .object({
      shippedAt: z.string(),
      carrier: z.string().optional(),
      trackingNumber: z.string().optional(),
      /** SSCC-18 per carton when cartons were recorded; lines by our line number. */
      cartons: z
        .array(z.object({ sscc: z.string().optional(), lines: z.array(z.object({ lineNumber: z.number().int(), quantity: decimal })) }))
        .default([]),
    })
    .optional(),
});
export type InvoiceIssued = z.infer<typeof invoiceIssuedSchema>;

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * A buyer's change to an order it sent (X12 860), line by line, for the core to apply to the open order. Change
 * types are X12 POC02's: AI add, DI delete, QI/QD quantity, PC price, CA/PQ/RQ/RS/CT several at once, NC none.
 */
export const purchaseOrderChangeReceivedSchema = z.object({
  channel: z.enum(CHANNELS),
  rawDocumentId: z.string(),
  sender: z.string(),
  partnerId: z.string().optional(),
  customerId: z.string(),
  poNumber: z.string(),
  /** BCH01: 04 change, 01 cancel (the whole order), 05 replace. */
  purpose: z.enum(['change', 'cancel', 'replace']),
  changeSequence: z.string().optional(),
  changedAt: z.string(),
  header: z
    .object({ requestedShipDate: isoDay.optional(), requestedDeliveryDate: isoDay.optional(), cancelAfterDate: isoDay.optional() })
    .default({}),
  lines: z.array(
    z.object({
      buyerLineNumber: z.string(),
      changeType: z.string(),
      quantity: decimal.optional(),
      uom: z.string().optional(),
      unitPrice: decimal.optional(),
      productIds: z.array(productIdSchema).default([]),
      description: z.string().optional(),
      requestedShipDate: isoDay.optional(),
    }),
  ),
  channelData: z.record(z.string(), z.unknown()).default({}),
});
export type PurchaseOrderChangeReceived = z.infer<typeof purchaseOrderChangeReceivedSchema>;

/** What the core did with a buyer's change: per line, for the 865; and the order as it now stands, for a fresh 855. */
export const orderChangeAnsweredSchema = z.object({
  channel: z.enum(CHANNELS),
  rawDocumentId: z.string(),
  sender: z.string(),
  partnerId: z.string().optional(),
  customerId: z.string(),
  poNumber: z.string(),
  poDate: z.string().optional(),
  salesOrderId: z.string().optional(),
  changeKey: z.string(),
  purpose: z.enum(['change', 'cancel', 'replace']),
  changeSequence: z.string().optional(),
  /** accepted: applied as asked; rejected: not applied (the reason says why; an exception is open when it needs an operator). */
  outcome: z.enum(['accepted', 'accepted-with-changes', 'rejected']),
  reason: z.string().optional(),
  lines: z.array(
    z.object({
      buyerLineNumber: z.string(),
      changeType: z.string(),
      status: z.enum(['accepted', 'rejected']),
      quantity: decimal.optional(),
      uom: z.string().optional(),
      unitPrice: decimal.optional(),
      productIds: z.array(productIdSchema).default([]),
      reason: z.string().optional(),
    }),
  ),
  acknowledgement: orderAcknowledgedSchema.optional(),
  channelData: z.record(z.string(), z.unknown()).default({}),
});
export type OrderChangeAnswered = z.infer<typeof orderChangeAnsweredSchema>;

/** A purchase order needs an operator (exceptions queue), or an operator rejected it. */
export const purchaseOrderFlaggedSchema = z.object({
  exceptionId: z.string(),
  channel: z.enum(CHANNELS),
  rawDocumentId: z.string(),
  sender: z.string(),
  partnerId: z.string().optional(),
  customerId: z.string().optional(),
  poNumber: z.string().optional(),
  reasons: z.array(z.object({ code: z.string(), message: z.string() })),
  channelData: z.record(z.string(), z.unknown()).default({}),
});
export type PurchaseOrderFlagged = z.infer<typeof purchaseOrderFlaggedSchema>;

export const purchaseOrderRejectedSchema = purchaseOrderFlaggedSchema.extend({ rejectedBy: z.string(), reason: z.string() });
export type PurchaseOrderRejected = z.infer<typeof purchaseOrderRejectedSchema>;

/**
 * An operator resolved an exception: what they approved (the corrected purchase order) and the corrections they
 * made. Channels learn from it (the email channel derives a layout template from a corrected PDF order).
 */
export const exceptionResolvedSchema = z.object({
  exceptionId: z.string(),
  channel: z.enum(CHANNELS),
  rawDocumentId: z.string(),
  sender: z.string(),
  customerId: z.string().optional(),
  action: z.enum(['approved', 'rejected']),
  resolvedBy: z.string(),
  /** The order as approved, corrections applied; absent on a rejection. */
  purchaseOrder: purchaseOrderSchema.optional(),
  corrections: z.record(z.string(), z.unknown()).default({}),
});
export type ExceptionResolved = z.infer<typeof exceptionResolvedSchema>;

/** Changes that follow an order after it was raised (Shopify updates, cancels, payments, refunds). */
export const orderChangeRequestedSchema = z.object({
  channel: z.enum(CHANNELS),
  kind: z.enum(['update', 'cancel', 'paid', 'refund']),
  rawDocumentId: z.string(),
  /** The channel's order identity (e.g. "shopify:shop.myshopify.com:450789469"). */
  channelOrderKey: z.string(),
  /** For update: the whole order as it now stands. */
  purchaseOrder: purchaseOrderSchema.optional(),
  financialStatus: z.string().optional(),
  refund: z
    .object({
      id: z.string(),
      amount: decimal,
      currency: z.string(),
      lines: z.array(z.object({ lineNumber: z.string(), quantity: decimal })),
    })
    .optional(),
  /** Channel's own change time, to ignore stale updates arriving out of order. */
  changedAt: z.string(),
});
export type OrderChangeRequested = z.infer<typeof orderChangeRequestedSchema>;
