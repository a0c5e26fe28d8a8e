import { DecimalString, isDecimal, normalize, toScaled } from '@orderhub/contracts';

/**
 * Conversions between X12 data element types and the canonical model. Numbers stay decimal strings end
 * to end (R: explicit decimal point, N2: two implied decimals); dates become ISO YYYY-MM-DD.
 */

/** X12 'R' (real): "12", "12.5", ".5", "5.", "-3". Returns a canonical decimal string or undefined. */
export function parseReal(value: string | undefined): DecimalString | undefined {
  if (value === undefined) return undefined;
  const fast = canonicalDecimal(value);
  if (fast !== undefined) return fast;
  let text = value.trim();
  if (text === '') return undefined;
  if (text.startsWith('+')) text = text.slice(1);
  if (/^-?\.\d+$/.test(text)) text = text.replace('.', '0.');
  if (/^-?\d+\.$/.test(text)) text = text.slice(0, -1);
  return isDecimal(text) ? normalize(text) : undefined;
}

/**
 * The canonical form of a plain decimal ("007.50" → "7.5") without bigint arithmetic, for the common case of
 * digits with at most six decimals (what normalize would return); undefined sends the caller the slow way.
 */
function canonicalDecimal(text: string): DecimalString | undefined {
  const length = text.length;
  if (length === 0 || length > 18) return undefined;
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  const negative = i === 1;
  let intStart = i;
  let dot = -1;
  for (; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 && dot < 0) dot = i;
    else if (c < 48 || c > 57) return undefined;
  }
  const intEnd = dot < 0 ? length : dot;
  if (intEnd === intStart || (dot >= 0 && (dot === length - 1 || length - dot - 1 > 6))) return undefined;
  while (intStart < intEnd - 1 && text.charCodeAt(intStart) === 48) intStart++;
  let fracEnd = length;
  if (dot >= 0) while (fracEnd > dot + 1 && text.charCodeAt(fracEnd - 1) === 48) fracEnd--;
  const whole = text.slice(intStart, intEnd);
  const result = dot >= 0 && fracEnd > dot + 1 ? `${whole}.${text.slice(dot + 1, fracEnd)}` : whole;
  return negative && result !== '0' ? `-${result}` : result;
}

/** X12 'N2' (implied two decimals): "12345" is 123.45. */
export function parseImplied2(value: string | undefined): DecimalString | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (!/^-?\d+$/.test(text)) return undefined;
  const negative = text.startsWith('-');
  const digits = (negative ? text.slice(1) : text).padStart(3, '0');
  return normalize(`${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`);
}

/** Decimal string to N2 ("123.45" → "12345"), rounding half away from zero to cents. */
export function formatImplied2(value: DecimalString): string {
  const scaled = toScaled(value); // 10^6
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  const cents = (abs + 5_000n) / 10_000n;
  return `${negative && cents !== 0n ? '-' : ''}${cents.toString()}`;
}

/** Decimal string to X12 'R': no trailing zeros, no exponent ("12.50" → "12.5"). */
export function formatReal(value: DecimalString): string {
  return normalize(value);
}

/** CCYYMMDD or YYMMDD (window: 00–49 → 20xx, 50–99 → 19xx) to YYYY-MM-DD, or undefined if not a real date (1900–2199). */
export function parseX12Date(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  let year: number;
  let rest: string;
  if (/^\d{8}$/.test(text)) {
    year = Number(text.slice(0, 4));
    rest = text.slice(4);
  } else if (/^\d{6}$/.test(text)) {
    const yy = Number(text.slice(0, 2));
    year = yy < 50 ? 2000 + yy : 1900 + yy;
    rest = text.slice(2);
  } else return undefined;
  const month = Number(rest.slice(0, 2));
  const day = Number(rest.slice(2, 4));
  // A purchase order dated in year 123 is a typo, not history.
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** ISO date or date-time (YYYY-MM-DD...) to CCYYMMDD. */
export function formatX12Date(iso: string | Date): string {
  const text = iso instanceof Date ? iso.toISOString() : iso;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!match) throw new Error(`not an ISO date: ${text}`);
  return `${match[1]}${match[2]}${match[3]}`;
}

/** UTC parts of a date for ISA09/ISA10 and GS04/GS05. */
export function x12DateParts(date: Date): { ccyymmdd: string; yymmdd: string; hhmm: string } {
  const iso = date.toISOString();
  const ccyymmdd = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}`;
  return { ccyymmdd, yymmdd: ccyymmdd.slice(2), hhmm: `${iso.slice(11, 13)}${iso.slice(14, 16)}` };
}

/**
 * Free text (names, descriptions, addresses) may contain a partner's delimiter. The writer refuses such
 * values; builders pass free text through this first, replacing any delimiter char with a space, so an
 * address with a "*" never makes an 855 impossible. Identifiers are never sanitized (they must be exact).
 */
export function sanitizeText(value: string, delimiterChars: readonly string[]): string {
  let out = '';
  for (const c of value) out += delimiterChars.includes(c) || c === '\r' || c === '\n' ? ' ' : c;
  return out.replace(/\s+/g, ' ').trim();
}
