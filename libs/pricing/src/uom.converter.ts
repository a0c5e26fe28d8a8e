/**
 * Unit-of-measure conversion between a product's units, through its base unit.
 *
 * Rounding rules:
 * - Conversions are computed exactly (bigint over the shared 6-place decimal scale), never through floats.
 * - By default the result must be a whole number of the target unit: 18 EA → 1.5 CS is refused with
 *   UOM.NOT_INTEGRAL rather than rounded, because rounding silently changes what the buyer ordered.
 * - With `allowFractional` (weights, lengths) the result is rounded to 6 places, half away from zero.
 * - The input itself may be fractional: 1.5 CS → 18 EA is fine, only the result is checked.
 * - Unit codes compare case-insensitively (X12 sends upper case, people type either).
 */
import { fromScaled, isDecimal, normalize, SCALE, toScaled, type DecimalString } from '@orderhub/contracts';
import { UomConversionError } from './pricing.errors';

const FACTOR = 10n ** BigInt(SCALE);

/** 1 `uom` = `toBase` units of the product's base uom (CS with toBase "12" means a case of 12 EA). */
export interface UomConversion {
  uom: string;
  toBase: DecimalString;
}

export interface ProductUoms {
  baseUom: string;
  conversions: readonly UomConversion[];
}

export interface ConvertOptions {
  allowFractional?: boolean;
}

/** Base units in one `uom`, or null when the product has no such unit. Exact. */
export function baseUnitsPer(uom: string, uoms: ProductUoms): DecimalString | null {
  const scaled = scaledFactor(uom, uoms);
  return scaled === null ? null : normalize(fromScaled(scaled, SCALE));
}

export function canConvert(from: string, to: string, uoms: ProductUoms): boolean {
  return scaledFactor(from, uoms) !== null && scaledFactor(to, uoms) !== null;
}

export function convertQuantity(
  quantity: DecimalString,
  from: string,
  to: string,
  uoms: ProductUoms,
  options: ConvertOptions = {},
): DecimalString {
  if (!isDecimal(quantity)) throw new UomConversionError('UOM.INVALID_CONVERSION', `quantity ${JSON.stringify(quantity)} is not a decimal`);
  const fromFactor = scaledFactor(from, uoms);
  const toFactor = scaledFactor(to, uoms);
  if (fromFactor === null || toFactor === null) {
    throw new UomConversionError('UOM.UNCONVERTIBLE', `cannot convert ${from} to ${to}: the product is stocked in ${uoms.baseUom}`, {
      from,
      to,
      baseUom: uoms.baseUom,
      known: [uoms.baseUom, ...uoms.conversions.map((c) => c.uom)],
    });
  }
  // result = (q / 10^S) × (f / 10^S) / (t / 10^S) = q·f / (t·10^S); scaled by 10^S that is q·f / t.
  const numerator = toScaled(quantity) * fromFactor;
  const wholeDenominator = toFactor * FACTOR;
  if (!options.allowFractional) {
    if (numerator % wholeDenominator !== 0n) {
      throw new UomConversionError('UOM.NOT_INTEGRAL', `${normalize(quantity)} ${from} is not a whole number of ${to}`, {
        quantity: normalize(quantity),
        from,
        to,
        exact: normalize(fromScaled(roundDiv(numerator, toFactor), SCALE)),
      });
    }
    return (numerator / wholeDenominator).toString();
  }
  return normalize(fromScaled(roundDiv(numerator, toFactor), SCALE));
}

export function toBaseQuantity(quantity: DecimalString, from: string, uoms: ProductUoms, options: ConvertOptions = {}): DecimalString {
  return convertQuantity(quantity, from, uoms.baseUom, uoms, options);
}

function scaledFactor(uom: string, uoms: ProductUoms): bigint | null {
  const code = uom.trim().toUpperCase();
  if (code === uoms.baseUom.trim().toUpperCase()) return FACTOR;
  const conversion = uoms.conversions.find((c) => c.uom.trim().toUpperCase() === code);
  if (!conversion) return null;
  if (!isDecimal(conversion.toBase) || toScaled(conversion.toBase) <= 0n) {
    throw new UomConversionError('UOM.INVALID_CONVERSION', `conversion ${conversion.uom} → ${uoms.baseUom} needs a factor > 0`, {
      uom: conversion.uom,
      toBase: conversion.toBase,
    });
  }
  return toScaled(conversion.toBase);
}

/** a / b rounded half away from zero (b > 0). */
function roundDiv(a: bigint, b: bigint): bigint {
  const negative = a < 0n;
  const abs = negative ? -a : a;
  const q = (abs * 2n + b) / (2n * b);
  return negative ? -q : q;
}
