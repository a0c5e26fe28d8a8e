import { baseUnitsPer, canConvert, convertQuantity, toBaseQuantity, type ProductUoms } from './uom.converter';
import { UomConversionError } from './pricing.errors';

const widget: ProductUoms = {
  baseUom: 'EA',
  conversions: [
    { uom: 'CS', toBase: '12' },
    { uom: 'PL', toBase: '480' },
    { uom: 'DZ', toBase: '12' },
  ],
};
const cable: ProductUoms = {
  baseUom: 'FT',
  conversions: [
    { uom: 'YD', toBase: '3' },
    { uom: 'IN', toBase: '0.083333' },
  ],
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof UomConversionError ? error.code : `not a UomConversionError: ${String(error)}`;
  }
  return undefined;
}

describe('convertQuantity', () => {
  it.each([
    ['2', 'CS', 'EA', '24'],
    ['1.5', 'CS', 'EA', '18'],
    ['24', 'EA', 'CS', '2'],
    ['1', 'PL', 'CS', '40'],
    ['3', 'CS', 'DZ', '3'],
    ['7', 'EA', 'EA', '7'],
    ['2', 'cs', 'ea', '24'],
  ])('%s %s is %s %s', (quantity, from, to, expected) => {
    expect(convertQuantity(quantity, from, to, widget)).toBe(expected);
  });

  it('refuses a result that is not a whole number of the target unit', () => {
    expect(codeOf(() => convertQuantity('18', 'EA', 'CS', widget))).toBe('UOM.NOT_INTEGRAL');
    try {
      convertQuantity('18', 'EA', 'CS', widget);
    } catch (error) {
      expect((error as UomConversionError).details).toMatchObject({ exact: '1.5', from: 'EA', to: 'CS' });
    }
  });

  it('rounds to 6 places, half away from zero, when fractions are allowed', () => {
    expect(convertQuantity('18', 'EA', 'CS', widget, { allowFractional: true })).toBe('1.5');
    expect(convertQuantity('1', 'EA', 'CS', widget, { allowFractional: true })).toBe('0.083333');
    expect(convertQuantity('10', 'EA', 'CS', widget, { allowFractional: true })).toBe('0.833333');
    expect(convertQuantity('2', 'FT', 'YD', cable, { allowFractional: true })).toBe('0.666667');
  });

  it('refuses a unit the product does not have', () => {
    expect(codeOf(() => convertQuantity('1', 'BX', 'EA', widget))).toBe('UOM.UNCONVERTIBLE');
    expect(canConvert('BX', 'EA', widget)).toBe(false);
    expect(canConvert('PL', 'CS', widget)).toBe(true);
  });

  it('refuses a conversion with a factor of zero', () => {
    const broken: ProductUoms = { baseUom: 'EA', conversions: [{ uom: 'CS', toBase: '0' }] };
    expect(codeOf(() => convertQuantity('1', 'CS', 'EA', broken))).toBe('UOM.INVALID_CONVERSION');
  });

  it('converts to base and reports exact factors', () => {
    expect(toBaseQuantity('3', 'PL', widget)).toBe('1440');
    expect(baseUnitsPer('CS', widget)).toBe('12');
    expect(baseUnitsPer('EA', widget)).toBe('1');
    expect(baseUnitsPer('BX', widget)).toBeNull();
  });
});
