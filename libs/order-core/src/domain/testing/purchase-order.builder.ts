import { parsePurchaseOrder, type PurchaseOrder, type PurchaseOrderInput, type PurchaseOrderLine } from '@orderhub/contracts';
import type { CatalogProductFacts, LineValidationContext, ValidationContext, ValidationCustomer } from '../order-validation';
import type { CatalogLookups, ProductResolution } from '../product-resolution';

/** Dates in builders sit around this instant; specs pass it as `now`. */
export const NOW = new Date('2025-03-15T15:00:00Z');

/** A valid EDI purchase order for one case of WIDGET-1, shipped to store 0042. Parsed, so defaults are filled. */
export function aPurchaseOrder(overrides: Partial<PurchaseOrderInput> = {}): PurchaseOrder {
  return parsePurchaseOrder({
    schemaVersion: 1,
    source: { channel: 'edi', rawDocumentId: 'raw-1', sender: 'partner-acme', partnerId: 'partner-acme', receivedAt: NOW.toISOString() },
    buyer: { customerId: 'cust-acme', name: 'Acme Stores' },
    poNumber: 'PO-1001',
    poDate: '2025-03-15',
    shipTo: { role: 'ST', name: 'Acme Store 42', idQualifier: '92', code: '0042' },
    lines: [aPurchaseOrderLine()],
    ...overrides,
  });
}

export function aPurchaseOrderLine(overrides: Partial<PurchaseOrderLine> = {}): PurchaseOrderLine {
  return {
    lineNumber: '1',
    quantity: '2',
    uom: 'CS',
    unitPrice: '120.00',
    productIds: [{ qualifier: 'VN', value: 'WIDGET-1' }],
    charges: [],
    taxes: [],
    ...overrides,
  };
}

export function aValidationCustomer(overrides: Partial<ValidationCustomer> = {}): ValidationCustomer {
  return { id: 'cust-acme', creditHold: false, shipToCodes: ['0042', '0043'], ...overrides };
}

export function aCatalogProduct(overrides: Partial<CatalogProductFacts> = {}): CatalogProductFacts {
  return { sku: 'WIDGET-1', discontinued: false, ...overrides };
}

export function aMatchedProduct(product: CatalogProductFacts = aCatalogProduct()): ProductResolution<CatalogProductFacts> {
  return { status: 'matched', product, matchedBy: { qualifier: 'VN', value: product.sku, source: 'sku' }, attempts: [] };
}

/** WIDGET-1 sold in cases of 12 at 10.00 each: 120.00 per case, matching aPurchaseOrderLine(). */
export function aLineContext(overrides: Partial<LineValidationContext> = {}): LineValidationContext {
  return {
    product: aMatchedProduct(),
    uom: { convertible: true, baseUom: 'EA', baseUnitsPerOrderedUnit: '12' },
    ourBaseUnitPrice: '10.00',
    ...overrides,
  };
}

/** A context under which aPurchaseOrder() is valid; pass `lines` when the order has more than one line. */
export function aValidationContext(overrides: Partial<ValidationContext> = {}): ValidationContext {
  return {
    customer: aValidationCustomer(),
    lines: [aLineContext()],
    priceTolerance: { percent: '1', absolute: '0.05' },
    previousOrderWithPoNumber: null,
    extractionConfidenceThreshold: 0.8,
    now: NOW,
    ...overrides,
  };
}

/** In-memory catalogue look-ups for resolveProduct. */
export function aCatalog<P extends { sku: string }>(entries: {
  skus?: P[];
  customerParts?: Record<string, P>;
  gtins?: Record<string, P>;
}): CatalogLookups<P> {
  return {
    bySku: (sku) => entries.skus?.find((p) => p.sku === sku),
    byCustomerPartNumber: (part) => entries.customerParts?.[part],
    byGtin: (gtin) => entries.gtins?.[gtin],
  };
}
