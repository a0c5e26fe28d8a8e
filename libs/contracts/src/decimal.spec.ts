import fc from 'fast-check';
import { add, compare, div, fromScaled, money, mul, normalize, round, sub, toScaled } from './decimal';

describe('exact decimals for money and quantities', () => {
  it('adds what binary floats cannot: 0.1 + 0.2 is 0.3', () => {
    expect(add('0.1', '0.2')).toBe('0.3');
    expect(0.1 + 0.2).not.toBe(0.3);
  });

  it('multiplies a price by a quantity exactly and rounds money half away from zero', () => {
    expect(mul('19.99', '3')).toBe('59.97');
    expect(money(mul('0.125', '1'))).toBe('0.13');
    expect(money('-0.125')).toBe('-0.13');
    expect(round('2.675', 2)).toBe('2.68');
  });

  it('normalizes trailing zeros and keeps integers integral', () => {
    expect(normalize('12.500')).toBe('12.5');
    expect(normalize('3.000')).toBe('3');
    expect(normalize('-0.000')).toBe('0');
  });

  it('divides with rounding at six places', () => {
    expect(div('10', '3')).toBe('3.333333');
    expect(() => div('1', '0')).toThrow('division by zero');
  });

  it('refuses anything that is not a plain decimal', () => {
    for (const bad of ['', 'abc', '1e3', '1,5', 'NaN', '1.2.3']) expect(() => toScaled(bad)).toThrow('not a decimal');
  });

  it('orders values correctly whatever their scale', () => {
    expect(compare('1.10', '1.1')).toBe(0);
    expect(compare('-2', '1')).toBe(-1);
    expect(compare('10', '9.999999')).toBe(1);
  });

  it('round-trips and stays consistent under generated values (a + b - b = a)', () => {
    const dec = fc
      .tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 999999 }))
      .map(([i, f]) => `${i}.${String(f).padStart(6, '0')}`);
    fc.assert(
      fc.property(dec, dec, (a, b) => {
        expect(compare(sub(add(a, b), b), a)).toBe(0);
        expect(fromScaled(toScaled(a), 6)).toBe(a.startsWith('-0.000000') ? '0.000000' : a.replace(/^-0\.000000$/, '0.000000'));
      }),
      { numRuns: 300 },
    );
  });
});
