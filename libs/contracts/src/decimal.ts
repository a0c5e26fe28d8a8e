/**
 * Exact decimal arithmetic for money and quantities. Values travel as decimal strings ("12.50") and are
 * computed as bigint scaled by 10^SCALE, so no binary float ever touches a price.
 */
export const SCALE = 6;
const FACTOR = 10n ** BigInt(SCALE);
const DECIMAL_RE = /^-?\d+(\.\d+)?$/;

export type DecimalString = string;

export function isDecimal(value: string): boolean {
  return DECIMAL_RE.test(value);
}

/** Parses "12.5" into 12500000n (scaled). Throws on anything that is not a plain decimal. */
export function toScaled(value: DecimalString): bigint {
  const text = value.trim();
  if (!DECIMAL_RE.test(text)) throw new Error(`not a decimal: ${JSON.stringify(value)}`);
  const negative = text.startsWith('-');
  const [intPart, fracPart = ''] = (negative ? text.slice(1) : text).split('.');
  const frac = fracPart.length > SCALE ? roundFraction(intPart, fracPart) : null;
  const scaled = frac ?? BigInt(intPart) * FACTOR + BigInt(fracPart.padEnd(SCALE, '0') || '0');
  return negative ? -scaled : scaled;
}

function roundFraction(intPart: string, fracPart: string): bigint {
  const kept = BigInt(intPart) * FACTOR + BigInt(fracPart.slice(0, SCALE));
  return Number(fracPart[SCALE]) >= 5 ? kept + 1n : kept;
}

/** Formats a scaled bigint with exactly `places` decimals (half away from zero). */
export function fromScaled(scaled: bigint, places = 2): DecimalString {
  const negative = scaled < 0n;
  let abs = negative ? -scaled : scaled;
  const drop = 10n ** BigInt(SCALE - places);
  abs = (abs + drop / 2n) / drop;
  const unit = 10n ** BigInt(places);
  const whole = abs / unit;
  const frac = (abs % unit).toString().padStart(places, '0');
  const text = places > 0 ? `${whole}.${frac}` : `${whole}`;
  return negative && abs !== 0n ? `-${text}` : text;
}

/** Canonical text: no trailing zeros beyond what is needed ("12.50" → "12.5", "3.000" → "3"). */
export function normalize(value: DecimalString): DecimalString {
  const text = fromScaled(toScaled(value), SCALE);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

export function add(...values: DecimalString[]): DecimalString {
  return normalize(
    fromScaled(
      values.reduce((sum, v) => sum + toScaled(v), 0n),
      SCALE,
    ),
  );
}

export function sub(a: DecimalString, b: DecimalString): DecimalString {
  return normalize(fromScaled(toScaled(a) - toScaled(b), SCALE));
}

export function mul(a: DecimalString, b: DecimalString): DecimalString {
  const product = toScaled(a) * toScaled(b);
  const half = product >= 0n ? FACTOR / 2n : -FACTOR / 2n;
  return normalize(fromScaled((product + half) / FACTOR, SCALE));
}

/** a / b rounded to SCALE places. */
export function div(a: DecimalString, b: DecimalString): DecimalString {
  const divisor = toScaled(b);
  if (divisor === 0n) throw new Error('division by zero');
  const numerator = toScaled(a) * FACTOR;
  const q = (numerator * 2n + divisor) / (2n * divisor);
  return normalize(fromScaled(q, SCALE));
}

export function compare(a: DecimalString, b: DecimalString): -1 | 0 | 1 {
  const x = toScaled(a);
  const y = toScaled(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function round(value: DecimalString, places: number): DecimalString {
  return fromScaled(toScaled(value), places);
}

export function isPositive(value: DecimalString): boolean {
  return toScaled(value) > 0n;
}

/** Money for display and documents: two places. */
export function money(value: DecimalString): DecimalString {
  return fromScaled(toScaled(value), 2);
}
