import type { ProductId } from '@orderhub/contracts';
import { DEFAULT_DELIMITERS, X12Delimiters } from './x12-delimiters';
import type { X12SegmentDraft } from './x12.writer';
import { sanitizeText } from './x12-values';

/** GS01 functional identifier per transaction set. */
export const FUNCTIONAL_IDS = {
  '850': 'PO',
  '855': 'PR',
  '810': 'IN',
  '856': 'SH',
  '860': 'PC',
  '865': 'CA',
  '846': 'IB',
  '997': 'FA',
  '999': 'FA',
} as const;

/** Versions our outbound documents are written in (GS08). */
export type X12DocumentVersion = '004010' | '005010';

export interface X12BuildOptions {
  version: X12DocumentVersion;
  /** ST02 for the set; the caller owns the sequence. */
  controlNumber: string | number;
  /** The partner's delimiters: free text is cleaned of them (identifiers are not, the writer refuses those). */
  delimiters?: X12Delimiters;
}

/** Product id pairs from element 6 on (PO106/107, IT106/107...), at most ten pairs as X12 allows. */
export function productIdElements(productIds: readonly ProductId[]): string[] {
  return productIds.slice(0, 10).flatMap((p) => [p.qualifier, p.value]);
}

export function textCleaner(delimiters: X12Delimiters = DEFAULT_DELIMITERS): (value: unknown, max?: number) => string | undefined {
  const chars = [delimiters.element, delimiters.component, delimiters.segment, ...(delimiters.repetition ? [delimiters.repetition] : [])];
  return (value, max = 60) => {
    if (typeof value !== 'string') return undefined;
    const cleaned = sanitizeText(value, chars).slice(0, max);
    return cleaned === '' ? undefined : cleaned;
  };
}

/** N1/N2/N3/N4 for a party record (the loosely typed shipTo/billTo of the events). */
export function partySegments(
  role: string,
  party: Record<string, unknown> | undefined,
  clean: ReturnType<typeof textCleaner>,
): X12SegmentDraft[] {
  if (!party) return [];
  const name = clean(party.name);
  const code = clean(party.code, 80);
  if (!name && !code) return [];
  const qualifier = code ? (clean(party.idQualifier, 2) ?? '92') : undefined;
  const segments: X12SegmentDraft[] = [['N1', role, name ?? code, qualifier, code]];
  const name2 = clean(party.name2);
  if (name2) segments.push(['N2', name2]);
  const address1 = clean(party.address1, 55);
  if (address1) segments.push(['N3', address1, clean(party.address2, 55)]);
  const city = clean(party.city, 30);
  if (city) segments.push(['N4', city, clean(party.region, 2), clean(party.postalCode, 15), clean(party.country, 3)]);
  return segments;
}
