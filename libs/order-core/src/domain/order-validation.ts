/**
 * Validation of a canonical purchase order against master data the caller already looked up. It collects EVERY
 * problem in one pass, so an operator fixes an order once instead of once per problem.
 *
 * Decisions worth knowing:
 * - Test orders (`po.test`: Shopify's test flag, an X12 ISA15 "T") are flagged ORDER.TEST on every channel, so a
 *   test never reaches the warehouse on its own; an operator may still approve one to exercise the 855/email.
 * - ORDER.DUPLICATE_PO applies to originals (and confirmations, which must be matched to the phone order they
 *   confirm, not raised twice); change, replace and cancel purposes name an existing PO by design.
 * - Ship-to: a code must be one of the customer's ship-to codes (SHIPTO.UNKNOWN even when an address came along,
 *   since store numbers travel on to ASNs and invoices); no code but a street address is a one-time address; no
 *   ship-to at all is fine only when the customer has exactly one ship-to, which is then implied.
 * - Prices are compared per the ORDERED unit; the buyer's price is within tolerance when the difference is at most
 *   the absolute tolerance OR the percent of our price, whichever is larger. Higher and lower both count: a buyer
 *   paying more than our price is working from a stale catalogue, and the invoice would not match.
 * - Dates are calendar dates compared with today in `ctx.timeZone` (default UTC); today itself is not the past.
 */
import {
  compare,
  countsPieces,
  describeBoundProblem,
  div,
  priceProblem,
  quantityProblem,
  isDecimal,
  mul,
  round,
  sub,
  type DecimalString,
  type PurchaseOrder,
  type PurchaseOrderLine,
} from '@orderhub/contracts';
import { businessDate } from './business-date';
import type { OrderProblem } from './order-problem';
import type { ProductResolution } from './product-resolution';

export interface ValidationCustomer {
  id: string;
  creditHold: boolean;
  /** The customer's ship-to codes (the buyer's own location codes, e.g. store numbers). */
  shipToCodes: readonly string[];
  /** The location marked default in master data, used when an order names none. */
  defaultShipToCode?: string;
}

/** The catalogue facts validation needs about a matched product. */
export interface CatalogProductFacts {
  sku: string;
  discontinued: boolean;
}

/** Whether the line's unit can be converted to the product's base unit, and how. */
export type UomAvailability =
  | { convertible: true; baseUom: string; /** Base units in one ordered unit (CS of 12 → "12"). */ baseUnitsPerOrderedUnit: DecimalString }
  | { convertible: false; baseUom: string };

export interface LineValidationContext {
  product: ProductResolution<CatalogProductFacts>;
  /** Null when no product was matched (nothing to convert to). */
  uom: UomAvailability | null;
  /** Our unit price per BASE unit from @orderhub/pricing; null when not priced (e.g. product unknown). */
  ourBaseUnitPrice: DecimalString | null;
}

export interface PriceTolerance {
  /** Percent of our price, e.g. "1" for 1%. */
  percent: DecimalString;
  /** Currency amount per ordered unit, e.g. "0.05". */
  absolute: DecimalString;
}

export interface ValidationContext {
  customer: ValidationCustomer | null;
  /** One entry per po.lines entry, same order. */
  lines: readonly LineValidationContext[];
  priceTolerance: PriceTolerance;
  /** The sales order this customer already raised with this PO number, if any. */
  previousOrderWithPoNumber: { salesOrderId: string; salesOrderNumber?: string } | null;
  /** EXTRACTION.LOW_CONFIDENCE below this, in [0, 1]. */
  extractionConfidenceThreshold: number;
  now: Date;
  /** IANA zone of the business calendar; default UTC. */
  timeZone?: string;
}

export type ShipToResolution =
  | { status: 'matched'; code: string }
  | { status: 'implied'; code: string }
  | { status: 'one-time-address' }
  | { status: 'pending-customer'; code: string }
  | { status: 'unknown'; code: string }
  | { status: 'missing' };

export interface OrderValidation {
  valid: boolean;
  problems: OrderProblem[];
  shipTo: ShipToResolution;
}

export function validatePurchaseOrder(po: PurchaseOrder, ctx: ValidationContext): OrderValidation {
  if (ctx.lines.length !== po.lines.length) {
    // A caller bug, not a property of the order: refuse loudly rather than mis-attribute problems.
    throw new RangeError(`validation context has ${ctx.lines.length} line entries for ${po.lines.length} lines`);
  }
  const problems: OrderProblem[] = [];
  const today = businessDate(ctx.now, ctx.timeZone);

  if (ctx.customer === null) {
    problems.push({
      code: 'CUSTOMER.UNKNOWN',
      message: `no customer matches ${describeBuyer(po)}`,
      details: { sender: po.source.sender, buyer: po.buyer },
    });
  } else if (ctx.customer.creditHold) {
    problems.push({
      code: 'CUSTOMER.CREDIT_HOLD',
      message: `customer ${ctx.customer.id} is on credit hold`,
      details: { customerId: ctx.customer.id },
    });
  }

  if (ctx.previousOrderWithPoNumber !== null && po.purpose !== 'change' && po.purpose !== 'replace' && po.purpose !== 'cancel') {
    const previous = ctx.previousOrderWithPoNumber;
    problems.push({
      code: 'ORDER.DUPLICATE_PO',
      message: `PO ${po.poNumber} was already received as sales order ${previous.salesOrderNumber ?? previous.salesOrderId}`,
      details: { poNumber: po.poNumber, ...previous },
    });
  }

  if (po.test) {
    problems.push({
      code: 'ORDER.TEST',
      message: `this is a test order from ${po.source.channel}`,
      details: { channel: po.source.channel },
    });
  }

  if (po.extraction && po.extraction.confidence < ctx.extractionConfidenceThreshold) {
    const threshold = ctx.extractionConfidenceThreshold;
    const lowFields = Object.entries(po.extraction.fields)
      .filter(([, confidence]) => confidence < threshold)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([field, confidence]) => ({ field, confidence }));
    problems.push({
      code: 'EXTRACTION.LOW_CONFIDENCE',
      message: `the document was read with confidence ${po.extraction.confidence}, below ${threshold}`,
      details: { confidence: po.extraction.confidence, threshold, lowFields, notes: po.extraction.notes },
    });
  }

  const shipTo = resolveShipTo(po, ctx.customer);
  switch (shipTo.status) {
    case 'missing':
      problems.push({ code: 'SHIPTO.MISSING', message: 'the order has no ship-to and the customer has no single default', details: {} });
      break;
    case 'unknown':
      problems.push({
        code: 'SHIPTO.UNKNOWN',
        message: `ship-to ${shipTo.code} is not one of the customer's ship-to locations`,
        details: { code: shipTo.code, known: ctx.customer?.shipToCodes ?? [] },
      });
      break;
    case 'matched':
    case 'implied':
    case 'one-time-address':
    case 'pending-customer':
      break;
    default: {
      const unreachable: never = shipTo;
      void unreachable;
    }
  }

  const orderDates: Array<[string, string | undefined]> = [
    ['requestedShipDate', po.requestedShipDate],
    ['requestedDeliveryDate', po.requestedDeliveryDate],
  ];
  for (const [field, date] of orderDates) {
    if (date !== undefined && date < today) {
      problems.push({
        code: 'DATE.REQUESTED_IN_PAST',
        message: `${field} ${date} is before today (${today})`,
        details: { field, date, today },
      });
    }
  }
  if (po.cancelAfterDate !== undefined && po.cancelAfterDate < today) {
    problems.push({
      code: 'DATE.CANCEL_AFTER_PASSED',
      message: `the buyer cancels anything not shipped by ${po.cancelAfterDate}, before today (${today})`,
      details: { cancelAfterDate: po.cancelAfterDate, today },
    });
  }

  po.lines.forEach((line, index) => {
    const lineCtx = ctx.lines[index];
    problems.push(...validateLine(line, index + 1, lineCtx, ctx.priceTolerance, today));
  });

  return { valid: problems.length === 0, problems, shipTo };
}

function validateLine(
  line: PurchaseOrderLine,
  lineNumber: number,
  ctx: LineValidationContext,
  tolerance: PriceTolerance,
  today: string,
): OrderProblem[] {
  const problems: OrderProblem[] = [];
  const label = `line ${lineNumber} (buyer line ${line.lineNumber})`;
  const at = (details: Record<string, unknown>) => ({ buyerLineNumber: line.lineNumber, ...details });

  if (!isDecimal(line.quantity) || compare(line.quantity, '0') <= 0) {
    problems.push({
      code: 'LINE.QUANTITY_NOT_POSITIVE',
      lineNumber,
      message: `${label}: quantity ${line.quantity} is not positive`,
      details: at({ quantity: line.quantity }),
    });
  } else {
    problems.push(...quantityBounds(line.quantity, line.uom, lineNumber, label, at({ quantity: line.quantity, uom: line.uom })));
  }
  const buyerPrice = line.unitPrice === undefined ? undefined : priceProblem(line.unitPrice);
  if (buyerPrice !== undefined) {
    problems.push({
      code: 'LINE.PRICE_OUT_OF_RANGE',
      lineNumber,
      message: `${label}: ${describeBoundProblem(buyerPrice, 'unit price', line.unitPrice ?? '')}`,
      details: at({ unitPrice: line.unitPrice, problem: buyerPrice }),
    });
  }
  if (line.requestedShipDate !== undefined && line.requestedShipDate < today) {
    problems.push({
      code: 'DATE.REQUESTED_IN_PAST',
      lineNumber,
      message: `${label}: requested ship date ${line.requestedShipDate} is before today (${today})`,
      details: at({ field: 'requestedShipDate', date: line.requestedShipDate, today }),
    });
  }

  const resolution = ctx.product;
  switch (resolution.status) {
    case 'unknown':
      problems.push({
        code: 'PRODUCT.UNKNOWN',
        lineNumber,
        message: `${label}: no product matches ${line.productIds.map((id) => `${id.qualifier} ${id.value}`).join(', ')}`,
        details: at({ productIds: line.productIds, attempts: resolution.attempts, description: line.description }),
      });
      return problems;
    case 'ambiguous':
      problems.push({
        code: 'PRODUCT.AMBIGUOUS',
        lineNumber,
        message: `${label}: identifiers point at different products (${resolution.candidates.map((c) => c.sku).join(', ')})`,
        details: at({ candidates: resolution.candidates.map((c) => c.sku), attempts: resolution.attempts }),
      });
      return problems;
    case 'matched':
      break;
    default: {
      const unreachable: never = resolution;
      return unreachable;
    }
  }

  const { product, matchedBy } = resolution;
  if (product.discontinued) {
    problems.push({
      code: 'PRODUCT.DISCONTINUED',
      lineNumber,
      message: `${label}: ${product.sku} is discontinued`,
      details: at({ sku: product.sku, matchedBy }),
    });
  }
  const uom = ctx.uom;
  if (uom === null || !uom.convertible) {
    problems.push({
      code: 'UOM.UNCONVERTIBLE',
      lineNumber,
      message: `${label}: ${product.sku} cannot be sold in ${line.uom}${uom ? ` (stocked in ${uom.baseUom})` : ''}`,
      details: at({ sku: product.sku, uom: line.uom, baseUom: uom?.baseUom }),
    });
    return problems;
  }

  if (isDecimal(line.quantity) && compare(line.quantity, '0') > 0) {
    // What the stock ledger reserves is the quantity in the product's base unit: it must fit and be whole too.
    const baseQuantity = mul(line.quantity, uom.baseUnitsPerOrderedUnit);
    if (uom.baseUom.trim().toUpperCase() !== line.uom.trim().toUpperCase()) {
      problems.push(
        ...quantityBounds(
          baseQuantity,
          uom.baseUom,
          lineNumber,
          `${label} in ${uom.baseUom}`,
          at({ quantity: line.quantity, uom: line.uom, baseQuantity, baseUom: uom.baseUom }),
        ),
      );
    }
    if (ctx.ourBaseUnitPrice !== null) {
      const amount = mul(baseQuantity, ctx.ourBaseUnitPrice);
      const amountProblem = priceProblem(round(amount, 4));
      if (amountProblem === 'too-large') {
        problems.push({
          code: 'LINE.AMOUNT_OUT_OF_RANGE',
          lineNumber,
          message: `${label}: ${describeBoundProblem(amountProblem, 'line amount', round(amount, 2))}`,
          details: at({ amount: round(amount, 2) }),
        });
      }
    }
  }

  if (line.unitPrice !== undefined && ctx.ourBaseUnitPrice !== null) {
    const ours = round(mul(ctx.ourBaseUnitPrice, uom.baseUnitsPerOrderedUnit), 4);
    const check = checkPrice(line.unitPrice, ours, tolerance);
    if (!check.withinTolerance) {
      problems.push({
        code: 'PRICE.MISMATCH',
        lineNumber,
        message: `${label}: buyer price ${line.unitPrice} per ${line.uom} differs from ours ${ours} by ${check.difference} (tolerance ${check.allowed})`,
        details: at({
          sku: product.sku,
          uom: line.uom,
          buyerUnitPrice: line.unitPrice,
          ourUnitPrice: ours,
          difference: check.difference,
          allowed: check.allowed,
          tolerance,
        }),
      });
    }
  }
  return problems;
}

export interface PriceCheck {
  withinTolerance: boolean;
  /** |buyer − ours|. */
  difference: DecimalString;
  /** The larger of the absolute tolerance and the percent of our price. */
  allowed: DecimalString;
}

export function checkPrice(buyer: DecimalString, ours: DecimalString, tolerance: PriceTolerance): PriceCheck {
  const signed = sub(buyer, ours);
  const difference = compare(signed, '0') < 0 ? sub('0', signed) : signed;
  const byPercent = div(mul(ours, tolerance.percent), '100');
  const allowed = compare(byPercent, tolerance.absolute) > 0 ? byPercent : tolerance.absolute;
  return { withinTolerance: compare(difference, allowed) <= 0, difference, allowed };
}

export function resolveShipTo(po: PurchaseOrder, customer: ValidationCustomer | null): ShipToResolution {
  const code = po.shipTo?.code?.trim();
  if (code) {
    if (customer === null) return { status: 'pending-customer', code };
    const known = customer.shipToCodes.find((c) => c.trim().toUpperCase() === code.toUpperCase());
    return known !== undefined ? { status: 'matched', code: known } : { status: 'unknown', code };
  }
  const party = po.shipTo;
  if (party?.address1 && party.city && (party.postalCode || party.country)) return { status: 'one-time-address' };
  // No location named: the customer's only one, else the one master data marks as default.
  const implied = customer?.shipToCodes.length === 1 ? customer.shipToCodes[0] : customer?.defaultShipToCode;
  return implied !== undefined ? { status: 'implied', code: implied } : { status: 'missing' };
}

function describeBuyer(po: PurchaseOrder): string {
  const parts = [po.buyer.customerId && `customer id ${po.buyer.customerId}`, po.buyer.name, po.buyer.email, `sender ${po.source.sender}`];
  return parts.filter(Boolean).join(', ');
}

/** A positive quantity the database cannot hold, or a fraction of a unit that counts pieces. */
function quantityBounds(
  quantity: DecimalString,
  uom: string,
  lineNumber: number,
  label: string,
  details: Record<string, unknown>,
): OrderProblem[] {
  const problem = quantityProblem(quantity, uom);
  if (problem === undefined || problem === 'not-positive' || problem === 'not-a-number' || problem === 'negative') return [];
  const message = `${label}: ${describeBoundProblem(problem, 'quantity', quantity, uom)}`;
  if (problem === 'not-integral')
    return [{ code: 'LINE.QUANTITY_NOT_INTEGRAL', lineNumber, message, details: { ...details, countsPieces: countsPieces(uom) } }];
  return [{ code: 'LINE.QUANTITY_OUT_OF_RANGE', lineNumber, message, details: { ...details, problem } }];
}
