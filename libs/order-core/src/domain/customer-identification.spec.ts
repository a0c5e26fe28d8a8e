import { customerKeyOf } from './customer-identification';
import { aPurchaseOrder } from './testing/purchase-order.builder';

describe('customer identification per channel', () => {
  it('EDI: the customer of the partner profile, nothing else', () => {
    expect(customerKeyOf(aPurchaseOrder({ buyer: { customerId: 'cust-acme', email: 'buyer@example.com' } }))).toEqual({
      by: 'id',
      id: 'cust-acme',
    });
    expect(customerKeyOf(aPurchaseOrder({ buyer: { email: 'buyer@example.com' } }))).toEqual({ by: 'none' });
  });

  it('Shopify: only the shop the webhook was signed for; a shopper email never identifies a B2B customer', () => {
    const po = aPurchaseOrder({
      source: { channel: 'shopify', rawDocumentId: 'raw-1', sender: 'Unclaimed.myshopify.com', receivedAt: new Date().toISOString() },
      buyer: { email: 'ada@example.com', name: 'Ada' },
      channelData: { shop: 'Unclaimed.myshopify.com' },
    });
    expect(customerKeyOf(po)).toEqual({ by: 'shop', shop: 'unclaimed.myshopify.com' });
  });

  it("email: the sender's address (the directory then tries the whole domain)", () => {
    const po = aPurchaseOrder({
      source: { channel: 'email', rawDocumentId: 'raw-1', sender: 'orders@example.com', receivedAt: new Date().toISOString() },
      buyer: {},
    });
    expect(customerKeyOf(po)).toEqual({ by: 'email', address: 'orders@example.com' });
  });

  it('phone: the customer id chosen in the form; an operator correction sets the id on any channel', () => {
    const po = aPurchaseOrder({
      source: { channel: 'phone', rawDocumentId: 'raw-1', sender: 'op@hub', receivedAt: new Date().toISOString() },
      buyer: { customerId: 'cust-9' },
    });
    expect(customerKeyOf(po)).toEqual({ by: 'id', id: 'cust-9' });
  });
});
