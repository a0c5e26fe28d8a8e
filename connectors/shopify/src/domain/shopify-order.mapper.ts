import {
  add,
  compare,
  orderChangeRequestedSchema,
  priorityFromText,
  purchaseOrderReceivedSchema,
  sub,
  Topics,
  type Charge,
  type OrderChangeRequested,
  type Party,
  type ProductId,
  type PurchaseOrderInput,
  type PurchaseOrderReceived,
} from '@orderhub/contracts';
import type { z } from 'zod';
import { invalidPayload, unsupportedTopic } from './shopify.errors';
import { parseShopifyJson } from './shopify-json.parser';
import {
  shopifyOrderEditSchema,
  shopifyOrderSchema,
  shopifyRefundSchema,
  type ShopifyAddress,
  type ShopifyDiscountAllocation,
  type ShopifyLineItem,
  type ShopifyOrder,
  type ShopifyRefund,
  type ShopifyTaxLine,
} from './shopify-payload.schema';

/** The webhook topics the hub subscribes to. */
export const SHOPIFY_TOPICS = [
  'orders/create',
  'orders/updated',
  'orders/edited',
  'orders/cancelled',
  'orders/paid',
  'refunds/create',
] as const;
export type ShopifyTopic = (typeof SHOPIFY_TOPICS)[number];

export function isShopifyTopic(topic: string): topic is ShopifyTopic {
  return (SHOPIFY_TOPICS as readonly string[]).includes(topic);
}

export interface ShopifyMappingContext {
  /** Validated shop domain, e.g. "shop-a.myshopify.com". */
  shop: string;
  rawDocumentId: string;
  /** ISO 8601 instant the hub received the delivery. */
  receivedAt: string;
}

/** One outbox message, ready for the envelope: payloads are already parsed by the contract schemas. */
export type ShopifyOutboundMessage =
  | {
      topic: typeof Topics.PurchaseOrderReceived;
      payload: PurchaseOrderReceived;
      /** Partition key: every message about one Shopify order stays in order. */
      key: string;
      idempotencyKey: string;
      orderId: string;
    }
  | {
      topic: typeof Topics.OrderChangeRequested;
      payload: OrderChangeRequested;
      key: string;
      idempotencyKey: string;
      orderId: string;
    };

/** X12 SAC codes the rest of the hub (855/810 writers) already speaks. */
const FREIGHT = 'D240';
const DISCOUNT = 'C310';
const EACH = 'EA';

/** "shopify:shop-a.myshopify.com:450789469": the channel's identity of an order across all its messages. */
export function shopifyOrderKey(shop: string, orderId: string): string {
  return `shopify:${shop}:${orderId}`;
}

/**
 * Turns one authenticated webhook into the message the core consumes. Throws coded errors the use case records
 * on the raw document: SHOPIFY.UNSUPPORTED_TOPIC, SHOPIFY.MALFORMED_JSON, SHOPIFY.INVALID_PAYLOAD.
 *
 * Idempotency keys (consumers apply each key once):
 * - orders/create: `<order key>:create`: a redelivered or re-sent create never raises a second sales order.
 * - orders/updated, orders/cancelled, orders/paid: `<order key>:<kind>:<updated_at>`: the same order state
 *   reported twice (different event ids) is one change, while a cancel and the update Shopify fires with the
 *   same updated_at remain two messages.
 * - orders/edited: `<order key>:edit:<edit id>`; refunds/create: `<order key>:refund:<refund id>`.
 */
export function interpretShopifyWebhook(topic: string, rawBody: Buffer, ctx: ShopifyMappingContext): ShopifyOutboundMessage {
  if (!isShopifyTopic(topic)) throw unsupportedTopic(topic);
  const json = parseShopifyJson(rawBody);
  switch (topic) {
    case 'orders/create': {
      const order = validate(shopifyOrderSchema, json, topic);
      const key = shopifyOrderKey(ctx.shop, order.id);
      const payload = contract(purchaseOrderReceivedSchema, { purchaseOrder: mapShopifyOrder(order, ctx, 'original') }, topic);
      return { topic: Topics.PurchaseOrderReceived, payload, key, idempotencyKey: `${key}:create`, orderId: order.id };
    }
    case 'orders/updated':
    case 'orders/cancelled':
    case 'orders/paid': {
      const order = validate(shopifyOrderSchema, json, topic);
      const kind = topic === 'orders/updated' ? 'update' : topic === 'orders/cancelled' ? 'cancel' : 'paid';
      const key = shopifyOrderKey(ctx.shop, order.id);
      const changedAt = instant(order.updated_at, 'updated_at', topic);
      const payload = contract(
        orderChangeRequestedSchema,
        {
          channel: 'shopify',
          kind,
          rawDocumentId: ctx.rawDocumentId,
          channelOrderKey: key,
          // The whole order travels with an update only; cancel and paid need the state change, not the lines.
          purchaseOrder: kind === 'update' ? mapShopifyOrder(order, ctx, 'change') : undefined,
          financialStatus: order.financial_status ?? undefined,
          changedAt,
        },
        topic,
      );
      return { topic: Topics.OrderChangeRequested, payload, key, idempotencyKey: `${key}:${kind}:${changedAt}`, orderId: order.id };
    }
    case 'orders/edited': {
      const edit = validate(shopifyOrderEditSchema, json, topic).order_edit;
      const key = shopifyOrderKey(ctx.shop, edit.order_id);
      const payload = contract(
        orderChangeRequestedSchema,
        {
          channel: 'shopify',
          kind: 'update',
          rawDocumentId: ctx.rawDocumentId,
          channelOrderKey: key,
          changedAt: instant(edit.created_at, 'order_edit.created_at', topic),
        },
        topic,
      );
      return { topic: Topics.OrderChangeRequested, payload, key, idempotencyKey: `${key}:edit:${edit.id}`, orderId: edit.order_id };
    }
    case 'refunds/create': {
      const refund = validate(shopifyRefundSchema, json, topic);
      const key = shopifyOrderKey(ctx.shop, refund.order_id);
      const payload = contract(
        orderChangeRequestedSchema,
        {
          channel: 'shopify',
          kind: 'refund',
          rawDocumentId: ctx.rawDocumentId,
          channelOrderKey: key,
          refund: mapRefund(refund),
          changedAt: instant(refund.created_at, 'created_at', topic),
        },
        topic,
      );
      return { topic: Topics.OrderChangeRequested, payload, key, idempotencyKey: `${key}:refund:${refund.id}`, orderId: refund.order_id };
    }
  }
}

/**
 * A Shopify order as the canonical purchase order. poNumber is the order's `name` ("#1001"): the number the
 * shopper sees on the confirmation and the merchant searches for in the Shopify admin; a B2B buyer's own PO
 * number (`po_number`) travels as reference PO. Money stays in the shop currency (`price`, not presentment).
 */
export function mapShopifyOrder(
  order: ShopifyOrder,
  ctx: ShopifyMappingContext,
  purpose: 'original' | 'change' = 'original',
): PurchaseOrderInput {
  const shippingLines = (order.shipping_lines ?? []).filter((line) => line.is_removed !== true);
  const discountTitle = discountTitles(order);
  const lines = order.line_items.map((item) => mapLine(item, purpose, discountTitle));

  const charges: Charge[] = [];
  const shippingTaxes: ShopifyTaxLine[] = [];
  let shippingDiscounts = '0';
  for (const line of shippingLines) {
    charges.push({ kind: 'charge', code: FREIGHT, description: clip(line.title ?? line.code ?? 'Shipping', 200), amount: line.price });
    for (const allocation of line.discount_allocations ?? []) {
      if (compare(allocation.amount, '0') === 0) continue;
      shippingDiscounts = add(shippingDiscounts, allocation.amount);
      charges.push({
        kind: 'allowance',
        code: DISCOUNT,
        description: clip(`Shipping discount: ${discountTitle(allocation)}`, 200),
        amount: allocation.amount,
      });
    }
    shippingTaxes.push(...(line.tax_lines ?? []));
  }

  // Order discounts Shopify did not allocate to any line or shipping line (seen in its own sample payloads):
  // kept as one header allowance so the stated total still adds up.
  const allocated = add('0', shippingDiscounts, ...lines.flatMap((line) => line.charges.map((charge) => charge.amount ?? '0')));
  const unallocated = order.total_discounts ? sub(order.total_discounts, allocated) : '0';
  if (compare(unallocated, '0') > 0)
    charges.push({ kind: 'allowance', code: DISCOUNT, description: 'Order discount', amount: unallocated });

  // Taxes are itemised on lines and shipping lines; the order's tax_lines are their sum, so they are used only
  // when nothing is itemised (otherwise the tax would count twice).
  const itemised = lines.some((line) => line.taxes.length > 0) || shippingTaxes.length > 0;
  const headerTaxes = (itemised ? shippingTaxes : (order.tax_lines ?? [])).map(mapTax);

  const customerName = personName(order.customer?.first_name, order.customer?.last_name);
  const email = order.email || order.contact_email || order.customer?.email || undefined;
  const noteAttributes = (order.note_attributes ?? []).map((attr) => `${String(attr.name)}: ${String(attr.value)}`);
  const notes = [order.note, order.tags ? `Tags: ${order.tags}` : undefined, ...noteAttributes]
    .map((note) => clip(note, 2000))
    .filter((note): note is string => note !== undefined);

  return {
    schemaVersion: 1,
    source: { channel: 'shopify', rawDocumentId: ctx.rawDocumentId, sender: ctx.shop, reference: order.id, receivedAt: ctx.receivedAt },
    buyer: {
      name: clip(customerName ?? order.billing_address?.company ?? order.billing_address?.name ?? undefined, 200),
      email: clip(email, 200),
    },
    purpose,
    poNumber: clip(order.name, 80) ?? order.id,
    poDate: datePart(order.created_at),
    currency: order.currency,
    billTo: order.billing_address ? mapAddress(order.billing_address, 'BT', email) : undefined,
    shipTo: order.shipping_address ? mapAddress(order.shipping_address, 'ST', undefined) : undefined,
    references: order.po_number
      ? [{ qualifier: 'PO', value: clip(order.po_number, 80) ?? '', description: 'Shopify B2B purchase order number' }]
      : [],
    notes,
    // Shipping method names ("Express overnight") say as much about urgency as the note does.
    priority: priorityFromText(
      order.note ?? undefined,
      order.tags ?? undefined,
      ...noteAttributes,
      ...shippingLines.map((line) => line.title ?? undefined),
    ),
    lines,
    charges,
    taxes: headerTaxes,
    stated: { lineCount: order.line_items.length, total: order.total_price ?? undefined },
    test: order.test === true,
    channelData: {
      shop: ctx.shop,
      orderId: order.id,
      orderNumber: order.order_number ?? undefined,
      orderName: order.name,
      customerId: order.customer?.id ?? undefined,
      updatedAt: order.updated_at ?? undefined,
      financialStatus: order.financial_status ?? undefined,
      taxesIncluded: order.taxes_included === true,
    },
  };
}

type MappedLine = PurchaseOrderInput['lines'][number] & {
  charges: Charge[];
  taxes: NonNullable<PurchaseOrderInput['lines'][number]['taxes']>;
};

function mapLine(
  item: ShopifyLineItem,
  purpose: 'original' | 'change',
  discountTitle: (a: ShopifyDiscountAllocation) => string,
): MappedLine {
  const title = item.name || [item.title, item.variant_title].filter(Boolean).join(' - ') || undefined;
  const charges: Charge[] = [];
  if (item.discount_allocations && item.discount_allocations.length > 0) {
    for (const allocation of item.discount_allocations) {
      if (compare(allocation.amount, '0') === 0) continue;
      charges.push({ kind: 'allowance', code: DISCOUNT, description: clip(discountTitle(allocation), 200), amount: allocation.amount });
    }
  } else if (item.total_discount && compare(item.total_discount, '0') > 0) {
    charges.push({ kind: 'allowance', code: DISCOUNT, description: 'Discount', amount: item.total_discount });
  }
  // An update states the order as it now stands: edits and removals show in current_quantity (0 = removed).
  const quantity = purpose === 'change' && item.current_quantity != null ? item.current_quantity : item.quantity;
  return {
    lineNumber: item.id,
    quantity: String(quantity),
    uom: EACH,
    unitPrice: item.price,
    productIds: productIds(item, title),
    description: clip(title, 500),
    charges,
    taxes: (item.tax_lines ?? []).map(mapTax),
  };
}

/**
 * VN is our SKU (the merchant's Shopify SKU is ours). SK carries the variant id and UP/EN/UK the barcode by its
 * length, so the core can still match a line without SKU. A line with none of them carries its title under ZZ:
 * every line has an identifier, and the core flags PRODUCT.UNKNOWN instead of losing the line.
 */
function productIds(item: ShopifyLineItem, title: string | undefined): ProductId[] {
  const ids: ProductId[] = [];
  const sku = item.sku?.trim();
  if (sku) ids.push({ qualifier: 'VN', value: clip(sku, 80) ?? sku });
  if (item.variant_id) ids.push({ qualifier: 'SK', value: item.variant_id });
  const barcode = item.barcode?.trim();
  const barcodeQualifier =
    barcode && /^\d+$/.test(barcode) ? ({ 12: 'UP', 13: 'EN', 14: 'UK' } as Record<number, string>)[barcode.length] : undefined;
  if (barcode && barcodeQualifier) ids.push({ qualifier: barcodeQualifier, value: barcode });
  if (ids.length === 0) ids.push({ qualifier: 'ZZ', value: clip(title, 80) ?? `line ${item.id}` });
  return ids;
}

function mapTax(tax: ShopifyTaxLine): { title: string; rate?: string; amount: string } {
  return { title: clip(tax.title || 'Tax', 100) ?? 'Tax', rate: tax.rate ?? undefined, amount: tax.price };
}

function mapAddress(address: ShopifyAddress, role: 'ST' | 'BT', email: string | undefined): Party {
  const person = address.name?.trim() || personName(address.first_name, address.last_name);
  const company = address.company?.trim() || undefined;
  return {
    role,
    // A company is who receives or pays for B2B goods; the person is then the attention line and contact.
    name: clip(company ?? person, 200),
    name2: company ? clip(person, 200) : undefined,
    address1: clip(address.address1 ?? undefined, 200),
    address2: clip(address.address2 ?? undefined, 200),
    city: clip(address.city ?? undefined, 100),
    region: clip(address.province_code || address.province || undefined, 100),
    postalCode: clip(address.zip ?? undefined, 20),
    country: address.country_code && address.country_code.length <= 3 ? address.country_code : undefined,
    contact:
      person || address.phone || email
        ? { name: clip(person, 100), phone: clip(address.phone ?? undefined, 40), email: clip(email, 200) }
        : undefined,
  };
}

function mapRefund(refund: ShopifyRefund): NonNullable<z.input<typeof orderChangeRequestedSchema>['refund']> {
  const lineItems = refund.refund_line_items ?? [];
  // Money actually refunded is in the refund transactions; failed or errored ones returned nothing.
  const transactions = (refund.transactions ?? []).filter(
    (t) => (t.kind ?? 'refund') === 'refund' && t.status !== 'failure' && t.status !== 'error',
  );
  const amount =
    transactions.length > 0
      ? add('0', ...transactions.map((t) => t.amount))
      : add('0', ...lineItems.flatMap((line) => [line.subtotal ?? '0', line.total_tax ?? '0']));
  const currency =
    transactions.find((t) => t.currency)?.currency ??
    lineItems.find((line) => line.subtotal_set?.shop_money?.currency_code)?.subtotal_set?.shop_money?.currency_code ??
    // ISO 4217 "no currency": a refund that moved no money and named none.
    'XXX';
  return {
    id: refund.id,
    amount,
    currency,
    lines: lineItems.map((line) => ({ lineNumber: line.line_item_id, quantity: String(line.quantity) })),
  };
}

function discountTitles(order: ShopifyOrder): (allocation: ShopifyDiscountAllocation) => string {
  const applications = order.discount_applications ?? [];
  return (allocation) => {
    const app = allocation.discount_application_index != null ? applications[allocation.discount_application_index] : undefined;
    return app?.title || app?.code || app?.description || 'Discount';
  };
}

function validate<S extends z.ZodType>(schema: S, json: unknown, topic: ShopifyTopic): z.infer<S> {
  const result = schema.safeParse(json);
  if (!result.success) throw invalidPayload(`${topic} payload is missing or has invalid fields`, { topic, issues: issuesOf(result.error) });
  return result.data;
}

/** The canonical contract is the last gate: a payload the core would refuse is refused here, with its raw body kept. */
function contract<S extends z.ZodType>(schema: S, input: z.input<S>, topic: ShopifyTopic): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success)
    throw invalidPayload(`${topic} payload does not make a valid canonical message`, { topic, issues: issuesOf(result.error) });
  return result.data;
}

function issuesOf(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.slice(0, 20).map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** Normalised to UTC so the core can order changes by plain comparison. */
function instant(value: string | null | undefined, field: string, topic: ShopifyTopic): string {
  const time = value ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) throw invalidPayload(`${topic} payload needs a valid ${field} timestamp`, { topic, field });
  return new Date(time).toISOString();
}

/** The calendar date in the shop's own offset ("2021-12-31T19:00:00-05:00" → 2021-12-31): the date the merchant sees. */
function datePart(value: string | null | undefined): string | undefined {
  const match = value ? /^(\d{4}-\d{2}-\d{2})T/.exec(value) : null;
  return match ? match[1] : undefined;
}

function personName(first: string | null | undefined, last: string | null | undefined): string | undefined {
  const name = [first, last]
    .filter((part) => part && part.trim() !== '')
    .join(' ')
    .trim();
  return name === '' ? undefined : name;
}

/** Shopify allows longer text than the canonical schema; clipping keeps one long field from losing the order. */
function clip(value: string | null | undefined, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  return trimmed.length > max ? trimmed.slice(0, max) : trimmed;
}
