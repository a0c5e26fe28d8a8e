import type { PurchaseOrder } from '@orderhub/contracts';

/**
 * What identifies the customer of a purchase order, per channel. One rule per channel, written down once and
 * used by every path that looks a customer up (raise, the phone form's live check, the exceptions queue):
 *
 * - edi: the trading partner the X-Api-Key (or drop folder) belongs to; its profile names the customer.
 * - email: the sender's address, exactly, else its whole domain (`@example.com` entries).
 * - shopify: the shop domain the webhook was signed for, and nothing else. A shopper's email never matches
 *   a B2B customer: an unclaimed shop is CUSTOMER.UNKNOWN.
 * - phone: the customer id the operator picked in the form.
 *
 * An operator's correction (exceptions queue) sets the customer id, which then wins on every channel.
 */
export type CustomerKey = { by: 'id'; id: string } | { by: 'shop'; shop: string } | { by: 'email'; address: string } | { by: 'none' };

export function customerKeyOf(po: PurchaseOrder): CustomerKey {
  if (po.buyer.customerId) return { by: 'id', id: po.buyer.customerId };
  const channel = po.source.channel;
  switch (channel) {
    case 'shopify': {
      const shop = typeof po.channelData.shop === 'string' ? po.channelData.shop : po.source.sender;
      return shop.trim() ? { by: 'shop', shop: shop.trim().toLowerCase() } : { by: 'none' };
    }
    case 'email':
      return { by: 'email', address: po.source.sender };
    case 'edi':
    case 'phone':
      // The partner profile or the form always names the customer; without it there is no one to match.
      return { by: 'none' };
    default: {
      const unreachable: never = channel;
      return unreachable;
    }
  }
}

/** The rules above as text, for the README, the API docs and the exception message. */
export const CUSTOMER_MATCHING_RULES: Record<PurchaseOrder['source']['channel'], string> = {
  edi: "the trading partner's profile (customerId), found by the partner's X-Api-Key or drop folder",
  email: "the sender's address exactly, else an '@domain' entry of the customer's emails",
  shopify: "the shop domain the webhook is signed for (the customer's shopifyShopDomain); never the shopper's email",
  phone: 'the customer id chosen in the form',
};
