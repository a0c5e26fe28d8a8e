import fc from 'fast-check';
import { normalize } from '@orderhub/contracts';
import { formatImplied2, formatX12Date, parseImplied2, parseReal, parseX12Date, sanitizeText } from './x12-values';

describe('X12 value conversions', () => {
  it('parses R numbers exactly, including ".5" and "5."', () => {
    expect(parseReal('12.50')).toBe('12.5');
    expect(parseReal('.5')).toBe('0.5');
    expect(parseReal('5.')).toBe('5');
    expect(parseReal('0.1')).toBe('0.1');
    expect(parseReal('1e3')).toBeUndefined();
    expect(parseReal('')).toBeUndefined();
  });

  it('reads and writes N2 implied decimals', () => {
    expect(parseImplied2('12345')).toBe('123.45');
    expect(parseImplied2('5')).toBe('0.05');
    expect(parseImplied2('-250')).toBe('-2.5');
    expect(parseImplied2('12.5')).toBeUndefined();
    expect(formatImplied2('123.45')).toBe('12345');
    expect(formatImplied2('0.005')).toBe('1');
    expect(formatImplied2('137.34')).toBe('13734');
  });

  it('reads CCYYMMDD and YYMMDD dates and rejects impossible ones', () => {
    expect(parseX12Date('20240229')).toBe('2024-02-29');
    expect(parseX12Date('090827')).toBe('2009-08-27');
    expect(parseX12Date('980319')).toBe('1998-03-19');
    expect(parseX12Date('20230229')).toBeUndefined();
    expect(parseX12Date('01230123')).toBeUndefined();
    expect(formatX12Date('2024-03-01')).toBe('20240301');
  });

  it('cleans delimiters out of free text', () => {
    expect(sanitizeText('Store 12*North~East', ['*', '~'])).toBe('Store 12 North East');
  });
});

describe('parseReal fast path', () => {
  it('agrees with the exact decimal normalization for every plain decimal (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?\d{1,12}(\.\d{0,8})?$/), (text) => {
        const slow = /^-?\d+\.$/.test(text) ? text.slice(0, -1) : text;
        expect(parseReal(text)).toBe(normalize(slow));
      }),
      { numRuns: 2000 },
    );
  });
});
