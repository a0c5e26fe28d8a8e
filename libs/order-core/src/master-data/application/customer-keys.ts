import type { CustomerDraft } from '../domain/customer';
import { DuplicateMasterDataError } from '../domain/master-data.errors';
import type { CustomerStore } from './customer-directory.port';

/**
 * Email entries and the Shopify shop decide which customer an inbound order belongs to, so no two customers may
 * share one: the email and Shopify channels would otherwise pick a customer by accident.
 */
export async function assertCustomerKeysFree(store: CustomerStore, draft: Partial<CustomerDraft>, exceptId?: string): Promise<void> {
  if (draft.emails?.length) {
    const owner = await store.findEmailOwner(draft.emails, exceptId);
    if (owner) throw DuplicateMasterDataError.customerEmail(owner.entry, owner.customer.code);
  }
  if (draft.shopifyShopDomain) {
    const owner = await store.findByShopifyShop(draft.shopifyShopDomain);
    if (owner && owner.id !== exceptId) throw DuplicateMasterDataError.shopifyShop(draft.shopifyShopDomain, owner.code);
  }
}
