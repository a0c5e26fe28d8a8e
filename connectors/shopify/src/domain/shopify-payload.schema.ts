import { isDecimal } from '@orderhub/contracts';
import { z } from 'zod';

/**
 * Lenient schemas for the parts of Shopify's webhook payloads the hub reads. Unknown fields are dropped, most
 * fields may be null (Shopify sends null liberally), and only what the mapping cannot do without is required.
 * Values come from `parseShopifyJson`: large ids and fractional numbers arrive as strings of their source text.
 */

/** Shopify ids: 64-bit integers, kept as decimal digit strings. */
const id = z
  .union([z.string().regex(/^\d+$/, 'must be an integer id'), z.number().int().nonnegative()])
  .transform((value) => String(value));

/** Money and rates: Shopify sends strings ("89.99"); JSON numbers are accepted and kept exact. */
const decimal = z
  .union([z.string(), z.number()])
  .transform((value) => String(value).trim())
  .refine(isDecimal, { message: 'must be a decimal amount such as "12.50"' });

const count = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);
const text = z.string().nullish();

export const shopifyAddressSchema = z.object({
  first_name: text,
  last_name: text,
  name: text,
  company: text,
  address1: text,
  address2: text,
  city: text,
  province: text,
  province_code: text,
  zip: text,
  country: text,
  country_code: text,
  phone: text,
});
export type ShopifyAddress = z.infer<typeof shopifyAddressSchema>;

export const shopifyTaxLineSchema = z.object({ title: text, price: decimal, rate: decimal.nullish() });
export type ShopifyTaxLine = z.infer<typeof shopifyTaxLineSchema>;

export const shopifyDiscountAllocationSchema = z.object({
  amount: decimal,
  discount_application_index: z.number().int().nonnegative().nullish(),
});
export type ShopifyDiscountAllocation = z.infer<typeof shopifyDiscountAllocationSchema>;

export const shopifyDiscountApplicationSchema = z.object({ title: text, code: text, description: text });

export const shopifyLineItemSchema = z.object({
  id,
  quantity: count,
  /** Quantity after edits and removals; what an update means by "as it now stands". */
  current_quantity: count.nullish(),
  price: decimal,
  sku: text,
  variant_id: id.nullish(),
  product_id: id.nullish(),
  title: text,
  name: text,
  variant_title: text,
  barcode: text,
  tax_lines: z.array(shopifyTaxLineSchema).nullish(),
  discount_allocations: z.array(shopifyDiscountAllocationSchema).nullish(),
  /** Deprecated by Shopify in favour of discount_allocations; read only when those are absent. */
  total_discount: decimal.nullish(),
});
export type ShopifyLineItem = z.infer<typeof shopifyLineItemSchema>;

export const shopifyShippingLineSchema = z.object({
  title: text,
  code: text,
  price: decimal,
  is_removed: z.boolean().nullish(),
  tax_lines: z.array(shopifyTaxLineSchema).nullish(),
  discount_allocations: z.array(shopifyDiscountAllocationSchema).nullish(),
});

export const shopifyCustomerSchema = z.object({ id: id.nullish(), email: text, first_name: text, last_name: text, phone: text });

export const shopifyOrderSchema = z.object({
  id,
  /** "#1001": what the shopper and the merchant call the order. */
  name: z.string().min(1),
  order_number: id.nullish(),
  email: text,
  contact_email: text,
  phone: text,
  created_at: text,
  updated_at: text,
  cancelled_at: text,
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code'),
  financial_status: text,
  test: z.boolean().nullish(),
  note: text,
  tags: text,
  note_attributes: z.array(z.object({ name: z.unknown(), value: z.unknown() })).nullish(),
  po_number: text,
  taxes_included: z.boolean().nullish(),
  total_price: decimal.nullish(),
  total_discounts: decimal.nullish(),
  customer: shopifyCustomerSchema.nullish(),
  billing_address: shopifyAddressSchema.nullish(),
  shipping_address: shopifyAddressSchema.nullish(),
  line_items: z.array(shopifyLineItemSchema),
  shipping_lines: z.array(shopifyShippingLineSchema).nullish(),
  tax_lines: z.array(shopifyTaxLineSchema).nullish(),
  discount_applications: z.array(shopifyDiscountApplicationSchema).nullish(),
});
export type ShopifyOrder = z.infer<typeof shopifyOrderSchema>;

/** orders/edited carries the edit, not the order; the full order follows in an orders/updated. */
export const shopifyOrderEditSchema = z.object({
  order_edit: z.object({ id, order_id: id, created_at: z.string().min(1) }),
});
export type ShopifyOrderEdit = z.infer<typeof shopifyOrderEditSchema>;

export const shopifyRefundSchema = z.object({
  id,
  order_id: id,
  created_at: z.string().min(1),
  refund_line_items: z
    .array(
      z.object({
        line_item_id: id,
        quantity: count,
        subtotal: decimal.nullish(),
        total_tax: decimal.nullish(),
        subtotal_set: z.object({ shop_money: z.object({ currency_code: text }).nullish() }).nullish(),
      }),
    )
    .nullish(),
  transactions: z.array(z.object({ amount: decimal, currency: text, kind: text, status: text })).nullish(),
});
export type ShopifyRefund = z.infer<typeof shopifyRefundSchema>;
