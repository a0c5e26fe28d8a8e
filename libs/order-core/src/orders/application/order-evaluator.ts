import { Inject, Injectable } from '@nestjs/common';
import { compare, isPositive, mul, PurchaseOrder, round } from '@orderhub/contracts';
import { HUB_CONFIG, HubConfig } from '@orderhub/common';
import { priceLine, PriceResult } from '@orderhub/pricing';
import {
  CatalogProductFacts,
  LineValidationContext,
  OrderValidation,
  resolveProduct,
  normalizeGtin,
  UomAvailability,
  validatePurchaseOrder,
} from '../../domain';
import { Customer, CustomerDirectory, PriceRuleRepository, Product, ProductCatalog } from '../../master-data';
import { SalesOrderRepository } from './sales-order.repository';

export interface EvaluatedLine {
  index: number;
  product: Product | null;
  uom: UomAvailability | null;
  pricing: PriceResult | null;
  /** Base units ordered (quantity × units per ordered unit), when convertible. */
  baseQuantity: string | null;
}

export interface OrderEvaluation {
  customer: Customer | null;
  lines: EvaluatedLine[];
  validation: OrderValidation;
}

/** Reviewers set a lower bar for extracted orders than the hub's default? No: one threshold, in config. */
export const EXTRACTION_THRESHOLD = 0.9;
const DEFAULT_TOLERANCE = { percent: '0.5', absolute: '0.01' };

/**
 * Looks up everything a purchase order refers to (customer, products, units, prices, earlier orders with the
 * same PO number) and validates it, collecting every problem at once. Reads only: the raise use case,
 * the phone form's live check and the exceptions queue's re-check all share it.
 */
@Injectable()
export class OrderEvaluator {
  constructor(
    private readonly customers: CustomerDirectory,
    private readonly catalog: ProductCatalog,
    private readonly priceRules: PriceRuleRepository,
    private readonly orders: SalesOrderRepository,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async evaluate(po: PurchaseOrder, now = new Date()): Promise<OrderEvaluation> {
    const customer = await this.findCustomer(po);
    const lines: EvaluatedLine[] = [];
    const contexts: LineValidationContext[] = [];
    const pricedAt = po.source.receivedAt ? new Date(po.source.receivedAt) : now;
    for (const [index, line] of po.lines.entries()) {
      const lookups = await this.prefetch(line.productIds, customer?.id ?? null);
      const resolution = resolveProduct<Product & CatalogProductFacts>(line.productIds, lookups);
      const product = resolution.status === 'matched' ? resolution.product : null;
      let uom: UomAvailability | null = null;
      let pricing: PriceResult | null = null;
      let baseQuantity: string | null = null;
      if (product) {
        const factor = await this.catalog.uomFactor(product.sku, line.uom.toUpperCase());
        uom = factor ? { convertible: true, baseUom: product.uom, baseUnitsPerOrderedUnit: factor } : { convertible: false, baseUom: product.uom };
        if (factor && isPositive(line.quantity)) {
          baseQuantity = mul(line.quantity, factor);
          const rules = await this.priceRules.applicableRules(product.sku, customer?.id ?? null, customer?.customerGroup ?? null, po.source.channel, pricedAt);
          pricing = priceLine(
            {
              product: { sku: product.sku, listPrice: product.listPrice, uom: product.uom },
              customer: customer ? { id: customer.id, groups: customer.customerGroup ? [customer.customerGroup] : [] } : null,
              channel: po.source.channel,
              quantity: baseQuantity,
              at: pricedAt,
              rules,
            },
            { pricePlaces: 4 },
          );
        }
      }
      lines.push({ index, product, uom, pricing, baseQuantity });
      contexts.push({ product: resolution, uom, ourBaseUnitPrice: pricing?.unitPrice ?? null });
    }
    const previous = customer ? await this.orders.findByCustomerPo(customer.id, po.poNumber) : null;
    const validation = validatePurchaseOrder(po, {
      customer: customer ? { id: customer.id, creditHold: customer.creditHold, shipToCodes: customer.shipTos.map((s) => s.code) } : null,
      lines: contexts,
      priceTolerance: { percent: customer?.priceTolerancePercent ?? DEFAULT_TOLERANCE.percent, absolute: DEFAULT_TOLERANCE.absolute },
      previousOrderWithPoNumber: previous ? { salesOrderId: previous.id, salesOrderNumber: previous.number } : null,
      extractionConfidenceThreshold: EXTRACTION_THRESHOLD,
      now,
    });
    void this.config;
    return { customer, lines, validation };
  }

  /** Channel identity first (the channel already knows the customer), then the sender's address. */
  async findCustomer(po: PurchaseOrder): Promise<Customer | null> {
    if (po.buyer.customerId) {
      const byId = await this.customers.findById(po.buyer.customerId).catch(() => null);
      if (byId) return byId;
    }
    if (po.source.channel === 'shopify') {
      const shop = typeof po.channelData.shop === 'string' ? po.channelData.shop : po.source.sender;
      const byShop = await this.customers.findByShopifyShop(shop);
      if (byShop) return byShop;
    }
    const email = po.buyer.email ?? (po.source.channel === 'email' ? po.source.sender : undefined);
    return email ? this.customers.findByEmail(email) : null;
  }

  /** The resolver is synchronous and pure; fetch every candidate first. */
  private async prefetch(ids: PurchaseOrder['lines'][number]['productIds'], customerId: string | null) {
    const bySku = new Map<string, Product>();
    const byPart = new Map<string, Product>();
    const byGtin = new Map<string, Product>();
    // Qualifier families as the resolver ranks them (domain/product-resolution.ts).
    for (const id of ids) {
      const q = id.qualifier.trim().toUpperCase();
      const value = id.value.trim();
      if (q === 'VN' || q === 'SK') {
        const p = await this.catalog.findBySku(value);
        if (p) bySku.set(value, p);
      } else if ((q === 'BP' || q === 'IN') && customerId) {
        const p = await this.catalog.findByCustomerPartNumber(customerId, value);
        if (p) byPart.set(value, p);
      } else if (['UP', 'UA', 'UK', 'UI', 'EN', 'EA'].includes(q)) {
        const gtin = normalizeGtin(value);
        const p = gtin ? await this.catalog.findByGtinOrUpc(value) : null;
        if (gtin && p) byGtin.set(gtin, p);
      }
    }
    return {
      bySku: (sku: string) => bySku.get(sku),
      byCustomerPartNumber: (part: string) => byPart.get(part),
      byGtin: (gtin14: string) => byGtin.get(gtin14),
    };
  }
}

/** Our price per ordered unit, from the engine's base-unit price. */
export function pricePerOrderedUnit(baseUnitPrice: string, baseUnitsPerOrderedUnit: string): string {
  return round(mul(baseUnitPrice, baseUnitsPerOrderedUnit), 4);
}

export function isAtLeast(a: string, b: string): boolean {
  return compare(a, b) >= 0;
}
