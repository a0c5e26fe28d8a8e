import { problemResolution, ORDER_PROBLEM_CODES } from './order-problem';
import { checkPrice, resolveShipTo, validatePurchaseOrder } from './order-validation';
import {
  aCatalogProduct,
  aLineContext,
  aMatchedProduct,
  aPurchaseOrder,
  aPurchaseOrderLine,
  aValidationContext,
  aValidationCustomer,
} from './testing/purchase-order.builder';

const codes = (result: ReturnType<typeof validatePurchaseOrder>) => result.problems.map((p) => p.code);

describe('validatePurchaseOrder', () => {
  it('accepts a clean order', () => {
    const result = validatePurchaseOrder(aPurchaseOrder(), aValidationContext());
    expect(result).toEqual({ valid: true, problems: [], shipTo: { status: 'matched', code: '0042' } });
  });

  it('collects every problem at once, order-level first, then line by line', () => {
    const po = aPurchaseOrder({
      test: true,
      requestedShipDate: '2025-03-01',
      shipTo: { role: 'ST', code: '9999' },
      extraction: { confidence: 0.4, fields: { poNumber: 0.3, shipTo: 0.9 } },
      lines: [
        aPurchaseOrderLine({ lineNumber: '10', quantity: '0', unitPrice: '99.00' }),
        aPurchaseOrderLine({ lineNumber: '20', productIds: [{ qualifier: 'BP', value: 'X' }] }),
        aPurchaseOrderLine({ lineNumber: '30', uom: 'PL' }),
      ],
    });
    const result = validatePurchaseOrder(
      po,
      aValidationContext({
        customer: aValidationCustomer({ creditHold: true }),
        previousOrderWithPoNumber: { salesOrderId: 'so-1', salesOrderNumber: 'SO-000001' },
        lines: [
          aLineContext({ product: aMatchedProduct(aCatalogProduct({ discontinued: true })) }),
          aLineContext({ product: { status: 'unknown', attempts: [] }, uom: null, ourBaseUnitPrice: null }),
          aLineContext({ uom: { convertible: false, baseUom: 'EA' } }),
        ],
      }),
    );
    expect(result.valid).toBe(false);
    expect(result.problems.map((p) => [p.code, p.lineNumber])).toEqual([
      ['CUSTOMER.CREDIT_HOLD', undefined],
      ['ORDER.DUPLICATE_PO', undefined],
      ['ORDER.TEST', undefined],
      ['EXTRACTION.LOW_CONFIDENCE', undefined],
      ['SHIPTO.UNKNOWN', undefined],
      ['DATE.REQUESTED_IN_PAST', undefined],
      ['LINE.QUANTITY_NOT_POSITIVE', 1],
      ['PRODUCT.DISCONTINUED', 1],
      ['PRICE.MISMATCH', 1],
      ['PRODUCT.UNKNOWN', 2],
      ['UOM.UNCONVERTIBLE', 3],
    ]);
    expect(result.problems.find((p) => p.code === 'EXTRACTION.LOW_CONFIDENCE')?.details).toMatchObject({
      lowFields: [{ field: 'poNumber', confidence: 0.3 }],
    });
    expect(result.problems.find((p) => p.code === 'PRODUCT.UNKNOWN')?.details).toMatchObject({ buyerLineNumber: '20' });
  });

  describe('customer', () => {
    it('flags an unknown customer and still checks the lines', () => {
      const po = aPurchaseOrder({ shipTo: undefined, lines: [aPurchaseOrderLine({ quantity: '-1' })] });
      const result = validatePurchaseOrder(po, aValidationContext({ customer: null }));
      expect(codes(result)).toEqual(['CUSTOMER.UNKNOWN', 'SHIPTO.MISSING', 'LINE.QUANTITY_NOT_POSITIVE']);
      expect(result.problems[0]?.message).toContain('sender partner-acme');
    });
  });

  describe('duplicate PO', () => {
    const previous = { salesOrderId: 'so-1' };
    it.each([
      ['original', true],
      ['confirmation', true],
      ['change', false],
      ['replace', false],
      ['cancel', false],
    ] as const)('purpose %s flagged: %s', (purpose, flagged) => {
      const result = validatePurchaseOrder(aPurchaseOrder({ purpose }), aValidationContext({ previousOrderWithPoNumber: previous }));
      expect(codes(result).includes('ORDER.DUPLICATE_PO')).toBe(flagged);
    });
  });

  describe('test orders', () => {
    it('flags a Shopify test order', () => {
      const po = aPurchaseOrder({
        test: true,
        source: { channel: 'shopify', rawDocumentId: 'raw-2', sender: 'acme.myshopify.com', receivedAt: '2025-03-15T15:00:00Z' },
      });
      const result = validatePurchaseOrder(po, aValidationContext());
      expect(result.problems).toEqual([expect.objectContaining({ code: 'ORDER.TEST', details: { channel: 'shopify' } })]);
    });
  });

  describe('extraction confidence', () => {
    it('flags below the threshold, not at it', () => {
      const at = (confidence: number) =>
        codes(
          validatePurchaseOrder(
            aPurchaseOrder({ extraction: { confidence, fields: {} } }),
            aValidationContext({ extractionConfidenceThreshold: 0.8 }),
          ),
        );
      expect(at(0.79)).toEqual(['EXTRACTION.LOW_CONFIDENCE']);
      expect(at(0.8)).toEqual([]);
    });
  });

  describe('dates', () => {
    it('treats today as not past, in the business time zone', () => {
      // 2025-03-15T15:00Z is still the 15th in UTC but already the 16th in Tokyo.
      const po = aPurchaseOrder({ requestedShipDate: '2025-03-15' });
      expect(codes(validatePurchaseOrder(po, aValidationContext()))).toEqual([]);
      expect(codes(validatePurchaseOrder(po, aValidationContext({ timeZone: 'Asia/Tokyo' })))).toEqual(['DATE.REQUESTED_IN_PAST']);
    });

    it('checks line dates, delivery dates and cancel-after dates', () => {
      const po = aPurchaseOrder({
        requestedDeliveryDate: '2025-03-14',
        cancelAfterDate: '2025-03-10',
        lines: [aPurchaseOrderLine({ requestedShipDate: '2025-02-01' })],
      });
      const result = validatePurchaseOrder(po, aValidationContext());
      expect(result.problems.map((p) => [p.code, p.details['field'] ?? null])).toEqual([
        ['DATE.REQUESTED_IN_PAST', 'requestedDeliveryDate'],
        ['DATE.CANCEL_AFTER_PASSED', null],
        ['DATE.REQUESTED_IN_PAST', 'requestedShipDate'],
      ]);
    });
  });

  describe('products', () => {
    it('flags an ambiguous product and skips the checks that need one', () => {
      const ctx = aValidationContext({
        lines: [
          aLineContext({
            product: { status: 'ambiguous', candidates: [aCatalogProduct(), aCatalogProduct({ sku: 'GADGET-9' })], attempts: [] },
          }),
        ],
      });
      const result = validatePurchaseOrder(aPurchaseOrder({ lines: [aPurchaseOrderLine({ unitPrice: '1.00' })] }), ctx);
      expect(result.problems).toEqual([
        expect.objectContaining({
          code: 'PRODUCT.AMBIGUOUS',
          lineNumber: 1,
          details: expect.objectContaining({ candidates: ['WIDGET-1', 'GADGET-9'] }),
        }),
      ]);
    });
  });

  describe('prices', () => {
    // Ours: 10.00 per EA × 12 = 120.00 per CS. Tolerance: 1% (1.20) or 0.05, whichever is larger.
    it.each([
      ['120.00', false],
      ['121.20', false],
      ['118.80', false],
      ['121.21', true],
      ['118.79', true],
    ])('buyer price %s per case: mismatch %s', (unitPrice, mismatch) => {
      const result = validatePurchaseOrder(aPurchaseOrder({ lines: [aPurchaseOrderLine({ unitPrice })] }), aValidationContext());
      expect(codes(result).includes('PRICE.MISMATCH')).toBe(mismatch);
    });

    it('uses the absolute tolerance when it is the larger', () => {
      const line = aPurchaseOrderLine({ uom: 'EA', unitPrice: '0.54' });
      const ctx = aValidationContext({
        lines: [aLineContext({ uom: { convertible: true, baseUom: 'EA', baseUnitsPerOrderedUnit: '1' }, ourBaseUnitPrice: '0.50' })],
      });
      expect(codes(validatePurchaseOrder(aPurchaseOrder({ lines: [line] }), ctx))).toEqual([]);
      const far = aPurchaseOrderLine({ uom: 'EA', unitPrice: '0.56' });
      const result = validatePurchaseOrder(aPurchaseOrder({ lines: [far] }), ctx);
      expect(result.problems[0]).toMatchObject({
        code: 'PRICE.MISMATCH',
        details: { buyerUnitPrice: '0.56', ourUnitPrice: '0.5000', difference: '0.06', allowed: '0.05' },
      });
    });

    it('does not check a line that came without a price', () => {
      const po = aPurchaseOrder({ lines: [aPurchaseOrderLine({ unitPrice: undefined })] });
      expect(validatePurchaseOrder(po, aValidationContext()).valid).toBe(true);
    });
  });

  it('refuses a context that does not match the lines', () => {
    expect(() => validatePurchaseOrder(aPurchaseOrder(), aValidationContext({ lines: [] }))).toThrow(RangeError);
  });
});

describe('resolveShipTo', () => {
  const customer = aValidationCustomer({ shipToCodes: ['0042'] });

  it('matches codes case-insensitively and returns ours', () => {
    const po = aPurchaseOrder({ shipTo: { role: 'ST', code: 'dc-1' } });
    expect(resolveShipTo(po, aValidationCustomer({ shipToCodes: ['DC-1'] }))).toEqual({ status: 'matched', code: 'DC-1' });
  });

  it('implies the only ship-to when none is sent', () => {
    expect(resolveShipTo(aPurchaseOrder({ shipTo: undefined }), customer)).toEqual({ status: 'implied', code: '0042' });
    expect(resolveShipTo(aPurchaseOrder({ shipTo: undefined }), aValidationCustomer())).toEqual({ status: 'missing' });
  });

  it('uses the default location of a customer with several when none is sent, and flags it when there is none', () => {
    const several = aValidationCustomer({ shipToCodes: ['DC-1', 'DC-2'], defaultShipToCode: 'DC-2' });
    expect(resolveShipTo(aPurchaseOrder({ shipTo: undefined }), several)).toEqual({ status: 'implied', code: 'DC-2' });
    expect(resolveShipTo(aPurchaseOrder({ shipTo: undefined }), aValidationCustomer({ shipToCodes: ['DC-1', 'DC-2'] }))).toEqual({
      status: 'missing',
    });
  });

  it('accepts a one-time street address without a code', () => {
    const shipTo = { role: 'ST', name: 'Jane', address1: '1 Main St', city: 'Springfield', postalCode: '12345' };
    expect(resolveShipTo(aPurchaseOrder({ shipTo }), aValidationCustomer())).toEqual({ status: 'one-time-address' });
    expect(resolveShipTo(aPurchaseOrder({ shipTo: { role: 'ST', name: 'Jane' } }), aValidationCustomer())).toEqual({ status: 'missing' });
  });

  it('waits for the customer before judging a code', () => {
    expect(resolveShipTo(aPurchaseOrder(), null)).toEqual({ status: 'pending-customer', code: '0042' });
  });
});

describe('checkPrice', () => {
  it('is exact to the cent', () => {
    expect(checkPrice('100.01', '100.00', { percent: '0', absolute: '0.01' })).toEqual({
      withinTolerance: true,
      difference: '0.01',
      allowed: '0.01',
    });
    expect(checkPrice('99.98', '100.00', { percent: '0', absolute: '0.01' }).withinTolerance).toBe(false);
  });
});

describe('values the database cannot hold, and fractions of pieces', () => {
  const one = (line: Parameters<typeof aPurchaseOrderLine>[0], context: Parameters<typeof aLineContext>[0] = {}) =>
    validatePurchaseOrder(aPurchaseOrder({ lines: [aPurchaseOrderLine(line)] }), aValidationContext({ lines: [aLineContext(context)] }));

  it('flags a quantity of 99999999999 (allowed by X12, beyond numeric(14,4)) as LINE.QUANTITY_OUT_OF_RANGE', () => {
    const result = one({ quantity: '99999999999' });
    expect(codes(result)).toContain('LINE.QUANTITY_OUT_OF_RANGE');
    expect(result.problems.find((p) => p.code === 'LINE.QUANTITY_OUT_OF_RANGE')?.message).toContain('larger than the hub can hold');
  });

  it('flags 2.5 of a piece-counting unit (EA) as LINE.QUANTITY_NOT_INTEGRAL, but takes 2.5 LB', () => {
    expect(codes(one({ quantity: '2.5', uom: 'EA' }))).toEqual(['LINE.QUANTITY_NOT_INTEGRAL']);
    expect(
      codes(
        one(
          { quantity: '2.5', uom: 'LB', unitPrice: undefined },
          { uom: { convertible: true, baseUom: 'LB', baseUnitsPerOrderedUnit: '1' } },
        ),
      ),
    ).toEqual([]);
  });

  it('checks the quantity in the base unit too: 0.5 CS of 5 EA is 2.5 EA', () => {
    const result = one(
      { quantity: '0.5', uom: 'LB', unitPrice: undefined },
      { uom: { convertible: true, baseUom: 'EA', baseUnitsPerOrderedUnit: '5' } },
    );
    expect(codes(result)).toEqual(['LINE.QUANTITY_NOT_INTEGRAL']);
  });

  it('flags a buyer price and a line amount beyond numeric(16,4)', () => {
    expect(codes(one({ unitPrice: '1000000000000' }))).toContain('LINE.PRICE_OUT_OF_RANGE');
    expect(
      codes(
        one(
          { quantity: '9000000000', uom: 'EA', unitPrice: undefined },
          { ourBaseUnitPrice: '500', uom: { convertible: true, baseUom: 'EA', baseUnitsPerOrderedUnit: '1' } },
        ),
      ),
    ).toEqual(['LINE.AMOUNT_OUT_OF_RANGE']);
  });
});

describe('problemResolution', () => {
  it('needs a correction for problems that leave nothing to ship', () => {
    const needCorrection = ORDER_PROBLEM_CODES.filter((code) => problemResolution(code) === 'correct');
    expect(needCorrection).toEqual([
      'CUSTOMER.UNKNOWN',
      'PRODUCT.UNKNOWN',
      'PRODUCT.AMBIGUOUS',
      'UOM.UNCONVERTIBLE',
      'LINE.QUANTITY_NOT_POSITIVE',
      'LINE.QUANTITY_OUT_OF_RANGE',
      'LINE.QUANTITY_NOT_INTEGRAL',
      'LINE.PRICE_OUT_OF_RANGE',
      'LINE.AMOUNT_OUT_OF_RANGE',
      'SHIPTO.MISSING',
      'SHIPTO.UNKNOWN',
    ]);
  });
});
