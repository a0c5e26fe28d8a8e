import { availableOf, planAllocation } from './stock-allocation';

const stock = (warehouse: string, onHand: string, reserved = '0') => ({ warehouse, onHand, reserved });

describe('planAllocation', () => {
  it('takes the whole line from the first warehouse by code that can cover it', () => {
    expect(planAllocation('10', [stock('WEST', '50'), stock('EAST', '10'), stock('CENTRAL', '5')])).toEqual({
      allocations: [{ warehouse: 'EAST', quantity: '10' }],
      short: '0',
    });
  });

  it('splits largest-available first when no warehouse covers the line, and reports the short quantity', () => {
    expect(planAllocation('20', [stock('EAST', '6', '1'), stock('WEST', '8'), stock('NORTH', '3')])).toEqual({
      allocations: [
        { warehouse: 'WEST', quantity: '8' },
        { warehouse: 'EAST', quantity: '5' },
        { warehouse: 'NORTH', quantity: '3' },
      ],
      short: '4',
    });
  });

  it('is exact with fractional quantities', () => {
    expect(planAllocation('0.3', [stock('A', '0.1'), stock('B', '0.2')])).toEqual({
      allocations: [
        { warehouse: 'B', quantity: '0.2' },
        { warehouse: 'A', quantity: '0.1' },
      ],
      short: '0',
    });
  });

  it('never counts stock below zero as available', () => {
    expect(availableOf(stock('A', '2', '5'))).toBe('0');
    expect(planAllocation('1', [stock('A', '2', '5')])).toEqual({ allocations: [], short: '1' });
  });
});
