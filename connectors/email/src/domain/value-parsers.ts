import { normalize, type DecimalString } from '@orderhub/contracts';

export type NumberStyle = 'us' | 'eu' | 'auto';

const CURRENCY = /(?:US\$|\$|€|£|¥|₹|\b(?:USD|EUR|GBP|KWD|INR|CAD|AUD|CHF|Rs\.?)\b)/gi;

/**
 * Parses a printed money or quantity amount into an exact decimal string. "1,234.56", "1.234,56", "$ 1 234.56",
 * "(12.00)" (negative) and "12.00-" are understood; anything with letters left over is not a number.
 */
export function parseAmount(text: string, style: NumberStyle = 'auto'): DecimalString | null {
  let t = text.replace(CURRENCY, '').replace(/[\s\u00a0']/g, '');
  if (t === '') return null;
  let negative = false;
  if (/^\(.*\)$/.test(t)) {
    negative = true;
    t = t.slice(1, -1);
  }
  if (t.endsWith('-')) {
    negative = true;
    t = t.slice(0, -1);
  }
  if (t.startsWith('-')) {
    negative = !negative;
    t = t.slice(1);
  }
  if (!/^\d[\d.,]*$/.test(t)) return null;
  const lastDot = t.lastIndexOf('.');
  const lastComma = t.lastIndexOf(',');
  let decimalSep: '.' | ',' | null = null;
  if (lastDot >= 0 && lastComma >= 0) decimalSep = lastDot > lastComma ? '.' : ',';
  else if (lastComma >= 0) decimalSep = style === 'eu' || (style === 'auto' && /,\d{1,2}$/.test(t)) ? ',' : null;
  else if (lastDot >= 0) decimalSep = style === 'eu' && /^\d{1,3}(\.\d{3})+$/.test(t) ? null : '.';
  const thousands = decimalSep === ',' || (decimalSep === null && lastDot >= 0) ? '.' : ',';
  const [intPart, frac, extra] = t.split(decimalSep ?? '\u0000');
  if (extra !== undefined) return null;
  const grouped = intPart.split(thousands);
  if (grouped.length > 1 && !grouped.slice(1).every((g) => g.length === 3)) return null;
  const digits = grouped.join('');
  if (!/^\d+$/.test(digits) || (frac !== undefined && !/^\d+$/.test(frac))) return null;
  const value = frac !== undefined ? `${digits}.${frac}` : digits;
  return normalize(negative ? `-${value}` : value);
}

const UOMS = new Set([
  'EA',
  'EACH',
  'PC',
  'PCS',
  'CS',
  'CASE',
  'BX',
  'BOX',
  'PK',
  'PACK',
  'LB',
  'KG',
  'M',
  'FT',
  'DZ',
  'PR',
  'SET',
  'RL',
  'UNITS',
  'UNIT',
  'CT',
]);
const UOM_CODES: Record<string, string> = {
  EACH: 'EA',
  PC: 'EA',
  PCS: 'EA',
  UNITS: 'EA',
  UNIT: 'EA',
  CASE: 'CS',
  BOX: 'BX',
  PACK: 'PK',
  DZ: 'DZ',
  SET: 'SET',
};

/** "12", "1,200", "12 EA", "2.5 KG" → quantity and optional X12 unit of measure. */
export function parseQuantity(text: string, style: NumberStyle = 'auto'): { quantity: DecimalString; uom?: string } | null {
  // Thousands grouped by a space or an apostrophe ("1 200", "1'200") as French and Swiss documents print them.
  const t = text.trim().replace(/^(\d{1,3}(?:[ \u00a0\u202f'’]\d{3})+)(?=$|[.,\s])/, (g) => g.replace(/[ \u00a0\u202f'’]/g, ''));
  const m = /^([\d.,]+)\s*([A-Za-z]{1,5})?(?:\(s\))?\.?$/.exec(t);
  if (!m) return null;
  const quantity = parseAmount(m[1], style);
  if (quantity === null) return null;
  const unit = m[2]?.toUpperCase();
  if (unit && !UOMS.has(unit)) return null;
  return { quantity, ...(unit ? { uom: (UOM_CODES[unit] ?? unit).slice(0, 4) } : {}) };
}

export function parseUom(text: string): string | null {
  const u = text.trim().toUpperCase().replace(/\.$/, '');
  return UOMS.has(u) ? (UOM_CODES[u] ?? u).slice(0, 4) : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

export type DateOrder = 'MDY' | 'DMY' | 'YMD';

export interface ParsedDate {
  iso: string;
  /** Numeric day/month both ≤ 12 and no order known: the reading is a guess. */
  ambiguous: boolean;
  /** The raw numeric pattern's first two fields, for inferring the document's date order. */
  numeric?: { first: number; second: number; separator: string };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_RE =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

function iso(y: number, m: number, d: number): string | null {
  if (y < 100) y += 2000;
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1990 || y > 2100) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const monthIndex = (name: string): number => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;

/**
 * Finds the first date in `text`. `order` says how to read numeric day/month pairs; without it a pair whose
 * fields are both ≤ 12 is read month-first and marked ambiguous. Dotted dates (15.03.2024) are day-first by
 * convention everywhere they are used.
 */
export function parseDate(text: string, order?: DateOrder): ParsedDate | null {
  const t = text.trim();
  let m = /\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/.exec(t);
  if (m) {
    const v = iso(+m[1], +m[2], +m[3]);
    if (v) return { iso: v, ambiguous: false };
  }
  m = new RegExp(`\\b${MONTH_RE}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i').exec(t);
  if (m) {
    const v = iso(+m[3], monthIndex(m[1]), +m[2]);
    if (v) return { iso: v, ambiguous: false };
  }
  m = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?[\\s-]+${MONTH_RE}\\.?[\\s-,]+(\\d{2,4})\\b`, 'i').exec(t);
  if (m) {
    const v = iso(+m[3], monthIndex(m[2]), +m[1]);
    if (v) return { iso: v, ambiguous: false };
  }
  m = /\b(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})\b/.exec(t);
  if (m) {
    const a = +m[1];
    const b = +m[3];
    const y = +m[4];
    const numeric = { first: a, second: b, separator: m[2] };
    if (m[2] === '.' && !order) order = 'DMY';
    if (a > 12 && b <= 12) return wrap(iso(y, b, a), false, numeric);
    if (b > 12 && a <= 12) return wrap(iso(y, a, b), false, numeric);
    if (a === b) return wrap(iso(y, a, b), false, numeric);
    if (order === 'DMY') return wrap(iso(y, b, a), false, numeric);
    if (order === 'MDY') return wrap(iso(y, a, b), false, numeric);
    return wrap(iso(y, a, b), true, numeric);
  }
  return null;
}

function wrap(v: string | null, ambiguous: boolean, numeric: ParsedDate['numeric']): ParsedDate | null {
  return v ? { iso: v, ambiguous, numeric } : null;
}

/**
 * Infers a document's numeric date order from all its dates: one date with a day above 12 settles it. Returns
 * undefined when nothing settles it, or when the document contradicts itself.
 */
export function inferDateOrder(texts: string[]): DateOrder | undefined {
  let dmy = false;
  let mdy = false;
  for (const text of texts) {
    for (const m of text.matchAll(/\b(\d{1,2})([/-])(\d{1,2})\2(?:\d{4}|\d{2})\b/g)) {
      const a = +m[1];
      const b = +m[3];
      if (a > 12 && b <= 12) dmy = true;
      if (b > 12 && a <= 12) mdy = true;
    }
  }
  if (dmy === mdy) return undefined;
  return dmy ? 'DMY' : 'MDY';
}
