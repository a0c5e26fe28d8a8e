import { add, compare, sub, type InvoiceIssued } from '@orderhub/contracts';
import { partySegments, productIdElements, textCleaner, X12BuildOptions } from './x12-documents';
import { formatReal, formatX12Date } from './x12-values';
import type { X12SegmentDraft, X12TransactionSetDraft } from './x12.writer';

/**
 * 856 ship notice from a recorded shipment (carried by the shipment's InvoiceIssued, so it is written just before
 * the 810), 004010 and 005010. Hierarchy shipment / order / pack / item (BSN05 0001): the shipment level carries
 * carrier (TD5), tracking number (REF CN), ship date and ship-to; the order level the PO (PRF); one pack level per
 * carton with its SSCC-18 (MAN GM); items (LIN, SN1 quantity shipped, PID) under their carton, or under the order
 * when no cartons were recorded.
 */
export type ShipNotice856Options = X12BuildOptions;

type Line = InvoiceIssued['lines'][number];

const SCAC = /^[A-Z]{2,4}$/;

export function buildShipNotice856(event: InvoiceIssued, options: ShipNotice856Options): X12TransactionSetDraft {
  const clean = textCleaner(options.delimiters);
  const shipment = event.shipment ?? { shippedAt: `${event.invoiceDate}T00:00:00Z`, cartons: [] };
  const shippedAt = new Date(shipment.shippedAt);
  const date = formatX12Date(Number.isNaN(shippedAt.getTime()) ? new Date() : shippedAt);
  const time = (Number.isNaN(shippedAt.getTime()) ? new Date() : shippedAt).toISOString().slice(11, 16).replace(':', '');
  const segments: X12SegmentDraft[] = [];
  // BSN02: our shipment, as the buyer will quote it back (order number + shipment id prefix, at most 30).
  segments.push([
    'BSN',
    '00',
    `${event.salesOrderNumber}-${event.shipmentId.replace(/-/g, '').slice(0, 8)}`.slice(0, 30),
    date,
    time,
    '0001',
  ]);
  let hl = 0;
  const hlSegment = (parent: number | undefined, level: string, hasChildren: boolean): X12SegmentDraft => {
    hl++;
    return ['HL', String(hl), parent === undefined ? undefined : String(parent), level, hasChildren ? '1' : '0'];
  };

  const cartons = shipment.cartons;
  segments.push(hlSegment(undefined, 'S', true));
  const shipmentLevel = hl;
  segments.push(['TD1', 'CTN', String(Math.max(cartons.length, 1))]);
  const carrier = clean(shipment.carrier, 35);
  if (carrier)
    segments.push(SCAC.test(carrier) ? ['TD5', undefined, '2', carrier] : ['TD5', undefined, undefined, undefined, undefined, carrier]);
  const tracking = clean(shipment.trackingNumber, 30);
  if (tracking) segments.push(['REF', 'CN', tracking]);
  segments.push(['DTM', '011', date, time]);
  segments.push(...partySegments('ST', event.shipTo, clean));

  segments.push(hlSegment(shipmentLevel, 'O', true));
  const orderLevel = hl;
  segments.push(['PRF', event.poNumber, undefined, undefined, event.poDate ? formatX12Date(event.poDate) : undefined]);

  const byNumber = new Map(event.lines.map((l) => [l.lineNumber, l]));
  const packed = new Map<number, string>();
  for (const carton of cartons) {
    segments.push(hlSegment(orderLevel, 'P', carton.lines.length > 0));
    const packLevel = hl;
    if (carton.sscc) segments.push(['MAN', 'GM', carton.sscc]);
    for (const content of carton.lines) {
      const line = byNumber.get(content.lineNumber);
      if (!line) continue;
      packed.set(line.lineNumber, addQuantity(packed.get(line.lineNumber), content.quantity));
      segments.push(hlSegment(packLevel, 'I', false), ...itemSegments(line, content.quantity, clean));
    }
  }
  // What no carton holds ships loose under the order.
  for (const line of event.lines) {
    const loose = subtractQuantity(line.quantity, packed.get(line.lineNumber));
    if (loose !== undefined) segments.push(hlSegment(orderLevel, 'I', false), ...itemSegments(line, loose, clean));
  }
  segments.push(['CTT', String(hl)]);
  return { id: '856', controlNumber: options.controlNumber, segments };
}

function itemSegments(line: Line, quantity: string, clean: ReturnType<typeof textCleaner>): X12SegmentDraft[] {
  const ids = line.productIds.length > 0 ? productIdElements(line.productIds) : ['VN', line.sku];
  const out: X12SegmentDraft[] = [
    ['LIN', line.buyerLineNumber.slice(0, 20), ...ids],
    ['SN1', undefined, formatReal(quantity), line.uom],
  ];
  const description = clean(line.description, 80);
  if (description) out.push(['PID', 'F', undefined, undefined, undefined, description]);
  return out;
}

function addQuantity(a: string | undefined, b: string): string {
  return a === undefined ? b : add(a, b);
}

/** What is left of a line once its cartons are counted; undefined when nothing is. */
function subtractQuantity(total: string, packed: string | undefined): string | undefined {
  if (packed === undefined) return total;
  const rest = sub(total, packed);
  return compare(rest, '0') > 0 ? rest : undefined;
}
