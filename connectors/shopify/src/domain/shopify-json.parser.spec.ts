import { parseShopifyJson } from './shopify-json.parser';

const parse = (text: string): unknown => parseShopifyJson(Buffer.from(text, 'utf8'));

describe('parseShopifyJson', () => {
  it('keeps 64-bit ids digit for digit (JSON.parse would round them)', () => {
    expect(String((JSON.parse('{"id":820982911946154508}') as { id: number }).id)).not.toBe('820982911946154508');
    expect(parse('{"id":820982911946154508,"ids":[18446744073709551615,-9007199254740993]}')).toEqual({
      id: '820982911946154508',
      ids: ['18446744073709551615', '-9007199254740993'],
    });
  });

  it('keeps fractional and exponent numbers as their exact text, safe integers as numbers', () => {
    expect(parse('{"rate":0.06,"big":1.10,"e":1e-7,"qty":3,"neg":-2,"max":9007199254740991}')).toEqual({
      rate: '0.06',
      big: '1.10',
      e: '1e-7',
      qty: 3,
      neg: -2,
      max: 9007199254740991,
    });
  });

  it('leaves numbers inside strings alone, escaped quotes included', () => {
    expect(parse('{"note":"order 820982911946154508 \\"rush\\" 0.5","n":1.5}')).toEqual({
      note: 'order 820982911946154508 "rush" 0.5',
      n: '1.5',
    });
  });

  it.each([
    ['truncated JSON', '{"id": 1'],
    ['a bare trailing decimal point', '{"a":1.}'],
    ['a number as an object key', '{"a":1,1.5:2}'],
    ['plain text', 'hello'],
  ])('refuses %s as SHOPIFY.MALFORMED_JSON', (_name, text) => {
    expect(() => parse(text)).toThrow(expect.objectContaining({ code: 'SHOPIFY.MALFORMED_JSON' }));
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(() => parseShopifyJson(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]))).toThrow(
      expect.objectContaining({ code: 'SHOPIFY.MALFORMED_JSON', message: expect.stringContaining('UTF-8') }),
    );
  });
});
