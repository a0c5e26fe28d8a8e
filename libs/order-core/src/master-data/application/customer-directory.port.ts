import type { Customer, CustomerDraft, CustomerPartNumber, ShipTo } from '../domain/customer';
import type { ListQuery, Page } from './page';

/** How the order core finds who sent a purchase order. Joins the caller's transaction. */
export abstract class CustomerDirectory {
  abstract findById(id: string): Promise<Customer | null>;
  abstract findByCode(code: string): Promise<Customer | null>;
  /** Exact address entries first, then '@domain' entries (see matchCustomerByEmail). Accepts 'Name <addr>'. */
  abstract findByEmail(address: string): Promise<Customer | null>;
  abstract findByShopifyShop(shopDomain: string): Promise<Customer | null>;
  abstract findByShopifyCustomerId(shopifyCustomerId: string): Promise<Customer | null>;
  abstract shipTos(customerId: string): Promise<ShipTo[]>;
}

/** The admin side of customers: the directory plus writes and lists. */
export abstract class CustomerStore extends CustomerDirectory {
  abstract list(query: ListQuery): Promise<Page<Customer>>;
  /** Inserts, or updates the customer with the same code; ship-tos are upserted by code. */
  abstract upsert(draft: CustomerDraft): Promise<{ customer: Customer; created: boolean }>;
  /** Applies a partial change to the customer with this id. */
  abstract update(id: string, change: Partial<CustomerDraft>): Promise<Customer>;
  /** The customer, other than `exceptId`, that already lists one of these entries, or owns this shop domain. */
  abstract findEmailOwner(entries: readonly string[], exceptId?: string): Promise<{ entry: string; customer: Customer } | null>;
  abstract partNumbers(customerId: string): Promise<CustomerPartNumber[]>;
  abstract upsertPartNumber(mapping: CustomerPartNumber): Promise<{ created: boolean; previousSku: string | null }>;
}
