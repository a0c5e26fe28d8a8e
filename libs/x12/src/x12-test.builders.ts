import type { InvoiceIssued, OrderAcknowledged } from '@orderhub/contracts';
import { X12Interchange, X12Parser } from 'node-x12';
import { readX12Sync, toInterchangeTrees } from './x12-interchange.reader';
import type { X12Delimiters } from './x12-delimiters';
import type { X12EnvelopeIdentity, X12InterchangeDraft, X12SegmentDraft, X12TransactionSetDraft } from './x12.writer';
import { writeInterchange } from './x12.writer';

/** Test-data builders with overrides (specs and the bench only; not part of the public API). */
export function anIdentity(overrides: Partial<X12EnvelopeIdentity> = {}): X12EnvelopeIdentity {
  return {
    sender: { qualifier: 'ZZ', id: 'BUYERCO' },
    receiver: { qualifier: 'ZZ', id: 'ORDERHUB' },
    controlNumber: 1,
    version: '00401',
    date: new Date('2024-03-05T14:07:00Z'),
    usage: 'P',
    ...overrides,
  };
}

export interface Po850Line {
  lineNumber?: string;
  quantity?: string;
  uom?: string;
  price?: string;
  ids?: Array<[string, string]>;
  description?: string;
  extra?: X12SegmentDraft[];
}

/** The body (BEG..CTT) of an 850; `header` segments go after BEG, `lines` become PO1 loops. */
export function a850Body(
  options: {
    poNumber?: string;
    purpose?: string;
    date?: string;
    header?: X12SegmentDraft[];
    lines?: Po850Line[];
    ctt?: X12SegmentDraft | null;
  } = {},
): X12SegmentDraft[] {
  const lines = options.lines ?? [{ quantity: '10', uom: 'EA', price: '2.5', ids: [['VN', 'SKU-1']] }];
  const segments: X12SegmentDraft[] = [
    ['BEG', options.purpose ?? '00', 'SA', options.poNumber ?? 'PO-1001', undefined, options.date ?? '20240301'],
  ];
  segments.push(...(options.header ?? []));
  let hash = 0;
  lines.forEach((line, i) => {
    const quantity = line.quantity ?? '1';
    hash += Number(quantity);
    segments.push([
      'PO1',
      line.lineNumber ?? String(i + 1),
      quantity,
      line.uom ?? 'EA',
      line.price ?? '1',
      'PE',
      ...(line.ids ?? [['VN', `SKU-${i + 1}`]]).flat(),
    ]);
    if (line.description) segments.push(['PID', 'F', undefined, undefined, undefined, line.description]);
    segments.push(...(line.extra ?? []));
  });
  if (options.ctt !== null) segments.push(options.ctt ?? ['CTT', String(lines.length), String(hash)]);
  return segments;
}

export function a850Set(controlNumber: string | number, body: X12SegmentDraft[] = a850Body()): X12TransactionSetDraft {
  return { id: '850', controlNumber, segments: body };
}

export function anInterchange(
  options: {
    sets?: X12TransactionSetDraft[];
    delimiters?: X12Delimiters;
    identity?: Partial<X12EnvelopeIdentity>;
    gsVersion?: string;
  } = {},
): X12InterchangeDraft {
  return {
    identity: anIdentity(options.identity),
    delimiters: options.delimiters,
    groups: [
      {
        functionalId: 'PO',
        senderCode: 'BUYERCO',
        receiverCode: 'ORDERHUB',
        controlNumber: 7,
        version: options.gsVersion ?? '004010',
        sets: options.sets ?? [a850Set(1)],
      },
    ],
  };
}

/** Writes and reads back: the transaction sets of the first interchange. */
export function roundTrip(draft: X12InterchangeDraft) {
  const { interchanges } = toInterchangeTrees(readX12Sync(writeInterchange(draft)));
  return interchanges;
}

export function anOrderAcknowledged(overrides: Partial<OrderAcknowledged> = {}): OrderAcknowledged {
  return {
    salesOrderId: 'so-1',
    salesOrderNumber: 'SO-000123',
    customerId: 'cust-1',
    channel: 'edi',
    rawDocumentId: 'raw-1',
    partnerId: 'partner-1',
    sender: 'partner-1',
    poNumber: 'PO-1001',
    poDate: '2024-03-01',
    currency: 'USD',
    channelData: {},
    outcome: 'accepted-with-changes',
    total: '125.00',
    shipTo: {
      name: 'Store 12*North',
      code: '0012',
      address1: '1 Main St',
      city: 'Springfield',
      region: 'IL',
      postalCode: '62701',
      country: 'US',
    },
    scheduledShipDate: '2024-03-08',
    lines: [
      {
        lineNumber: 1,
        buyerLineNumber: '1',
        sku: 'SKU-1',
        productIds: [
          { qualifier: 'VN', value: 'SKU-1' },
          { qualifier: 'UP', value: '012345678905' },
        ],
        description: 'Blue widget ~ large',
        uom: 'EA',
        orderedQuantity: '10',
        acceptedQuantity: '10',
        backorderedQuantity: '0',
        unitPrice: '2.50',
        status: 'accepted',
        ackCode: 'IA',
      },
      {
        lineNumber: 2,
        buyerLineNumber: '2',
        sku: 'SKU-2',
        productIds: [{ qualifier: 'VN', value: 'SKU-2' }],
        uom: 'CS',
        orderedQuantity: '5',
        acceptedQuantity: '3',
        backorderedQuantity: '2',
        unitPrice: '20',
        status: 'backordered',
        ackCode: 'IB',
        scheduledShipDate: '2024-03-20',
      },
    ],
    ...overrides,
  };
}

export function anInvoiceIssued(overrides: Partial<InvoiceIssued> = {}): InvoiceIssued {
  return {
    salesOrderId: 'so-1',
    salesOrderNumber: 'SO-000123',
    customerId: 'cust-1',
    channel: 'edi',
    rawDocumentId: 'raw-1',
    partnerId: 'partner-1',
    sender: 'partner-1',
    poNumber: 'PO-1001',
    poDate: '2024-03-01',
    currency: 'USD',
    channelData: { carrier: { scac: 'UPSN', routing: 'UPS Ground' } },
    invoiceId: 'inv-1',
    invoiceNumber: 'INV-9001',
    invoiceDate: '2024-03-09',
    shipmentId: 'shp-1',
    lines: [
      {
        lineNumber: 1,
        buyerLineNumber: '1',
        sku: 'SKU-1',
        productIds: [{ qualifier: 'VN', value: 'SKU-1' }],
        description: 'Blue widget',
        uom: 'EA',
        quantity: '10',
        unitPrice: '2.50',
        amount: '25.00',
      },
      {
        lineNumber: 2,
        buyerLineNumber: '2',
        sku: 'SKU-2',
        productIds: [
          { qualifier: 'VN', value: 'SKU-2' },
          { qualifier: 'UP', value: '012345678912' },
        ],
        uom: 'CS',
        quantity: '3',
        unitPrice: '33.333',
        amount: '100.00',
      },
    ],
    charges: [{ kind: 'charge', code: 'shipping', description: 'Freight', amount: '12.34' }],
    subtotal: '125.00',
    total: '137.34',
    terms: { netDays: 30, discountPercent: '2', discountDays: 10 },
    billTo: { name: 'Buyer Co AP', address1: '9 Ledger Rd', city: 'Chicago', region: 'IL', postalCode: '60601', country: 'US' },
    shipTo: { name: 'Store 12', code: '0012', city: 'Springfield', region: 'IL', postalCode: '62701' },
    ...overrides,
  };
}

/** An independent parser (node-x12, strict mode: it checks SE/GE/IEA counts and control numbers itself). */
export function parseWithNodeX12(bytes: Buffer): X12Interchange {
  return new X12Parser(true).parse(bytes.toString('utf8')) as X12Interchange;
}
