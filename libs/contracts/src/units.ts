import { isDecimal, toScaled } from './decimal';

/**
 * Units of measure the hub knows, each with one flag: whether it counts pieces. A piece-counting unit (each,
 * case, box...) takes whole quantities only: 2.5 boxes is a typo or a mapping error, never an order. Units
 * that measure (pounds, feet, litres...) take fractions. A unit not listed here is treated as measuring, so an
 * unusual partner unit is never refused for a fraction, only for being unknown to the product.
 */
export const UNITS_OF_MEASURE: Readonly<Record<string, { name: string; countsPieces: boolean }>> = {
  EA: { name: 'each', countsPieces: true },
  PC: { name: 'piece', countsPieces: true },
  CS: { name: 'case', countsPieces: true },
  CA: { name: 'case', countsPieces: true },
  BX: { name: 'box', countsPieces: true },
  PK: { name: 'pack', countsPieces: true },
  PR: { name: 'pair', countsPieces: true },
  DZ: { name: 'dozen', countsPieces: true },
  CT: { name: 'carton', countsPieces: true },
  BG: { name: 'bag', countsPieces: true },
  BD: { name: 'bundle', countsPieces: true },
  BO: { name: 'bottle', countsPieces: true },
  CN: { name: 'can', countsPieces: true },
  DR: { name: 'drum', countsPieces: true },
  KT: { name: 'kit', countsPieces: true },
  PL: { name: 'pallet', countsPieces: true },
  RL: { name: 'roll', countsPieces: true },
  ST: { name: 'set', countsPieces: true },
  TB: { name: 'tube', countsPieces: true },
  UN: { name: 'unit', countsPieces: true },
  LB: { name: 'pound', countsPieces: false },
  KG: { name: 'kilogram', countsPieces: false },
  OZ: { name: 'ounce', countsPieces: false },
  GR: { name: 'gram', countsPieces: false },
  FT: { name: 'foot', countsPieces: false },
  IN: { name: 'inch', countsPieces: false },
  YD: { name: 'yard', countsPieces: false },
  MR: { name: 'metre', countsPieces: false },
  GA: { name: 'gallon', countsPieces: false },
  GL: { name: 'gallon', countsPieces: false },
  LT: { name: 'litre', countsPieces: false },
  SF: { name: 'square foot', countsPieces: false },
  SY: { name: 'square yard', countsPieces: false },
  SM: { name: 'square metre', countsPieces: false },
};

export function countsPieces(uom: string): boolean {
  return UNITS_OF_MEASURE[uom.trim().toUpperCase()]?.countsPieces ?? false;
}

/**
 * What the database columns hold, checked at the door so a value we cannot store is refused (400) or sent to
 * an operator (exceptions queue) instead of failing deep inside the core:
 * - quantities: inventory and reservations are numeric(14,4), order lines numeric(16,6): below 10^10, at most
 *   4 decimals;
 * - unit prices, line amounts and order totals: numeric(16,4): below 10^12, at most 4 decimals.
 */
export const LIMITS = {
  quantity: { max: '9999999999.9999', places: 4 },
  price: { max: '999999999999.9999', places: 4 },
} as const;

export type BoundProblem = 'not-a-number' | 'not-positive' | 'negative' | 'too-large' | 'too-precise' | 'not-integral';

function decimalPlaces(value: string): number {
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.replace(/0+$/, '').length - dot - 1;
}

function beyond(value: string, max: string): boolean {
  return toScaled(value.startsWith('-') ? value.slice(1) : value) > toScaled(max);
}

/** Why an ordered (or stocked) quantity cannot be taken; undefined when it can. */
export function quantityProblem(value: string, uom?: string, options: { allowZero?: boolean } = {}): BoundProblem | undefined {
  const text = value.trim();
  if (!isDecimal(text)) return 'not-a-number';
  const scaled = toScaled(text);
  if (scaled < 0n || (scaled === 0n && !options.allowZero)) return options.allowZero ? 'negative' : 'not-positive';
  if (beyond(text, LIMITS.quantity.max)) return 'too-large';
  if (decimalPlaces(text) > LIMITS.quantity.places) return 'too-precise';
  if (uom !== undefined && countsPieces(uom) && scaled % 1_000_000n !== 0n) return 'not-integral';
  return undefined;
}

/** Why a price or amount cannot be stored; undefined when it can. Zero is a price (free goods). */
export function priceProblem(value: string): BoundProblem | undefined {
  const text = value.trim();
  if (!isDecimal(text)) return 'not-a-number';
  if (text.startsWith('-') && toScaled(text) !== 0n) return 'negative';
  if (beyond(text, LIMITS.price.max)) return 'too-large';
  if (decimalPlaces(text) > LIMITS.price.places) return 'too-precise';
  return undefined;
}

export function describeBoundProblem(problem: BoundProblem, what: string, value: string, uom?: string): string {
  switch (problem) {
    case 'not-a-number':
      return `${what} ${JSON.stringify(value)} is not a number`;
    case 'not-positive':
      return `${what} ${value} must be greater than zero`;
    case 'negative':
      return `${what} ${value} must not be negative`;
    case 'too-large':
      return `${what} ${value} is larger than the hub can hold (at most ${what.includes('price') || what.includes('amount') ? LIMITS.price.max : LIMITS.quantity.max})`;
    case 'too-precise':
      return `${what} ${value} has more than ${LIMITS.quantity.places} decimals`;
    case 'not-integral':
      return `${what} ${value} must be a whole number: ${uom ?? 'this unit'} counts pieces`;
    default: {
      const unreachable: never = problem;
      return unreachable;
    }
  }
}
