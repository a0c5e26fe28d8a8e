/**
 * Calendar dates (YYYY-MM-DD) in the business's time zone. Purchase orders carry dates, not instants, so "is this
 * in the past" must be asked of today's date where the warehouse is, not of UTC.
 */
const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Building an Intl formatter costs far more than using one; orders ask for a handful of zones at most.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function businessDate(now: Date, timeZone = 'UTC'): string {
  if (timeZone === 'UTC') return now.toISOString().slice(0, 10);
  const parts = formatterFor(timeZone).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function addDays(isoDate: string, days: number): string {
  const match = ISO_DATE_RE.exec(isoDate);
  if (!match || !Number.isInteger(days)) throw new RangeError(`addDays(${JSON.stringify(isoDate)}, ${days})`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days);
  return new Date(ms).toISOString().slice(0, 10);
}

/** ISO dates order lexically. */
export function laterDate(a: string, b: string | undefined): string {
  return b !== undefined && b > a ? b : a;
}
