import type { ProductId, PurchaseOrderChangeReceived } from '@orderhub/contracts';
import { X12Defect, x12Defect } from './x12-defects';
import type { X12Segment, X12TransactionSet } from './x12-envelope.model';
import { parseReal, parseX12Date } from './x12-values';

/**
 * 860 purchase order change → the core's PurchaseOrderChangeReceived. BCH01 says what it is (04 change, 01 cancel,
 * 05 replace); each POC loop one line change (POC02 change type, POC03 the quantity now ordered, POC05 unit,
 * POC06 price, POC08.. item ids; PID description, DTM dates). Problems are business defects: the change goes to
 * the exceptions queue, the 997/999 speaks only of syntax.
 */
export interface Po860Context {
  rawDocumentId: string;
  sender: string;
  partnerId?: string;
  customerId: string;
  receivedAt: string;
}

export type Po860MappingResult =
  { ok: true; change: PurchaseOrderChangeReceived; defects: X12Defect[] } | { ok: false; defects: X12Defect[]; poNumber?: string };

const PURPOSES: Record<string, PurchaseOrderChangeReceived['purpose']> = { '01': 'cancel', '04': 'change', '05': 'replace' };

const text = (seg: X12Segment, n: number): string | undefined => {
  const value = seg[n]?.trim();
  return value === undefined || value === '' ? undefined : value;
};

type LineChange = PurchaseOrderChangeReceived['lines'][number];

export function mapPoChange860(set: X12TransactionSet, context: Po860Context): Po860MappingResult {
  const defects: X12Defect[] = [];
  let purpose: PurchaseOrderChangeReceived['purpose'] | undefined;
  let poNumber: string | undefined;
  let changeSequence: string | undefined;
  const header: PurchaseOrderChangeReceived['header'] = {};
  const lines: LineChange[] = [];
  let line: LineChange | undefined;
  let sawBch = false;
  const component = set.interchange.delimiters.component;

  set.segments.forEach((seg, index) => {
    const position = index + 1;
    switch (seg[0]) {
      case 'BCH': {
        sawBch = true;
        const code = text(seg, 1) ?? '';
        purpose = PURPOSES[code];
        if (!purpose) defects.push(x12Defect('PO860.PURPOSE_UNSUPPORTED', { segmentId: 'BCH', segmentPosition: position, badValue: code }));
        poNumber = text(seg, 3)?.slice(0, 80);
        if (!poNumber) defects.push(x12Defect('PO860.PO_NUMBER_MISSING', { segmentId: 'BCH', segmentPosition: position }));
        changeSequence = text(seg, 5);
        return;
      }
      case 'DTM': {
        const qualifier = text(seg, 1);
        const date = parseX12Date(text(seg, 2));
        if (!date) return;
        if (line) {
          if (qualifier === '010' || qualifier === '037' || qualifier === '002') line.requestedShipDate ??= date;
          return;
        }
        if (qualifier === '010' || qualifier === '037') header.requestedShipDate = date;
        if (qualifier === '002') header.requestedDeliveryDate = date;
        if (qualifier === '001') header.cancelAfterDate = date;
        return;
      }
      case 'POC': {
        const lineNumber = text(seg, 1);
        const rawQuantity = text(seg, 3);
        const rawPrice = text(seg, 6);
        const quantity = parseReal(rawQuantity);
        const unitPrice = parseReal(rawPrice);
        if (!lineNumber || (rawQuantity !== undefined && quantity === undefined) || (rawPrice !== undefined && unitPrice === undefined)) {
          defects.push(x12Defect('PO860.LINE_INVALID', { segmentId: 'POC', segmentPosition: position, badValue: lineNumber }));
        }
        const productIds: ProductId[] = [];
        for (let n = 8; n + 1 < seg.length; n += 2) {
          const qualifier = text(seg, n);
          const value = text(seg, n + 1);
          if (qualifier && value && qualifier.length <= 3) productIds.push({ qualifier, value: value.slice(0, 80) });
        }
        line = {
          buyerLineNumber: (lineNumber ?? String(lines.length + 1)).slice(0, 40),
          changeType: text(seg, 2) ?? '',
          quantity,
          uom: text(seg, 5)?.split(component)[0]?.slice(0, 4) || undefined,
          unitPrice,
          productIds,
        };
        lines.push(line);
        return;
      }
      case 'PID':
        if (line && text(seg, 5)) line.description = text(seg, 5)?.slice(0, 500);
        return;
      default:
        return;
    }
  });

  if (!sawBch) defects.push(x12Defect('PO860.BCH_MISSING', { segmentId: 'BCH', segmentPosition: 2 }));
  if (purpose !== 'cancel' && lines.length === 0 && !header.requestedShipDate && !header.requestedDeliveryDate && !header.cancelAfterDate) {
    defects.push(x12Defect('PO860.NO_CHANGES', { segmentId: 'POC', segmentPosition: Math.max(2, set.segments.length - 1) }));
  }
  if (defects.some((d) => d.severity === 'error') || !purpose || !poNumber) return { ok: false, defects, poNumber };
  return {
    ok: true,
    defects,
    change: {
      channel: 'edi',
      rawDocumentId: context.rawDocumentId,
      sender: context.sender,
      partnerId: context.partnerId,
      customerId: context.customerId,
      poNumber,
      purpose,
      changeSequence,
      changedAt: context.receivedAt,
      header,
      lines,
      channelData: {
        x12: {
          interchangeControlNumber: set.interchange.controlNumber,
          groupControlNumber: set.group.controlNumber,
          setControlNumber: set.controlNumber,
          version: set.group.version,
        },
      },
    },
  };
}
