import { z } from 'zod';
import { isDecimal } from './decimal';

/** Channels through which purchase orders arrive. */
export const CHANNELS = ['edi', 'email', 'shopify', 'phone'] as const;
export type Channel = (typeof CHANNELS)[number];

const decimal = z.string().refine(isDecimal, { message: 'must be a decimal string such as "12.50"' });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date YYYY-MM-DD');
const isoDateTime = z.string().datetime({ offset: true });

/**
 * Product identifier qualifiers. X12's code list (PO1/PID 235) is the industry's vocabulary, so every channel
 * speaks it: VN vendor (our) item number, BP buyer part, IN buyer item, UP UPC-A, UK GTIN-14, EN EAN-13,
 * SK stock keeping unit, plus whatever else a partner sends.
 */
export const productIdSchema = z.object({
  qualifier: z.string().min(1).max(3),
  value: z.string().min(1).max(80),
});
export type ProductId = z.infer<typeof productIdSchema>;

export const chargeSchema = z.object({
  kind: z.enum(['charge', 'allowance']),
  /** X12 SAC02 code (e.g. D240 freight, C310 discount) or a channel code such as "shipping". */
  code: z.string().max(10).optional(),
  description: z.string().max(200).optional(),
  amount: decimal.optional(),
  percent: decimal.optional(),
});
export type Charge = z.infer<typeof chargeSchema>;

export const partySchema = z.object({
  /** N101 entity code (ST ship-to, BT bill-to, BY buying party, SE seller, ...). */
  role: z.string().min(1).max(3),
  name: z.string().max(200).optional(),
  name2: z.string().max(200).optional(),
  /** N103 qualifier and N104 code: the buyer's identifier for this location (e.g. a store number). */
  idQualifier: z.string().max(3).optional(),
  code: z.string().max(80).optional(),
  address1: z.string().max(200).optional(),
  address2: z.string().max(200).optional(),
  city: z.string().max(100).optional(),
  region: z.string().max(100).optional(),
  postalCode: z.string().max(20).optional(),
  country: z.string().max(3).optional(),
  contact: z
    .object({ name: z.string().max(100).optional(), phone: z.string().max(40).optional(), email: z.string().max(200).optional() })
    .optional(),
});
export type Party = z.infer<typeof partySchema>;

export const referenceSchema = z.object({
  qualifier: z.string().min(1).max(3),
  value: z.string().max(80),
  description: z.string().max(200).optional(),
});

export const purchaseOrderLineSchema = z.object({
  /** The buyer's own line identifier (PO101, a PDF row number, a Shopify line item id). */
  lineNumber: z.string().min(1).max(40),
  quantity: decimal,
  /** X12 unit of measure code (EA, CS, BX, PK, LB...). */
  uom: z.string().min(1).max(4),
  /** The price the buyer expects, if it sent one. */
  unitPrice: decimal.optional(),
  productIds: z.array(productIdSchema).min(1, 'a line needs at least one product identifier'),
  description: z.string().max(500).optional(),
  pack: z.object({ innerPack: decimal.optional(), packSize: decimal.optional(), packUom: z.string().max(4).optional() }).optional(),
  requestedShipDate: isoDate.optional(),
  /** Line-level dates when they differ from the order's (X12 DTM in the PO1 loop: 002 delivery, 001 cancel after). */
  requestedDeliveryDate: isoDate.optional(),
  cancelAfterDate: isoDate.optional(),
  /** Every line-level date as sent, by its qualifier (X12 DTM01), in document order. */
  dates: z.array(z.object({ qualifier: z.string().min(1).max(3), date: isoDate })).optional(),
  /** Where this line goes when not to the order's ship-to (X12 N1*ST in the PO1 loop). */
  shipTo: partySchema.optional(),
  /** A line split across locations (X12 SDQ): the buyer's location code and the quantity for it. */
  destinations: z
    .array(z.object({ idQualifier: z.string().max(3).optional(), location: z.string().min(1).max(80), quantity: decimal }))
    .optional(),
  charges: z.array(chargeSchema).default([]),
  taxes: z.array(z.object({ title: z.string().max(100), rate: decimal.optional(), amount: decimal })).default([]),
});
export type PurchaseOrderLine = z.infer<typeof purchaseOrderLineSchema>;

export const PURCHASE_ORDER_SCHEMA_VERSION = 1;

export const purchaseOrderSchema = z.object({
  schemaVersion: z.literal(PURCHASE_ORDER_SCHEMA_VERSION),
  source: z.object({
    channel: z.enum(CHANNELS),
    /** Raw document store id: the bytes this order came from. */
    rawDocumentId: z.string().min(1),
    /** Who sent it: partner id, email address, shop domain, operator email. */
    sender: z.string().min(1).max(200),
    partnerId: z.string().optional(),
    /** Channel reference: "ISA13/GS06/ST02", a Message-ID, a Shopify order id. */
    reference: z.string().max(300).optional(),
    receivedAt: isoDateTime,
  }),
  buyer: z.object({
    /** Our customer id when the channel already knows it (EDI partner, Shopify shop, phone form). */
    customerId: z.string().optional(),
    name: z.string().max(200).optional(),
    email: z.string().max(200).optional(),
    identifiers: z.array(referenceSchema).default([]),
  }),
  /** BEG01: original order, or a change/cancel/replace of an earlier one. */
  purpose: z.enum(['original', 'replace', 'change', 'cancel', 'confirmation']).default('original'),
  /** BEG02 order type code (SA stand-alone, DS drop ship, ...). */
  orderType: z.string().max(3).optional(),
  poNumber: z.string().min(1).max(80),
  poDate: isoDate.optional(),
  currency: z.string().length(3).default('USD'),
  requestedShipDate: isoDate.optional(),
  requestedDeliveryDate: isoDate.optional(),
  cancelAfterDate: isoDate.optional(),
  billTo: partySchema.optional(),
  shipTo: partySchema.optional(),
  parties: z.array(partySchema).default([]),
  references: z.array(referenceSchema).default([]),
  contacts: z
    .array(
      z.object({
        role: z.string().max(3),
        name: z.string().max(100).optional(),
        phone: z.string().max(40).optional(),
        email: z.string().max(200).optional(),
      }),
    )
    .default([]),
  paymentTerms: z
    .object({
      code: z.string().max(3).optional(),
      description: z.string().max(200).optional(),
      discountPercent: decimal.optional(),
      discountDays: z.number().int().optional(),
      netDays: z.number().int().optional(),
    })
    .optional(),
  fob: z.object({ paymentMethod: z.string().max(3).optional(), location: z.string().max(100).optional() }).optional(),
  carrier: z
    .object({ scac: z.string().max(10).optional(), routing: z.string().max(100).optional(), mode: z.string().max(3).optional() })
    .optional(),
  notes: z.array(z.string().max(2000)).default([]),
  priority: z.enum(['normal', 'rush', 'urgent']).default('normal'),
  lines: z.array(purchaseOrderLineSchema).min(1, 'a purchase order needs at least one line'),
  charges: z.array(chargeSchema).default([]),
  taxes: z.array(z.object({ title: z.string().max(100), rate: decimal.optional(), amount: decimal })).default([]),
  /** What the buyer states, for cross-checks (CTT line count and hash total, a PDF's grand total). */
  stated: z.object({ lineCount: z.number().int().optional(), hashTotal: decimal.optional(), total: decimal.optional() }).default({}),
  test: z.boolean().default(false),
  /** Set by extracting channels: overall and per-field confidence in [0, 1]. */
  extraction: z
    .object({
      confidence: z.number().min(0).max(1),
      fields: z.record(z.string(), z.number().min(0).max(1)),
      notes: z.array(z.string()).default([]),
      /** Where each field was read on the source PDF (points, top-left origin, 1-based page), for the console. */
      regions: z
        .array(
          z.object({
            field: z.string().max(100),
            page: z.number().int().min(1),
            x: z.number(),
            y: z.number(),
            width: z.number().min(0),
            height: z.number().min(0),
          }),
        )
        .max(2000)
        .optional(),
    })
    .optional(),
  /** Channel-specific identities kept for answering back (Shopify order id, email Message-ID...). */
  channelData: z.record(z.string(), z.unknown()).default({}),
});

export type PurchaseOrder = z.infer<typeof purchaseOrderSchema>;
/** What a connector builds; defaults are filled in by parsing. */
export type PurchaseOrderInput = z.input<typeof purchaseOrderSchema>;

export function parsePurchaseOrder(input: unknown): PurchaseOrder {
  return purchaseOrderSchema.parse(input);
}

/** Words in notes that raise an order's priority. */
export function priorityFromText(...texts: Array<string | undefined>): PurchaseOrder['priority'] {
  const text = texts.filter(Boolean).join(' ').toLowerCase();
  if (/\b(urgent|asap|emergency|critical)\b/.test(text)) return 'urgent';
  if (/\b(rush|expedite|expedited|priority|next[- ]day|overnight)\b/.test(text)) return 'rush';
  return 'normal';
}
