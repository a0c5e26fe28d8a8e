import { productIdElements, textCleaner, X12BuildOptions } from './x12-documents';
import { formatReal, formatX12Date } from './x12-values';
import type { X12SegmentDraft, X12TransactionSetDraft } from './x12.writer';
import type { ProductId } from '@orderhub/contracts';

/**
 * 846 inventory inquiry/advice: what we can promise a partner, item by item in the partner's own item numbers,
 * 004010 and 005010. BIA 00/DD (original, distributor inventory report); per item LIN (the partner's number
 * first, then ours), PID, QTY 33 (quantity available for sale) in the item's unit.
 */
export interface InventoryAdviceItem {
  productIds: ProductId[];
  description?: string;
  available: string;
  uom: string;
}

export interface InventoryAdvice {
  reportId: string;
  asOf: Date;
  items: InventoryAdviceItem[];
}

export function buildInventoryAdvice846(advice: InventoryAdvice, options: X12BuildOptions): X12TransactionSetDraft {
  const clean = textCleaner(options.delimiters);
  const segments: X12SegmentDraft[] = [
    ['BIA', '00', 'DD', advice.reportId.slice(0, 30), formatX12Date(advice.asOf), advice.asOf.toISOString().slice(11, 16).replace(':', '')],
  ];
  for (const item of advice.items) {
    segments.push(['LIN', undefined, ...productIdElements(item.productIds.slice(0, 14))]);
    const description = clean(item.description, 80);
    if (description) segments.push(['PID', 'F', undefined, undefined, undefined, description]);
    // Never a negative promise: an oversold item advertises zero.
    const available = item.available.startsWith('-') ? '0' : formatReal(item.available);
    segments.push(['QTY', '33', available, [item.uom]]);
  }
  segments.push(['CTT', String(advice.items.length)]);
  return { id: '846', controlNumber: options.controlNumber, segments };
}
