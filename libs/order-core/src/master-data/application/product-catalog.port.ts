import type { DecimalString } from '@orderhub/contracts';
import type { Product, ProductDraft } from '../domain/product';
import type { ListQuery, Page } from './page';

/** How the order core resolves purchase-order lines to our products. Joins the caller's transaction. */
export abstract class ProductCatalog {
  abstract findBySku(sku: string): Promise<Product | null>;
  /** UPC-A, EAN-13 or GTIN-14 (any of them matches the other forms of the same number). */
  abstract findByGtinOrUpc(code: string): Promise<Product | null>;
  abstract findByCustomerPartNumber(customerId: string, partNumber: string): Promise<Product | null>;
  /** Base units in one `uom` ('1' for the base unit itself), or null when the product has no such unit. */
  abstract uomFactor(sku: string, uom: string): Promise<DecimalString | null>;
}

export abstract class ProductStore extends ProductCatalog {
  abstract findById(id: string): Promise<Product | null>;
  abstract list(query: ListQuery): Promise<Page<Product>>;
  /** Which of these skus exist (for validating references in bulk). */
  abstract existingSkus(skus: readonly string[]): Promise<Set<string>>;
  /** Inserts, or updates the product with the same sku. */
  abstract upsert(draft: ProductDraft): Promise<{ product: Product; created: boolean }>;
}
