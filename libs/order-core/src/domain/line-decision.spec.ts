import { lineDecisionSchema } from '@orderhub/contracts';
import { decideLine, decideOrder, type LineDecisionInput, type LineDecisionPolicy } from './line-decision';
import { aPurchaseOrderLine, NOW } from './testing/purchase-order.builder';

// Today is 2025-03-15 (UTC); backorders ship 10 days later.
const policy: LineDecisionPolicy = { shortage: 'backorder', backorderLeadDays: 10, now: NOW };

/** Two cases of 12 at 10.00/EA, buyer expecting 120.00/CS, with plenty of stock. */
function anInput(overrides: Partial<LineDecisionInput> = {}): LineDecisionInput {
  return {
    lineNumber: 1,
    line: aPurchaseOrderLine(),
    sku: 'WIDGET-1',
    baseUom: 'EA',
    baseUnitsPerOrderedUnit: '12',
    availableBaseQuantity: '1000',
    baseUnitPrice: '10.00',
    ...overrides,
  };
}

describe('decideLine', () => {
  it('accepts a line in full (IA) and ships today', () => {
    const line = decideLine(anInput(), policy);
    expect(line).toMatchObject({
      status: 'accepted',
      ackCode: 'IA',
      orderedQuantity: '2',
      acceptedQuantity: '2',
      backorderedQuantity: '0',
      unitPrice: '120.00',
      buyerUnitPrice: '120.00',
      uom: 'CS',
      scheduledShipDate: '2025-03-15',
      acks: [{ code: 'IA', quantity: '2', unitPrice: '120.00', scheduledShipDate: '2025-03-15' }],
      allocation: { baseUom: 'EA', ordered: '24', accepted: '24', backordered: '0' },
    });
    // What goes on the bus is the contract's LineDecision.
    expect(() => lineDecisionSchema.parse(line)).not.toThrow();
  });

  it('accepts exactly the stock on hand', () => {
    expect(decideLine(anInput({ availableBaseQuantity: '24' }), policy).status).toBe('accepted');
  });

  it('accepts what is there in whole cases and backorders the rest (IA + IB)', () => {
    const line = decideLine(anInput({ availableBaseQuantity: '18' }), policy);
    expect(line).toMatchObject({
      status: 'backordered',
      ackCode: 'IB',
      acceptedQuantity: '1',
      backorderedQuantity: '1',
      scheduledShipDate: '2025-03-25',
      acks: [
        { code: 'IA', quantity: '1', scheduledShipDate: '2025-03-15' },
        { code: 'IB', quantity: '1', scheduledShipDate: '2025-03-25' },
      ],
      allocation: { accepted: '12', backordered: '12' },
    });
  });

  it('backorders everything when nothing is on hand (IB), oversold stock included', () => {
    for (const availableBaseQuantity of ['0', '11', '-5']) {
      const line = decideLine(anInput({ availableBaseQuantity }), policy);
      expect(line).toMatchObject({
        status: 'backordered',
        acceptedQuantity: '0',
        backorderedQuantity: '2',
        acks: [{ code: 'IB', quantity: '2' }],
      });
    }
  });

  it('cancels the remainder when the policy says so (IQ), or rejects when nothing is there (IR)', () => {
    const cancel: LineDecisionPolicy = { ...policy, shortage: 'cancel-remainder' };
    expect(decideLine(anInput({ availableBaseQuantity: '18' }), cancel)).toMatchObject({
      status: 'quantity-changed',
      ackCode: 'IQ',
      acceptedQuantity: '1',
      backorderedQuantity: '0',
      acks: [{ code: 'IQ', quantity: '1' }],
    });
    expect(decideLine(anInput({ availableBaseQuantity: '0' }), cancel)).toMatchObject({
      status: 'rejected',
      ackCode: 'IR',
      acceptedQuantity: '0',
    });
  });

  it('reports our price when it differs from the buyer (IP)', () => {
    const line = decideLine(anInput({ line: aPurchaseOrderLine({ unitPrice: '119.50' }) }), policy);
    expect(line).toMatchObject({ status: 'price-changed', ackCode: 'IP', unitPrice: '120.00', buyerUnitPrice: '119.50' });
  });

  it('rejects a line on request (IR) without touching stock', () => {
    const line = decideLine(anInput({ rejectReason: 'discontinued' }), policy);
    expect(line).toMatchObject({
      status: 'rejected',
      ackCode: 'IR',
      acceptedQuantity: '0',
      backorderedQuantity: '0',
      rejectReason: 'discontinued',
    });
    expect(line.scheduledShipDate).toBeUndefined();
  });

  it('never ships before the requested date, nor backorders earlier than it', () => {
    const line = decideLine(anInput({ availableBaseQuantity: '12', orderRequestedShipDate: '2025-03-20' }), policy);
    expect(line.acks.map((a) => a.scheduledShipDate)).toEqual(['2025-03-20', '2025-03-25']);
    const late = decideLine(
      anInput({ availableBaseQuantity: '12', line: aPurchaseOrderLine({ requestedShipDate: '2025-04-30' }) }),
      policy,
    );
    expect(late.acks.map((a) => a.scheduledShipDate)).toEqual(['2025-04-30', '2025-04-30']);
  });

  it('keeps sub-cent prices per ordered unit', () => {
    const line = decideLine(anInput({ baseUnitPrice: '0.0125', line: aPurchaseOrderLine({ unitPrice: undefined }) }), policy);
    expect(line.unitPrice).toBe('0.15');
    const each = decideLine(
      anInput({ baseUnitPrice: '0.0125', baseUnitsPerOrderedUnit: '1', line: aPurchaseOrderLine({ uom: 'EA', unitPrice: undefined }) }),
      policy,
    );
    expect(each.unitPrice).toBe('0.0125');
  });

  it('allocates a fractional order in whole units of what is short', () => {
    const line = decideLine(anInput({ line: aPurchaseOrderLine({ quantity: '1.5' }), availableBaseQuantity: '13' }), policy);
    expect(line).toMatchObject({ acceptedQuantity: '1', backorderedQuantity: '0.5' });
  });
});

describe('decideOrder', () => {
  const accepted = decideLine(anInput(), policy);
  const partial = decideLine(anInput({ lineNumber: 2, availableBaseQuantity: '12' }), policy);
  const rejected = decideLine(anInput({ lineNumber: 3, rejectReason: 'discontinued' }), policy);

  it('is accepted when every line is IA', () => {
    expect(decideOrder([accepted, accepted])).toEqual({ outcome: 'accepted', total: '480.00', scheduledShipDate: '2025-03-15' });
  });

  it('is accepted with changes when any line changed', () => {
    expect(decideOrder([accepted, partial, rejected])).toEqual({
      outcome: 'accepted-with-changes',
      total: '480.00',
      scheduledShipDate: '2025-03-15',
    });
  });

  it('is rejected when every line is rejected, with nothing to ship', () => {
    expect(decideOrder([rejected])).toEqual({ outcome: 'rejected', total: '0.00' });
  });

  it('dates the order by its first shipment', () => {
    const allBackordered = decideLine(anInput({ availableBaseQuantity: '0' }), policy);
    expect(decideOrder([allBackordered]).scheduledShipDate).toBe('2025-03-25');
  });
});
