import { Inject, Injectable } from '@nestjs/common';
import { isPositive, mul, PurchaseOrder, round } from '@orderhub/contracts';
import { HUB_CONFIG, HubConfig } from '@orderhub/common';
import { priceLine, PriceResult, PriceRule } from '@orderhub/pricing';
import {
  CatalogProductFacts,
  customerKeyOf,
  LineValidationContext,
  OrderValidation,
  resolveProduct,
  normalizeGtin,
  ProductResolution,
  UomAvailability,
  validatePurchaseOrder,
} from '../../domain';
import { Customer, CustomerDirectory, normalizeUom, PriceRuleRepository, Product, ProductCatalog } from '../../master-data';
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

/** An extracted order (email) below this overall confidence goes to an operator: the email channel's default too. */
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
    @Inject(HUB_CONFIG) config: HubConfig,
  ) {
    this.cacheMs = config.HUB_CATALOG_CACHE_MS;
  }

  private readonly cacheMs: number;
  private readonly productCache = new Map<string, { product: Product; until: number }>();

  async evaluate(po: PurchaseOrder, now = new Date()): Promise<OrderEvaluation> {
    const customer = await this.findCustomer(po);
    const pricedAt = po.source.receivedAt ? new Date(po.source.receivedAt) : now;
    // Lines are independent: resolve them concurrently (outside a transaction, on separate pool connections),
    // then fetch the price rules of all their products in one query.
    const resolved = await Promise.all(
      po.lines.map(async (line) =>
        resolveProduct<Product & CatalogProductFacts>(line.productIds, await this.prefetch(line.productIds, customer?.id ?? null)),
      ),
    );
    const skus = resolved.flatMap((r) => (r.status === 'matched' ? [r.product.sku] : []));
    const rulesBySku = await this.priceRules.applicableRulesForSkus(
      skus,
      customer?.id ?? null,
      customer?.customerGroup ?? null,
      po.source.channel,
      pricedAt,
    );
    const evaluated = po.lines.map((line, index) => priceResolvedLine(po, line, index, resolved[index], customer, pricedAt, rulesBySku));
    const lines = evaluated.map((e) => e.line);
    const contexts = evaluated.map((e) => e.context);
    const previous = customer ? await this.orders.findByCustomerPo(customer.id, po.poNumber) : null;
    const validation = validatePurchaseOrder(po, {
      customer: customer
        ? {
            id: customer.id,
            creditHold: customer.creditHold,
            shipToCodes: customer.shipTos.map((s) => s.code),
            defaultShipToCode: customer.shipTos.find((s) => s.isDefault)?.code,
          }
        : null,
      lines: contexts,
      priceTolerance: { percent: customer?.priceTolerancePercent ?? DEFAULT_TOLERANCE.percent, absolute: DEFAULT_TOLERANCE.absolute },
      previousOrderWithPoNumber: previous ? { salesOrderId: previous.id, salesOrderNumber: previous.number } : null,
      extractionConfidenceThreshold: EXTRACTION_THRESHOLD,
      now,
    });
    return { customer, lines, validation };
  }

  /** The channel's own identity of the customer, and only that (domain/customer-identification.ts). */
  async findCustomer(po: PurchaseOrder): Promise<Customer | null> {
    const key = customerKeyOf(po);
    switch (key.by) {
      case 'id':
        return this.customers.findById(key.id);
      case 'shop':
        return this.customers.findByShopifyShop(key.shop);
      case 'email':
        return this.customers.findByEmail(key.address);
      case 'none':
        return null;
      default: {
        const unreachable: never = key;
        return unreachable;
      }
    }
  }

  /**
   * Products change rarely and every order line reads one: found products are kept for a few seconds
   * (HUB_CATALOG_CACHE_MS, 0 turns it off). Not-found is never cached, so a product created a moment ago is
   * seen at once; a changed list price or unit is seen within the TTL.
   */
  private async productBySku(sku: string): Promise<Product | null> {
    const now = Date.now();
    const hit = this.productCache.get(sku);
    if (hit && hit.until > now) return hit.product;
    const product = await this.catalog.findBySku(sku);
    if (product && this.cacheMs > 0) {
      if (this.productCache.size > 10_000) this.productCache.clear();
      this.productCache.set(sku, { product, until: now + this.cacheMs });
    }
    return product;
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
      if (q === 'VN' || q === 'SK' || q === 'VP') {
        const p = await this.productBySku(value);
        if (p) bySku.set(value, p);
      } else if ((q === 'BP' || q === 'IN' || q === 'CB' || q === 'MG') && customerId) {
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

/** Units, base quantity and price of one line whose product is resolved: pure, no I/O. */
function priceResolvedLine(
  po: PurchaseOrder,
  line: PurchaseOrder['lines'][number],
  index: number,
  resolution: ProductResolution<Product & CatalogProductFacts>,
  customer: Customer | null,
  pricedAt: Date,
  rulesBySku: Map<string, PriceRule[]>,
): { line: EvaluatedLine; context: LineValidationContext } {
  const product = resolution.status === 'matched' ? resolution.product : null;
  let uom: UomAvailability | null = null;
  let pricing: PriceResult | null = null;
  let baseQuantity: string | null = null;
  if (product) {
    const factor = unitFactor(product, line.uom);
    uom = factor
      ? { convertible: true, baseUom: product.uom, baseUnitsPerOrderedUnit: factor }
      : { convertible: false, baseUom: product.uom };
    if (factor && isPositive(line.quantity)) {
      baseQuantity = mul(line.quantity, factor);
      pricing = priceLine(
        {
          product: { sku: product.sku, listPrice: product.listPrice, uom: product.uom },
          customer: customer ? { id: customer.id, groups: customer.customerGroup ? [customer.customerGroup] : [] } : null,
          channel: po.source.channel,
          quantity: baseQuantity,
          at: pricedAt,
          rules: rulesBySku.get(product.sku) ?? [],
        },
        { pricePlaces: 4 },
      );
    }
  }
  return {
    line: { index, product, uom, pricing, baseQuantity },
    context: { product: resolution, uom, ourBaseUnitPrice: pricing?.unitPrice ?? null },
  };
}

/** Base units in one `uom` of the product ('1' for its base unit), from the conversions loaded with it. */
function unitFactor(product: Product, uom: string): string | null {
  const unit = normalizeUom(uom);
  if (unit === product.uom) return '1';
  return product.conversions.find((c) => c.uom === unit)?.factor ?? null;
}

/** Our price per ordered unit, from the engine's base-unit price. */
export function pricePerOrderedUnit(baseUnitPrice: string, baseUnitsPerOrderedUnit: string): string {
  return round(mul(baseUnitPrice, baseUnitsPerOrderedUnit), 4);
}
