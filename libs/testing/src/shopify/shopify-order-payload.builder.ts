/**
 * Builders for Shopify webhook payloads, in Shopify's own snake_case shape (Admin REST 2025-01 order resource,
 * trimmed to what a real orders/create carries for a two-line order). Ids are kept below 2^53 so builders can
 * use numbers; tests of 64-bit ids write their JSON text directly or use the corpus sample.
 */
export type ShopifyPayload = Record<string, unknown>;

let nextId = 450789469;
function freshId(): number {
  nextId += 1;
  return nextId;
}

export function aShopifyAddress(overrides: ShopifyPayload = {}): ShopifyPayload {
  return {
    first_name: 'Ada',
    last_name: 'Byron',
    name: 'Ada Byron',
    company: null,
    address1: '12 Analytical Row',
    address2: 'Suite 3',
    city: 'Springfield',
    province: 'Illinois',
    province_code: 'IL',
    zip: '62701',
    country: 'United States',
    country_code: 'US',
    phone: '+1 217 555 0100',
    latitude: null,
    longitude: null,
    ...overrides,
  };
}

export function aShopifyLineItem(overrides: ShopifyPayload = {}): ShopifyPayload {
  return {
    id: freshId(),
    admin_graphql_api_id: 'gid://shopify/LineItem/1',
    current_quantity: 2,
    fulfillable_quantity: 2,
    fulfillment_service: 'manual',
    fulfillment_status: null,
    gift_card: false,
    grams: 250,
    name: 'Widget - Blue',
    title: 'Widget',
    variant_title: 'Blue',
    price: '12.50',
    price_set: { shop_money: { amount: '12.50', currency_code: 'USD' }, presentment_money: { amount: '12.50', currency_code: 'USD' } },
    product_exists: true,
    product_id: 632910392,
    variant_id: 808950810,
    properties: [],
    quantity: 2,
    requires_shipping: true,
    sku: 'WIDGET-BLUE',
    taxable: true,
    total_discount: '0.00',
    vendor: 'Acme',
    tax_lines: [],
    duties: [],
    discount_allocations: [],
    ...overrides,
  };
}

export function aShopifyShippingLine(overrides: ShopifyPayload = {}): ShopifyPayload {
  return {
    id: freshId(),
    code: 'Standard',
    title: 'Standard Shipping',
    price: '5.00',
    discounted_price: '5.00',
    source: 'shopify',
    is_removed: false,
    tax_lines: [],
    discount_allocations: [],
    ...overrides,
  };
}

/** An orders/create payload; every field can be overridden (shallow). */
export function anOrderPayload(overrides: ShopifyPayload = {}): ShopifyPayload {
  const id = freshId();
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: '#1001',
    number: 1,
    order_number: 1001,
    email: 'ada@example.com',
    contact_email: 'ada@example.com',
    phone: null,
    created_at: '2025-03-14T09:26:53-04:00',
    updated_at: '2025-03-14T09:26:54-04:00',
    processed_at: '2025-03-14T09:26:53-04:00',
    cancelled_at: null,
    cancel_reason: null,
    currency: 'USD',
    presentment_currency: 'USD',
    financial_status: 'paid',
    fulfillment_status: null,
    test: false,
    note: null,
    tags: '',
    note_attributes: [],
    po_number: null,
    taxes_included: false,
    subtotal_price: '25.00',
    total_line_items_price: '25.00',
    total_discounts: '0.00',
    total_tax: '0.00',
    total_price: '30.00',
    customer: { id: 207119551, email: 'ada@example.com', first_name: 'Ada', last_name: 'Byron', phone: null, currency: 'USD' },
    billing_address: aShopifyAddress(),
    shipping_address: aShopifyAddress(),
    line_items: [aShopifyLineItem()],
    shipping_lines: [aShopifyShippingLine()],
    tax_lines: [],
    discount_applications: [],
    discount_codes: [],
    refunds: [],
    ...overrides,
  };
}

/** A refunds/create payload for `orderId`. */
export function aRefundPayload(orderId: number, overrides: ShopifyPayload = {}): ShopifyPayload {
  return {
    id: freshId(),
    order_id: orderId,
    created_at: '2025-03-15T10:00:00-04:00',
    processed_at: '2025-03-15T10:00:00-04:00',
    note: 'Damaged in transit',
    restock: true,
    refund_line_items: [
      {
        id: freshId(),
        line_item_id: 466157049,
        quantity: 1,
        restock_type: 'return',
        subtotal: '12.50',
        total_tax: '0.00',
        subtotal_set: { shop_money: { amount: '12.50', currency_code: 'USD' } },
      },
    ],
    transactions: [{ id: freshId(), amount: '12.50', currency: 'USD', kind: 'refund', status: 'success', gateway: 'bogus' }],
    order_adjustments: [],
    ...overrides,
  };
}

/** An orders/edited payload: the edit, not the order. */
export function anOrderEditPayload(orderId: number, overrides: ShopifyPayload = {}): ShopifyPayload {
  return {
    order_edit: {
      id: freshId(),
      app_id: null,
      created_at: '2025-03-14T11:00:00-04:00',
      notify_customer: false,
      order_id: orderId,
      staff_note: '',
      user_id: 799407056,
      line_items: { additions: [], removals: [{ id: 466157049, delta: 1 }] },
      discounts: { line_item: { additions: [], removals: [] } },
      shipping_lines: { additions: [], removals: [] },
      ...overrides,
    },
  };
}
