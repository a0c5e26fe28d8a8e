import { inferDateOrder, parseAmount, parseDate, parseQuantity } from './value-parsers';

describe('value parsers', () => {
  it.each([
    ['1,234.56', 'auto', '1234.56'],
    ['1.234,56', 'auto', '1234.56'],
    ['$ 12.50', 'auto', '12.5'],
    ['(12.00)', 'auto', '-12'],
    ['12,5', 'eu', '12.5'],
    ['1.234', 'eu', '1234'],
    ['1,234', 'us', '1234'],
    ['12 EA', 'auto', null],
    ['1,23,4', 'auto', null],
  ] as const)('parseAmount(%s, %s) = %s', (text, style, expected) => {
    expect(parseAmount(text, style)).toBe(expected);
  });

  it('reads quantities with units', () => {
    expect(parseQuantity('12 EA')).toEqual({ quantity: '12', uom: 'EA' });
    expect(parseQuantity('6.000 Unit(s)')).toEqual({ quantity: '6', uom: 'EA' });
    expect(parseQuantity('ten')).toBeNull();
  });

  it.each([
    ['2024-03-15', undefined, '2024-03-15', false],
    ['March 5, 2024', undefined, '2024-03-05', false],
    ['15-Mar-2024', undefined, '2024-03-15', false],
    ['15.03.2024', undefined, '2024-03-15', false],
    ['03/15/2024', undefined, '2024-03-15', false],
    ['15/03/2024', undefined, '2024-03-15', false],
    ['03/04/2024', undefined, '2024-03-04', true],
    ['03/04/2024', 'DMY', '2024-04-03', false],
    ['02/30/2024', undefined, null, false],
  ] as const)('parseDate(%s, %s) = %s', (text, order, iso, ambiguous) => {
    const d = parseDate(text, order);
    expect(d?.iso ?? null).toBe(iso);
    if (d) expect(d.ambiguous).toBe(ambiguous);
  });

  it('infers the date order from a date that settles it', () => {
    expect(inferDateOrder(['Order Date: 03/04/2024', 'Delivery: 12/31/2025'])).toBe('MDY');
    expect(inferDateOrder(['Date 03/04/2024', 'Due 31/12/2025'])).toBe('DMY');
    expect(inferDateOrder(['03/04/2024'])).toBeUndefined();
  });
});
