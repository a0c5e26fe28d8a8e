import { add, mul, parsePurchaseOrder, sub, Topics, type PurchaseOrder } from '@orderhub/contracts';
import {
  aRefundPayload,
  aShopifyAddress,
  aShopifyLineItem,
  aShopifyShippingLine,
  anOrderEditPayload,
  anOrderPayload,
  corpusPath,
  describeWithCorpus,
  type ShopifyPayload,
} from '@orderhub/testing';
import { readFileSync } from 'node:fs';
import { interpretShopifyWebhook, type ShopifyOutboundMessage } from './shopify-order.mapper';

const SHOP = 'shop-a.myshopify.com';
const ctx = { shop: SHOP, rawDocumentId: 'raw-1', receivedAt: '2025-03-14T13:27:00.000Z' };

function interpret(topic: string, payload: ShopifyPayload | string): ShopifyOutboundMessage {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return interpretShopifyWebhook(topic, Buffer.from(text, 'utf8'), ctx);
}

function purchaseOrderOf(message: ShopifyOutboundMessage): PurchaseOrder {
  if (message.topic !== Topics.PurchaseOrderReceived) throw new Error(`expected a purchase order, got ${message.topic}`);
  return message.payload.purchaseOrder;
}

function changeOf(message: ShopifyOutboundMessage) {
  if (message.topic !== Topics.OrderChangeRequested) throw new Error(`expected a change, got ${message.topic}`);
  return message.payload;
}

/** What the order adds up to from its parts, the way an invoice would: lines − allowances + charges + taxes. */
function computedTotal(po: PurchaseOrder): string {
  const sign = (kind: 'charge' | 'allowance', amount = '0') => (kind === 'charge' ? amount : sub('0', amount));
  const lines = po.lines.map((line) =>
    add(mul(line.quantity, line.unitPrice ?? '0'), ...line.charges.map((c) => sign(c.kind, c.amount)), ...line.taxes.map((t) => t.amount)),
  );
  return add('0', ...lines, ...po.charges.map((c) => sign(c.kind, c.amount)), ...po.taxes.map((t) => t.amount));
}

describeWithCorpus('Shopify orders/create corpus sample → canonical purchase order', () => {
  const raw = (): Buffer => readFileSync(corpusPath('shopify/orders-create.shopify-sample.json'));
  const po = (): PurchaseOrder => purchaseOrderOf(interpretShopifyWebhook('orders/create', raw(), ctx));

  it('is a valid canonical purchase order from the shop, numbered by the order name', () => {
    const order = po();
    expect(parsePurchaseOrder(order)).toEqual(order);
    expect(order.source).toEqual({
      channel: 'shopify',
      rawDocumentId: 'raw-1',
      sender: SHOP,
      reference: '820982911946154508',
      receivedAt: ctx.receivedAt,
    });
    expect(order.poNumber).toBe('#9999');
    expect(order.poDate).toBe('2021-12-31');
    expect(order.currency).toBe('USD');
    expect(order.test).toBe(true);
    expect(order.purpose).toBe('original');
  });

  it('carries each line with its SKU, quantity and price, exactly', () => {
    expect(
      po().lines.map((line) => ({
        lineNumber: line.lineNumber,
        ids: line.productIds,
        qty: line.quantity,
        price: line.unitPrice,
        uom: line.uom,
        description: line.description,
      })),
    ).toEqual([
      {
        lineNumber: '487817672276298554',
        ids: [{ qualifier: 'VN', value: 'SKU2006-001' }],
        qty: '1',
        price: '89.99',
        uom: 'EA',
        description: 'Aviator sunglasses',
      },
      {
        lineNumber: '976318377106520349',
        ids: [{ qualifier: 'VN', value: 'SKU2006-020' }],
        qty: '1',
        price: '159.99',
        uom: 'EA',
        description: 'Mid-century lounger',
      },
      {
        lineNumber: '315789986012684393',
        ids: [{ qualifier: 'VN', value: 'SKU2006-035' }],
        qty: '1',
        price: '119.99',
        uom: 'EA',
        description: 'Coffee table',
      },
    ]);
  });

  it('keeps shipping as a freight charge, the unallocated discount as an allowance, and no invented tax', () => {
    const order = po();
    expect(order.lines.every((line) => line.charges.length === 0 && line.taxes.length === 0)).toBe(true);
    expect(order.charges).toEqual([
      { kind: 'charge', code: 'D240', description: 'Generic Shipping', amount: '10.00' },
      { kind: 'allowance', code: 'C310', description: 'Order discount', amount: '20' },
    ]);
    expect(order.taxes).toEqual([]);
    expect(order.stated).toEqual({ lineCount: 3, total: '359.97' });
    expect(computedTotal(order)).toBe('359.97');
  });

  it('maps shipping and billing addresses, buyer and notes', () => {
    const order = po();
    const address = {
      name: 'Shipping Company',
      name2: 'Steve Shipper',
      address1: '123 Shipping Street',
      city: 'Shippington',
      region: 'KY',
      postalCode: '40003',
      country: 'US',
    };
    expect(order.shipTo).toEqual({ role: 'ST', ...address, contact: { name: 'Steve Shipper', phone: '555-555-SHIP' } });
    expect(order.billTo).toEqual({
      role: 'BT',
      ...address,
      contact: { name: 'Steve Shipper', phone: '555-555-SHIP', email: 'jon@example.com' },
    });
    expect(order.buyer).toEqual({ name: 'John Smith', email: 'jon@example.com', identifiers: [] });
    expect(order.notes).toEqual(['Tags: tag1, tag2']);
    expect(order.priority).toBe('normal');
  });

  it('keeps the Shopify identities for answering back', () => {
    expect(po().channelData).toEqual({
      shop: SHOP,
      orderId: '820982911946154508',
      orderNumber: '1234',
      orderName: '#9999',
      customerId: '115310627314723954',
      updatedAt: '2021-12-31T19:00:00-05:00',
      financialStatus: 'voided',
      taxesIncluded: false,
    });
  });

  it('is keyed once per order for create, and once per state for updates', () => {
    const create = interpretShopifyWebhook('orders/create', raw(), ctx);
    expect(create.key).toBe(`shopify:${SHOP}:820982911946154508`);
    expect(create.idempotencyKey).toBe(`shopify:${SHOP}:820982911946154508:create`);
    const update = interpretShopifyWebhook('orders/updated', raw(), ctx);
    expect(update.key).toBe(create.key);
    expect(update.idempotencyKey).toBe(`shopify:${SHOP}:820982911946154508:update:2022-01-01T00:00:00.000Z`);
    expect(changeOf(update)).toMatchObject({ kind: 'update', changedAt: '2022-01-01T00:00:00.000Z', financialStatus: 'voided' });
    expect(changeOf(update).purchaseOrder?.purpose).toBe('change');
    const cancel = changeOf(interpretShopifyWebhook('orders/cancelled', raw(), ctx));
    expect(cancel).toMatchObject({ kind: 'cancel', channelOrderKey: create.key, rawDocumentId: 'raw-1' });
    expect(cancel.purchaseOrder).toBeUndefined();
  });
});

describe('interpretShopifyWebhook: orders/create', () => {
  it('turns discount allocations into line allowances named after their discount', () => {
    const order = anOrderPayload({
      discount_applications: [{ type: 'discount_code', title: 'SPRING10', code: 'SPRING10', value: '10.0', value_type: 'percentage' }],
      line_items: [
        aShopifyLineItem({ price: '12.50', quantity: 2, discount_allocations: [{ amount: '2.50', discount_application_index: 0 }] }),
      ],
      total_discounts: '2.50',
      total_price: '27.50',
    });
    const po = purchaseOrderOf(interpret('orders/create', order));
    expect(po.lines[0].charges).toEqual([{ kind: 'allowance', code: 'C310', description: 'SPRING10', amount: '2.50' }]);
    expect(po.charges).toEqual([{ kind: 'charge', code: 'D240', description: 'Standard Shipping', amount: '5.00' }]);
    expect(computedTotal(po)).toBe('27.5');
  });

  it('keeps itemised taxes on their lines and shipping, with exact rates, and does not count order tax twice', () => {
    const order = JSON.stringify(
      anOrderPayload({
        line_items: [
          aShopifyLineItem({ price: '12.50', quantity: 2, tax_lines: [{ title: 'IL State Tax', price: '1.56', rate: 0.0625 }] }),
        ],
        shipping_lines: [aShopifyShippingLine({ price: '5.00', tax_lines: [{ title: 'IL State Tax', price: '0.31', rate: 0.0625 }] })],
        tax_lines: [{ title: 'IL State Tax', price: '1.87', rate: 0.0625 }],
        total_price: '31.87',
      }),
    );
    const po = purchaseOrderOf(interpret('orders/create', order));
    expect(po.lines[0].taxes).toEqual([{ title: 'IL State Tax', rate: '0.0625', amount: '1.56' }]);
    expect(po.taxes).toEqual([{ title: 'IL State Tax', rate: '0.0625', amount: '0.31' }]);
    expect(computedTotal(po)).toBe('31.87');
  });

  it('uses the order tax lines when nothing is itemised', () => {
    const po = purchaseOrderOf(interpret('orders/create', anOrderPayload({ tax_lines: [{ title: 'VAT', price: '5.00', rate: '0.2' }] })));
    expect(po.taxes).toEqual([{ title: 'VAT', rate: '0.2', amount: '5.00' }]);
  });

  it('discounted shipping becomes a charge and a shipping allowance', () => {
    const order = anOrderPayload({
      discount_applications: [{ title: 'Free shipping', code: 'FREESHIP' }],
      shipping_lines: [
        aShopifyShippingLine({
          title: 'Express',
          price: '15.00',
          discount_allocations: [{ amount: '15.00', discount_application_index: 0 }],
        }),
      ],
    });
    expect(purchaseOrderOf(interpret('orders/create', order)).charges).toEqual([
      { kind: 'charge', code: 'D240', description: 'Express', amount: '15.00' },
      { kind: 'allowance', code: 'C310', description: 'Shipping discount: Free shipping', amount: '15.00' },
    ]);
  });

  it('identifies a line by variant id and barcode too, and a line without SKU still has an identifier', () => {
    const order = anOrderPayload({
      line_items: [
        aShopifyLineItem({ sku: 'WIDGET-BLUE', variant_id: 808950810, barcode: '036000291452' }),
        aShopifyLineItem({ sku: null, variant_id: 808950811, name: 'Gift wrap', barcode: null }),
        aShopifyLineItem({ sku: '  ', variant_id: null, name: 'Custom engraving', title: 'Custom engraving', barcode: '4006381333931' }),
        aShopifyLineItem({ sku: null, variant_id: null, name: 'Tip', title: 'Tip', barcode: null }),
      ],
    });
    const lines = purchaseOrderOf(interpret('orders/create', order)).lines;
    expect(lines.map((line) => line.productIds)).toEqual([
      [
        { qualifier: 'VN', value: 'WIDGET-BLUE' },
        { qualifier: 'SK', value: '808950810' },
        { qualifier: 'UP', value: '036000291452' },
      ],
      [{ qualifier: 'SK', value: '808950811' }],
      [{ qualifier: 'EN', value: '4006381333931' }],
      [{ qualifier: 'ZZ', value: 'Tip' }],
    ]);
    expect(lines.map((line) => line.description)).toEqual(['Widget - Blue', 'Gift wrap', 'Custom engraving', 'Tip']);
  });

  it('raises priority from the note, tags or shipping method, and keeps note attributes as notes', () => {
    expect(purchaseOrderOf(interpret('orders/create', anOrderPayload({ note: 'Please RUSH this' }))).priority).toBe('rush');
    expect(purchaseOrderOf(interpret('orders/create', anOrderPayload({ tags: 'wholesale, urgent' }))).priority).toBe('urgent');
    expect(
      purchaseOrderOf(interpret('orders/create', anOrderPayload({ shipping_lines: [aShopifyShippingLine({ title: 'Overnight' })] })))
        .priority,
    ).toBe('rush');
    const po = purchaseOrderOf(
      interpret(
        'orders/create',
        anOrderPayload({ note: 'Leave at door', tags: 'b2b', note_attributes: [{ name: 'Gate code', value: 1234 }] }),
      ),
    );
    expect(po.notes).toEqual(['Leave at door', 'Tags: b2b', 'Gate code: 1234']);
    expect(po.priority).toBe('normal');
  });

  it('keeps a B2B buyer PO number as a reference, while poNumber stays the order name', () => {
    const po = purchaseOrderOf(interpret('orders/create', anOrderPayload({ name: '#1042', po_number: 'ACME-PO-7781' })));
    expect(po.poNumber).toBe('#1042');
    expect(po.references).toEqual([{ qualifier: 'PO', value: 'ACME-PO-7781', description: 'Shopify B2B purchase order number' }]);
  });

  it('maps a person without company to the party name, and absent addresses to nothing', () => {
    const po = purchaseOrderOf(
      interpret('orders/create', anOrderPayload({ billing_address: null, shipping_address: aShopifyAddress({ company: '' }) })),
    );
    expect(po.billTo).toBeUndefined();
    expect(po.shipTo).toMatchObject({ role: 'ST', name: 'Ada Byron', address2: 'Suite 3', region: 'IL', country: 'US' });
    expect(po.shipTo?.name2).toBeUndefined();
  });

  it('keeps prices exactly as sent, whatever their precision', () => {
    const po = purchaseOrderOf(
      interpret('orders/create', anOrderPayload({ line_items: [aShopifyLineItem({ price: '0.1', quantity: 3 })] })),
    );
    expect(mul(po.lines[0].quantity, po.lines[0].unitPrice ?? '0')).toBe('0.3');
  });
});

describe('interpretShopifyWebhook: changes', () => {
  it('an update states the order as it now stands (current quantities)', () => {
    const order = anOrderPayload({
      line_items: [aShopifyLineItem({ quantity: 3, current_quantity: 1 }), aShopifyLineItem({ quantity: 1, current_quantity: 0 })],
    });
    const change = changeOf(interpret('orders/updated', order));
    expect(change.purchaseOrder?.lines.map((line) => line.quantity)).toEqual(['1', '0']);
    expect(purchaseOrderOf(interpret('orders/create', order)).lines.map((line) => line.quantity)).toEqual(['3', '1']);
  });

  it('a cancel and the update Shopify sends with the same updated_at are two changes', () => {
    const order = anOrderPayload({ cancelled_at: '2025-03-14T10:00:00-04:00', updated_at: '2025-03-14T10:00:00-04:00' });
    const update = interpret('orders/updated', order);
    const cancel = interpret('orders/cancelled', order);
    expect(update.idempotencyKey).not.toBe(cancel.idempotencyKey);
    expect(update.key).toBe(cancel.key);
    expect(changeOf(cancel).changedAt).toBe('2025-03-14T14:00:00.000Z');
  });

  it('orders/paid carries the financial status', () => {
    expect(changeOf(interpret('orders/paid', anOrderPayload({ financial_status: 'paid' })))).toMatchObject({
      kind: 'paid',
      financialStatus: 'paid',
    });
  });

  it('a refund carries the money refunded and the lines', () => {
    const refund = aRefundPayload(450789469, {
      transactions: [
        { amount: '10.00', currency: 'USD', kind: 'refund', status: 'success' },
        { amount: '2.50', currency: 'USD', kind: 'refund', status: 'success' },
        { amount: '99.00', currency: 'USD', kind: 'refund', status: 'failure' },
      ],
    });
    const message = interpret('refunds/create', refund);
    expect(changeOf(message)).toMatchObject({
      kind: 'refund',
      channelOrderKey: `shopify:${SHOP}:450789469`,
      refund: { id: String(refund.id), amount: '12.5', currency: 'USD', lines: [{ lineNumber: '466157049', quantity: '1' }] },
      changedAt: '2025-03-15T14:00:00.000Z',
    });
    expect(message.idempotencyKey).toBe(`shopify:${SHOP}:450789469:refund:${String(refund.id)}`);
  });

  it('an order edit is an update keyed by the edit', () => {
    const edit = anOrderEditPayload(450789469);
    const message = interpret('orders/edited', edit);
    expect(changeOf(message)).toMatchObject({
      kind: 'update',
      channelOrderKey: `shopify:${SHOP}:450789469`,
      changedAt: '2025-03-14T15:00:00.000Z',
    });
    expect(changeOf(message).purchaseOrder).toBeUndefined();
    expect(message.idempotencyKey).toMatch(/:edit:\d+$/);
  });
});

describe('interpretShopifyWebhook: refusals', () => {
  it.each([
    ['unsupported topic', 'products/create', anOrderPayload(), 'SHOPIFY.UNSUPPORTED_TOPIC'],
    ['malformed JSON', 'orders/create', '{"id": 1, "line_items": [', 'SHOPIFY.MALFORMED_JSON'],
    ['an order without line_items', 'orders/create', anOrderPayload({ line_items: undefined }), 'SHOPIFY.INVALID_PAYLOAD'],
    [
      'an order with no lines (the canonical order needs one)',
      'orders/create',
      anOrderPayload({ line_items: [] }),
      'SHOPIFY.INVALID_PAYLOAD',
    ],
    [
      'a non-decimal price',
      'orders/create',
      anOrderPayload({ line_items: [aShopifyLineItem({ price: 'twelve' })] }),
      'SHOPIFY.INVALID_PAYLOAD',
    ],
    ['an update without updated_at', 'orders/updated', anOrderPayload({ updated_at: null }), 'SHOPIFY.INVALID_PAYLOAD'],
    ['a refund without order_id', 'refunds/create', { id: 1, created_at: '2025-03-15T10:00:00Z' }, 'SHOPIFY.INVALID_PAYLOAD'],
  ])('refuses %s', (_name, topic, payload, code) => {
    expect(() => interpret(topic, payload)).toThrow(expect.objectContaining({ code }));
  });

  it('says which fields are wrong', () => {
    expect(() => interpret('orders/create', anOrderPayload({ currency: 'dollars' }))).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ issues: [expect.objectContaining({ path: 'currency' })] }) }),
    );
  });

  it('ignores fields it does not use', () => {
    expect(() => interpret('orders/create', anOrderPayload({ brand_new_field: { nested: [1, 2, 3] } }))).not.toThrow();
  });
});
