import { add, InvoiceIssued } from '@orderhub/contracts';
import { partySegments, productIdElements, textCleaner, X12BuildOptions } from './x12-documents';
import { formatImplied2, formatReal, formatX12Date } from './x12-values';
import type { X12SegmentDraft, X12TransactionSetDraft } from './x12.writer';

/**
 * 810 invoice from InvoiceIssued, for 004010 and 005010. Amounts in TDS and SAC are N2 (two implied
 * decimals, "12345" is 123.45); prices and quantities are R.
 */
export interface Invoice810Options extends X12BuildOptions {
  /** DTM 011 shipped date; defaults to the invoice date (we invoice on shipment). */
  shippedDate?: string;
  /** CAD: carrier, when known (otherwise read from channelData.carrier). */
  carrier?: { scac?: string; routing?: string; mode?: string };
}

// SAC02 codes for our charge kinds when the event carries none (D240 freight, C310 discount, ZZZZ mutually defined).
function sacCode(kind: 'charge' | 'allowance', code: string | undefined): string {
  if (code && /^[A-Z]\d{3}$|^[A-Z]{4}$/.test(code)) return code;
  if (code && /ship|freight/i.test(code)) return 'D240';
  return kind === 'allowance' && code && /discount/i.test(code) ? 'C310' : 'ZZZZ';
}

function carrierOf(event: InvoiceIssued, options: Invoice810Options): { scac?: string; routing?: string; mode?: string } | undefined {
  if (options.carrier) return options.carrier;
  const raw = event.channelData['carrier'];
  if (raw && typeof raw === 'object') {
    const c = raw as Record<string, unknown>;
    const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
    const carrier = { scac: str(c.scac), routing: str(c.routing), mode: str(c.mode) };
    return carrier.scac || carrier.routing ? carrier : undefined;
  }
  return undefined;
}

export function buildInvoice810(event: InvoiceIssued, options: Invoice810Options): X12TransactionSetDraft {
  const clean = textCleaner(options.delimiters);
  const segments: X12SegmentDraft[] = [];
  segments.push([
    'BIG',
    formatX12Date(event.invoiceDate),
    event.invoiceNumber,
    event.poDate ? formatX12Date(event.poDate) : undefined,
    event.poNumber,
  ]);
  segments.push(['CUR', 'SE', event.currency]);
  segments.push(['REF', 'PO', event.poNumber]);
  segments.push(['REF', 'VN', event.salesOrderNumber]);
  segments.push(...partySegments('BT', event.billTo, clean));
  segments.push(...partySegments('ST', event.shipTo, clean));
  if (event.terms) {
    const { discountPercent, discountDays, netDays } = event.terms;
    segments.push([
      'ITD',
      discountPercent ? '08' : '05',
      '3',
      discountPercent ? formatReal(discountPercent) : undefined,
      undefined,
      discountDays !== undefined ? String(discountDays) : undefined,
      undefined,
      netDays !== undefined ? String(netDays) : undefined,
    ]);
  }
  segments.push(['DTM', '011', formatX12Date(options.shippedDate ?? event.invoiceDate)]);
  let hash = '0';
  for (const line of event.lines) {
    hash = add(hash, line.quantity);
    segments.push([
      'IT1',
      line.buyerLineNumber,
      formatReal(line.quantity),
      line.uom,
      formatReal(line.unitPrice),
      'PE',
      ...productIdElements(line.productIds),
    ]);
    const description = clean(line.description, 80);
    if (description) segments.push(['PID', 'F', undefined, undefined, undefined, description]);
  }
  segments.push(['TDS', formatImplied2(event.total)]);
  const carrier = carrierOf(event, options);
  if (carrier)
    segments.push(['CAD', clean(carrier.mode, 2) ?? 'M', undefined, undefined, clean(carrier.scac, 4), clean(carrier.routing, 35)]);
  for (const charge of event.charges) {
    const sac: Array<string | undefined> = [
      'SAC',
      charge.kind === 'charge' ? 'C' : 'A',
      sacCode(charge.kind, charge.code),
      undefined,
      undefined,
      formatImplied2(charge.amount),
    ];
    const description = clean(charge.description, 80);
    if (description) {
      while (sac.length < 15) sac.push(undefined);
      sac.push(description); // SAC15
    }
    segments.push(sac);
  }
  segments.push(['CTT', String(event.lines.length), formatReal(hash)]);
  return { id: '810', controlNumber: options.controlNumber, segments };
}
