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
  charges: z.array(z.object({ kind: z.enum(['charge', 'allowance']), code: z.string().optional(), description: z.string().optional(), amount: decimal })),
  subtotal: decimal,
  total: decimal,
  terms: z.object({ netDays: z.number().int().optional(), discountPercent: decimal.optional(), discountDays: z.number().int().optional() }).optional(),
  billTo: z.record(z.string(), z.unknown()).optional(),
  shipTo: z.record(z.string(), z.unknown()).optional(),
});
export type InvoiceIssued = z.infer<typeof invoiceIssuedSchema>;

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
  refund: z.object({ id: z.string(), amount: decimal, currency: z.string(), lines: z.array(z.object({ lineNumber: z.string(), quantity: decimal })) }).optional(),
  /** Channel's own change time, to ignore stale updates arriving out of order. */
  changedAt: z.string(),
});
export type OrderChangeRequested = z.infer<typeof orderChangeRequestedSchema>;
