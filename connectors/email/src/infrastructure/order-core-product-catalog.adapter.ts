import { Injectable } from '@nestjs/common';
import { ProductCatalog as CoreProductCatalog } from '@orderhub/order-core';
import { ProductCatalog } from '../application/ports';
import type { CatalogMatch } from '../domain/purchase-order.assembler';

/**
 * Item codes printed on a PDF → our SKUs: our own SKU first (many buyers print it), then the customer's part
 * numbers. Codes found neither way stay absent, which the extractor reports as EXTRACTION.UNKNOWN_ITEM.
 */
@Injectable()
export class OrderCoreProductCatalog extends ProductCatalog {
  constructor(private readonly catalog: CoreProductCatalog) {
    super();
  }

  async lookup(codes: string[], customerId?: string): Promise<Map<string, CatalogMatch>> {
    const found = new Map<string, CatalogMatch>();
    for (const code of new Set(codes)) {
      const bySku = await this.catalog.findBySku(code);
      if (bySku) {
        found.set(code, { code, sku: bySku.sku, matchedBy: 'sku', uom: bySku.uom });
        continue;
      }
      const byPart = customerId ? await this.catalog.findByCustomerPartNumber(customerId, code) : null;
      if (byPart) found.set(code, { code, sku: byPart.sku, matchedBy: 'customer-part', uom: byPart.uom });
    }
    return found;
  }
}
