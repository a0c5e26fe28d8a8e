/**
 * What we promise for each line, in the vocabulary of the X12 855 (ACK01), and the order-level outcome (BAK02).
 *
 * Decisions:
 * - Stock is allocated in WHOLE ORDERED UNITS: a buyer who orders cases gets cases, never a broken case. With 18 EA
 *   on hand and 2 CS (24 EA) ordered, 1 CS is accepted and 1 CS backordered.
 * - A line can carry several acknowledgements, as 855s do (one ACK segment each), in `acks`:
 *     all available          → [IA n]                      status accepted,         ackCode IA
 *     all available, price ≠ → [IP n]                      status price-changed,    ackCode IP
 *     partly available       → [IA a, IB b]                status backordered,      ackCode IB
 *     none available         → [IB n]                      status backordered,      ackCode IB
 *   and when the policy cancels remainders instead of backordering them:
 *     partly available       → [IQ a]                      status quantity-changed, ackCode IQ
 *     none available         → [IR n]                      status rejected,         ackCode IR
 *   A rejected line (discontinued, refused by an operator, quantity ≤ 0) → [IR n], status rejected.
 *   The line's `status`/`ackCode` is its most significant change: IR > IB > IQ > IP > IA. A price change on a
 *   partly backordered line shows as IP on the accepted part and as the unit price on the IB part.
 * - `unitPrice` is ours (the price we invoice), per ORDERED unit; it differs from the buyer's when their price
 *   was within tolerance or an operator approved a mismatch, and then the line says IP.
 * - Ship dates: the accepted part ships today, or on the buyer's requested ship date if later (we do not ship
 *   early); the backordered part ships `backorderLeadDays` calendar days from today, or later if requested.
 *   The line's `scheduledShipDate` is when its last part ships; the order's is when its first shipment leaves.
 */
import {
  add,
  compare,
  fromScaled,
  money,
  mul,
  normalize,
  round,
  SCALE,
  sub,
  toScaled,
  type DecimalString,
  type LineDecision,
  type PurchaseOrderLine,
} from '@orderhub/contracts';
import { addDays, businessDate, laterDate } from './business-date';

export type AckCode = LineDecision['ackCode'];
export type LineStatus = LineDecision['status'];
export type OrderOutcome = 'accepted' | 'accepted-with-changes' | 'rejected';

export interface LineAck {
  code: AckCode;
  /** In the ordered unit. */
  quantity: DecimalString;
  unitPrice: DecimalString;
  scheduledShipDate?: string;
}

export interface LineDecisionPolicy {
  /** `backorder` the shortfall, or `cancel-remainder` (ship what is there, drop the rest). */
  shortage: 'backorder' | 'cancel-remainder';
  /** Calendar days from today until a backorder is expected to ship. */
  backorderLeadDays: number;
  now: Date;
  /** IANA zone of the warehouse calendar; default UTC. */
  timeZone?: string;
}

export interface LineDecisionInput {
  /** Our 1-based line position. */
  lineNumber: number;
  line: PurchaseOrderLine;
  /** The order-level requested ship date, used when the line has none. */
  orderRequestedShipDate?: string;
  sku: string;
  baseUom: string;
  /** Base units in one ordered unit ("12" for a case of 12 EA; "1" when ordered in the base unit). */
  baseUnitsPerOrderedUnit: DecimalString;
  /** Available to promise, in the base unit; negative (oversold) counts as none. */
  availableBaseQuantity: DecimalString;
  /** Our price per base unit (from @orderhub/pricing). */
  baseUnitPrice: DecimalString;
  /** Set to refuse the line whatever the stock (discontinued, refused by an operator). */
  rejectReason?: string;
}

/** A LineDecision (assignable to the contract type) plus the detail behind it. */
export interface DecidedLine extends LineDecision {
  acks: LineAck[];
  rejectReason?: string;
  allocation: { baseUom: string; ordered: DecimalString; accepted: DecimalString; backordered: DecimalString };
}

export function decideLine(input: LineDecisionInput, policy: LineDecisionPolicy): DecidedLine {
  const { line, baseUnitsPerOrderedUnit: factor } = input;
  if (compare(factor, '0') <= 0) throw new RangeError(`line ${input.lineNumber}: baseUnitsPerOrderedUnit must be > 0`);
  const today = businessDate(policy.now, policy.timeZone);
  const requested = line.requestedShipDate ?? input.orderRequestedShipDate;
  const shipDate = laterDate(today, requested);
  const backorderDate = laterDate(addDays(today, policy.backorderLeadDays), requested);

  const ordered = normalize(line.quantity);
  const unitPrice = formatPrice(mul(input.baseUnitPrice, factor));
  const priceChanged = line.unitPrice !== undefined && compare(line.unitPrice, unitPrice) !== 0;

  const rejectReason = input.rejectReason ?? (compare(ordered, '0') <= 0 ? 'quantity is not positive' : undefined);
  const accepted = rejectReason ? '0' : wholeUnitsAvailable(ordered, factor, input.availableBaseQuantity);
  const shortfall = sub(ordered, accepted);
  const backordered = !rejectReason && policy.shortage === 'backorder' ? shortfall : '0';

  const acks: LineAck[] = [];
  let status: LineStatus;
  if (rejectReason) {
    acks.push({ code: 'IR', quantity: ordered, unitPrice });
    status = 'rejected';
  } else if (compare(shortfall, '0') === 0) {
    acks.push({ code: priceChanged ? 'IP' : 'IA', quantity: accepted, unitPrice, scheduledShipDate: shipDate });
    status = priceChanged ? 'price-changed' : 'accepted';
  } else if (policy.shortage === 'backorder') {
    if (compare(accepted, '0') > 0)
      acks.push({ code: priceChanged ? 'IP' : 'IA', quantity: accepted, unitPrice, scheduledShipDate: shipDate });
    acks.push({ code: 'IB', quantity: backordered, unitPrice, scheduledShipDate: backorderDate });
    status = 'backordered';
  } else if (compare(accepted, '0') > 0) {
    acks.push({ code: 'IQ', quantity: accepted, unitPrice, scheduledShipDate: shipDate });
    status = 'quantity-changed';
  } else {
    acks.push({ code: 'IR', quantity: ordered, unitPrice });
    status = 'rejected';
  }

  const decision: DecidedLine = {
    lineNumber: input.lineNumber,
    buyerLineNumber: line.lineNumber,
    sku: input.sku,
    productIds: line.productIds,
    uom: line.uom,
    orderedQuantity: ordered,
    acceptedQuantity: accepted,
    backorderedQuantity: backordered,
    unitPrice,
    status,
    ackCode: ackCodeFor(status),
    acks,
    allocation: {
      baseUom: input.baseUom,
      ordered: mul(ordered, factor),
      accepted: mul(accepted, factor),
      backordered: mul(backordered, factor),
    },
  };
  if (line.description !== undefined) decision.description = line.description;
  if (line.unitPrice !== undefined) decision.buyerUnitPrice = line.unitPrice;
  if (rejectReason !== undefined) decision.rejectReason = rejectReason;
  const lastDate = acks.at(-1)?.scheduledShipDate;
  if (lastDate !== undefined) decision.scheduledShipDate = lastDate;
  return decision;
}

export function ackCodeFor(status: LineStatus): AckCode {
  switch (status) {
    case 'accepted':
      return 'IA';
    case 'rejected':
      return 'IR';
    case 'backordered':
      return 'IB';
    case 'quantity-changed':
      return 'IQ';
    case 'price-changed':
      return 'IP';
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}

/** Whether an ACK code tells the buyer something differs from their PO. */
export function isChange(code: AckCode): boolean {
  switch (code) {
    case 'IA':
      return false;
    case 'IR':
    case 'IB':
    case 'IQ':
    case 'IP':
    case 'IC':
      return true;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

export interface OrderDecision {
  /** BAK02: accepted (AD) when every line is IA, rejected (RJ) when every line is IR, otherwise AC. */
  outcome: OrderOutcome;
  /** What the buyer will be invoiced if everything promised ships: Σ (accepted + backordered) × unitPrice. */
  total: DecimalString;
  /** When the first shipment leaves; absent when nothing will ship. */
  scheduledShipDate?: string;
}

export function decideOrder(lines: readonly DecidedLine[]): OrderDecision {
  if (lines.length === 0) throw new RangeError('an order decision needs at least one line');
  const allRejected = lines.every((l) => l.status === 'rejected');
  const anyChange = lines.some((l) => l.acks.some((a) => isChange(a.code)));
  const outcome: OrderOutcome = allRejected ? 'rejected' : anyChange ? 'accepted-with-changes' : 'accepted';
  const total = money(add('0', ...lines.map((l) => mul(add(l.acceptedQuantity, l.backorderedQuantity), l.unitPrice))));
  const dates = lines
    .flatMap((l) => l.acks.map((a) => a.scheduledShipDate))
    .filter((d): d is string => d !== undefined)
    .sort();
  const decision: OrderDecision = { outcome, total };
  if (dates[0] !== undefined) decision.scheduledShipDate = dates[0];
  return decision;
}

/** Whole ordered units coverable by the stock, capped at what was ordered. */
function wholeUnitsAvailable(ordered: DecimalString, factor: DecimalString, availableBase: DecimalString): DecimalString {
  const available = toScaled(availableBase);
  if (available <= 0n) return '0';
  if (compare(mul(ordered, factor), availableBase) <= 0) return ordered;
  // floor(available / factor) as an integer count; both are scaled alike, so the scale cancels.
  const units = available / toScaled(factor);
  const capped = toScaled(ordered) < units * 10n ** BigInt(SCALE) ? toScaled(ordered) : units * 10n ** BigInt(SCALE);
  return normalize(fromScaled(capped, SCALE));
}

/** Money with at least 2 places and at most 4 (sub-cent unit prices survive; "12.5" reads "12.50"). */
function formatPrice(value: DecimalString): DecimalString {
  const four = round(value, 4);
  return four.endsWith('00') ? money(four) : normalize(four);
}
