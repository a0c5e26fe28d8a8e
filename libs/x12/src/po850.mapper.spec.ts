import { parsePurchaseOrder } from '@orderhub/contracts';
import { mapPurchaseOrder850, Po850Context } from './po850.mapper';
import { a850Body, a850Set, anInterchange, roundTrip } from './x12-test.builders';
import type { X12SegmentDraft } from './x12.writer';

const context: Po850Context = {
  rawDocumentId: 'raw-1',
  sender: 'partner-1',
  partnerId: 'partner-1',
  customerId: 'cust-1',
  receivedAt: '2024-03-05T14:07:00Z',
};

function map(body: X12SegmentDraft[], ctx: Partial<Po850Context> = {}) {
  const [ic] = roundTrip(anInterchange({ sets: [a850Set(1, body)] }));
  return mapPurchaseOrder850(ic.groups[0].sets[0], { ...context, ...ctx });
}

describe('850 → canonical purchase order', () => {
  const header: X12SegmentDraft[] = [
    ['CUR', 'BY', 'CAD'],
    ['REF', 'DP', '042'],
    ['PER', 'BD', 'Jane Buyer', 'TE', '555-0100', 'EM', 'jane@example.com'],
    ['DTM', '002', '20240315'],
    ['DTM', '010', '240310'],
    ['DTM', '001', '20240331'],
    ['FOB', 'PP', 'OR', 'Origin'],
    ['ITD', '01', '3', '2', undefined, '10', undefined, '30'],
    ['TD5', 'O', '2', 'UPSN', 'M', 'UPS Ground'],
    ['MSG', 'RUSH order, deliver to dock 4'],
    ['SAC', 'C', 'D240', undefined, undefined, '1550'],
    ['N1', 'ST', 'Store 12', '92', '0012'],
    ['N2', 'Receiving'],
    ['N3', '1 Main St', 'Suite 2'],
    ['N4', 'Springfield', 'IL', '62701', 'US'],
    ['N1', 'BT', 'Buyer Co AP'],
    ['N1', 'BY', 'Buyer Co', '9', '123456789'],
  ];
  const lines = [
    {
      quantity: '12',
      uom: 'CS',
      price: '10.25',
      ids: [
        ['VN', 'SKU-1'],
        ['UP', '012345678905'],
        ['BP', 'B-1'],
        ['EN', '4006381333931'],
      ] as Array<[string, string]>,
      description: 'Blue widget',
      extra: [
        ['PO4', '6', '1', 'EA'],
        ['SAC', 'A', 'C310', undefined, undefined, '125'],
        ['DTM', '010', '20240312'],
      ] as X12SegmentDraft[],
    },
    { quantity: '0.5', uom: 'LB', price: '.75', ids: [['IN', 'BUY-2']] as Array<[string, string]> },
  ];

  it('maps header, parties, dates, terms, carrier, charges and every product id', () => {
    const result = map(a850Body({ poNumber: 'PO-77', header, lines, ctt: ['CTT', '2', '12.5'] }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const po = parsePurchaseOrder(result.purchaseOrder);
    expect(po).toMatchObject({
      poNumber: 'PO-77',
      purpose: 'original',
      orderType: 'SA',
      poDate: '2024-03-01',
      currency: 'CAD',
      requestedDeliveryDate: '2024-03-15',
      requestedShipDate: '2024-03-10',
      cancelAfterDate: '2024-03-31',
      priority: 'rush',
      fob: { paymentMethod: 'PP', location: 'Origin' },
      paymentTerms: { code: '01', discountPercent: '2', discountDays: 10, netDays: 30 },
      carrier: { scac: 'UPSN', mode: 'M', routing: 'UPS Ground' },
      charges: [{ kind: 'charge', code: 'D240', amount: '15.5' }],
      shipTo: {
        role: 'ST',
        name: 'Store 12',
        name2: 'Receiving',
        idQualifier: '92',
        code: '0012',
        address1: '1 Main St',
        address2: 'Suite 2',
        city: 'Springfield',
        region: 'IL',
        postalCode: '62701',
        country: 'US',
      },
      billTo: { role: 'BT', name: 'Buyer Co AP' },
      buyer: { customerId: 'cust-1', name: 'Buyer Co', identifiers: [{ qualifier: '9', value: '123456789' }] },
      contacts: [{ role: 'BD', name: 'Jane Buyer', phone: '555-0100', email: 'jane@example.com' }],
      references: [{ qualifier: 'DP', value: '042' }],
      stated: { lineCount: 2, hashTotal: '12.5' },
      source: { channel: 'edi', reference: '000000001/7/0001', receivedAt: '2024-03-05T14:07:00Z' },
    });
    expect(po.parties.map((p) => p.role)).toEqual(['ST', 'BT', 'BY']);
    expect(po.lines).toEqual([
      expect.objectContaining({
        lineNumber: '1',
        quantity: '12',
        uom: 'CS',
        unitPrice: '10.25',
        description: 'Blue widget',
        requestedShipDate: '2024-03-12',
        pack: { innerPack: '6', packSize: '1', packUom: 'EA' },
        charges: [{ kind: 'allowance', code: 'C310', amount: '1.25' }],
        productIds: [
          { qualifier: 'VN', value: 'SKU-1' },
          { qualifier: 'UP', value: '012345678905' },
          { qualifier: 'BP', value: 'B-1' },
          { qualifier: 'EN', value: '4006381333931' },
        ],
      }),
      expect.objectContaining({
        lineNumber: '2',
        quantity: '0.5',
        uom: 'LB',
        unitPrice: '0.75',
        productIds: [{ qualifier: 'IN', value: 'BUY-2' }],
      }),
    ]);
  });

  it.each([
    ['00', 'original'],
    ['01', 'cancel'],
    ['04', 'change'],
    ['05', 'replace'],
    ['06', 'confirmation'],
  ])('maps BEG01 %s to purpose %s', (code, purpose) => {
    const result = map(a850Body({ purpose: code }));
    expect(result.ok && result.purchaseOrder.purpose).toBe(purpose);
  });

  it('returns coded defects, never throws, for missing BEG, no PO1 and bad quantities', () => {
    const noBeg = map(a850Body().slice(1));
    expect(noBeg.ok).toBe(false);
    expect(noBeg.defects.map((d) => [d.code, d.level, d.ak304])).toEqual([['PO850.BEG_MISSING', 'business', undefined]]);
    const noLines = map(a850Body({ lines: [], ctt: null }));
    expect(noLines.defects.map((d) => d.code)).toEqual(['PO850.PO1_MISSING']);
    const badQty = map(a850Body({ lines: [{ quantity: '-3' }], ctt: null }));
    expect(badQty.defects.map((d) => [d.code, d.segmentId, d.segmentPosition, d.elementPosition])).toEqual([
      ['PO850.QUANTITY_INVALID', 'PO1', 3, 2],
    ]);
  });

  it('checks CTT line count and hash total (sum of PO102), the hash policy being configurable', () => {
    const wrongCount = map(a850Body({ ctt: ['CTT', '2', '10'] }));
    expect(wrongCount.defects.map((d) => d.code)).toEqual(['PO850.CTT_LINE_COUNT_MISMATCH']);
    const wrongHash = map(a850Body({ ctt: ['CTT', '1', '125'] }));
    expect(wrongHash.ok).toBe(false);
    expect(wrongHash.defects.map((d) => d.code)).toEqual(['PO850.CTT_HASH_TOTAL_MISMATCH']);
    expect(map(a850Body({ ctt: ['CTT', '1', '125'] }), { hashTotalPolicy: 'warning' }).ok).toBe(true);
  });

  it('rejects an invalid BEG date and an implied-decimal SAC amount that is not a number', () => {
    expect(map(a850Body({ date: '20241345' })).defects.map((d) => [d.code, d.level])).toEqual([['PO850.DATE_INVALID', 'business']]);
    expect(map(a850Body({ header: [['SAC', 'C', 'D240', undefined, undefined, '15.50']] })).defects.map((d) => d.code)).toEqual([
      'PO850.AMOUNT_INVALID',
    ]);
  });

  it('raises priority from notes', () => {
    const result = map(a850Body({ header: [['NTE', 'GEN', 'URGENT - store opening']] }));
    expect(result.ok && result.purchaseOrder.priority).toBe('urgent');
  });
});

describe('850 line-level data', () => {
  it('keeps line dates (DTM), a line ship-to (N1 ST in the PO1 loop) and SDQ destinations on the canonical line', () => {
    const result = map(
      a850Body({
        header: [['N1', 'ST', 'Main DC', '92', 'DC01']],
        lines: [
          {
            quantity: '12',
            extra: [
              ['SDQ', 'EA', '92', '0012', '4', '0034', '8'],
              ['DTM', '002', '20240320'],
              ['DTM', '001', '20240330'],
              ['N1', 'ST', 'Store 77', '92', '0077'],
              ['N3', '7 Elm Street'],
              ['N4', 'Dayton', 'OH', '45402', 'US'],
            ],
          },
          { quantity: '3' },
        ],
      }),
    );
    expect(result.ok).toBe(true);
    const po = parsePurchaseOrder(result.purchaseOrder);
    expect(po.shipTo?.code).toBe('DC01');
    expect(po.lines[0]).toMatchObject({
      requestedDeliveryDate: '2024-03-20',
      cancelAfterDate: '2024-03-30',
      dates: [
        { qualifier: '002', date: '2024-03-20' },
        { qualifier: '001', date: '2024-03-30' },
      ],
      shipTo: { role: 'ST', name: 'Store 77', code: '0077', address1: '7 Elm Street', city: 'Dayton', postalCode: '45402' },
      destinations: [
        { idQualifier: '92', location: '0012', quantity: '4' },
        { idQualifier: '92', location: '0034', quantity: '8' },
      ],
    });
    // The second line says nothing of its own: it goes where the order goes.
    expect(po.lines[1].shipTo).toBeUndefined();
    expect(po.lines[1].dates).toBeUndefined();
  });
});
