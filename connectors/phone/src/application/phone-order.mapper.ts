import { PurchaseOrder, PurchaseOrderInput, purchaseOrderSchema, priorityFromText } from '@orderhub/contracts';

export interface PhoneOrderForm {
  customerId: string;
  poNumber?: string;
  shipToCode?: string;
  lines: Array<{ sku: string; quantity: string; uom?: string }>;
  notes?: string;
  priority?: 'normal' | 'rush' | 'urgent';
  requestedShipDate?: string;
}

/**
 * The phone form becomes the same canonical purchase order every channel produces. Without a buyer's PO
 * number the order gets one of ours (PHONE-<date>-<n>), so duplicates of a real PO number are still caught.
 */
export function phoneOrderToPurchaseOrder(
  form: PhoneOrderForm,
  source: { rawDocumentId: string; operator: string; receivedAt: Date },
): PurchaseOrder {
  const poNumber =
    form.poNumber?.trim() ||
    `PHONE-${source.receivedAt.toISOString().slice(0, 10).replace(/-/g, '')}-${source.rawDocumentId.slice(0, 8).toUpperCase()}`;
  return purchaseOrderSchema.parse({
    schemaVersion: 1,
    source: { channel: 'phone', rawDocumentId: source.rawDocumentId, sender: source.operator, receivedAt: source.receivedAt.toISOString() },
    buyer: { customerId: form.customerId },
    poNumber,
    poDate: source.receivedAt.toISOString().slice(0, 10),
    requestedShipDate: form.requestedShipDate,
    shipTo: form.shipToCode ? { role: 'ST', code: form.shipToCode } : undefined,
    notes: form.notes ? [form.notes] : [],
    priority: form.priority && form.priority !== 'normal' ? form.priority : priorityFromText(form.notes),
    lines: form.lines.map((l, i) => ({
      lineNumber: String(i + 1),
      quantity: l.quantity,
      uom: (l.uom ?? 'EA').toUpperCase(),
      productIds: [{ qualifier: 'VN', value: l.sku }],
    })),
  } satisfies PurchaseOrderInput);
}
