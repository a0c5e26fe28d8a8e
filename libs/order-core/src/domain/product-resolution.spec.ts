import { normalizeGtin, resolveProduct } from './product-resolution';
import { aCatalog } from './testing/purchase-order.builder';

const widget = { sku: 'WIDGET-1' };
const gadget = { sku: 'GADGET-9' };
// 036000291452 is a well-known valid UPC-A.
const UPC = '036000291452';
const GTIN14 = '00036000291452';

describe('resolveProduct', () => {
  const catalog = aCatalog({
    skus: [widget, gadget],
    customerParts: { 'ACME-77': widget, 'ACME-99': gadget },
    gtins: { [GTIN14]: widget },
  });

  it('matches our own item number first', () => {
    const result = resolveProduct([{ qualifier: 'VN', value: 'WIDGET-1' }], catalog);
    expect(result).toMatchObject({ status: 'matched', product: widget, matchedBy: { qualifier: 'VN', source: 'sku' } });
  });

  it('prefers our item number over a buyer part number sent before it, and records both', () => {
    const result = resolveProduct(
      [
        { qualifier: 'BP', value: 'ACME-77' },
        { qualifier: 'VN', value: 'WIDGET-1' },
      ],
      catalog,
    );
    expect(result).toMatchObject({ status: 'matched', matchedBy: { qualifier: 'VN' } });
    expect(result.attempts.map((a) => [a.qualifier, a.outcome])).toEqual([
      ['VN', 'matched'],
      ['BP', 'matched'],
    ]);
  });

  it('falls back to the customer cross-reference, then to the UPC', () => {
    expect(resolveProduct([{ qualifier: 'IN', value: 'ACME-77' }], catalog)).toMatchObject({
      status: 'matched',
      matchedBy: { source: 'customer-part' },
    });
    expect(resolveProduct([{ qualifier: 'UP', value: UPC }], catalog)).toMatchObject({
      status: 'matched',
      matchedBy: { source: 'gtin' },
      product: widget,
    });
  });

  it('reads EAN-13 and GTIN-14 forms of the same code', () => {
    expect(resolveProduct([{ qualifier: 'EN', value: `0${UPC}` }], catalog)).toMatchObject({ status: 'matched', product: widget });
    expect(resolveProduct([{ qualifier: 'UK', value: GTIN14 }], catalog)).toMatchObject({ status: 'matched', product: widget });
  });

  it('flags identifiers that point at different skus as ambiguous', () => {
    const result = resolveProduct(
      [
        { qualifier: 'VN', value: 'WIDGET-1' },
        { qualifier: 'BP', value: 'ACME-99' },
      ],
      catalog,
    );
    expect(result.status).toBe('ambiguous');
    expect(result.status === 'ambiguous' && result.candidates.map((c) => c.sku)).toEqual(['WIDGET-1', 'GADGET-9']);
  });

  it('is not ambiguous when every identifier agrees', () => {
    const ids = [
      { qualifier: 'UP', value: UPC },
      { qualifier: 'BP', value: 'ACME-77' },
      { qualifier: 'VN', value: 'WIDGET-1' },
    ];
    expect(resolveProduct(ids, catalog).status).toBe('matched');
  });

  it('reports unknown with every attempt, including bad check digits and unsupported qualifiers', () => {
    const result = resolveProduct(
      [
        { qualifier: 'PI', value: 'MFR-1' },
        { qualifier: 'UP', value: '036000291453' },
        { qualifier: 'VN', value: 'NOPE' },
      ],
      catalog,
    );
    expect(result.status).toBe('unknown');
    expect(result.attempts.map((a) => [a.qualifier, a.outcome])).toEqual([
      ['VN', 'not-found'],
      ['UP', 'invalid'],
      ['PI', 'unsupported'],
    ]);
  });
});

describe('resolveProduct on VP, CB and MG', () => {
  const catalog = aCatalog({
    skus: [widget, gadget],
    customerParts: { 'CAT-100': gadget, 'MFR-ABC-1': widget, 'MFR-ABC-2': gadget },
    gtins: {},
  });

  it('matches a line named only by the seller part number (VP) to our sku', () => {
    expect(resolveProduct([{ qualifier: 'VP', value: 'GADGET-9' }], catalog)).toMatchObject({
      status: 'matched',
      product: gadget,
      matchedBy: { qualifier: 'VP', source: 'sku' },
    });
  });

  it('matches the buyer catalog number (CB) through the customer cross-reference', () => {
    expect(resolveProduct([{ qualifier: 'CB', value: 'CAT-100' }], catalog)).toMatchObject({
      status: 'matched',
      product: gadget,
      matchedBy: { qualifier: 'CB', source: 'customer-part' },
    });
  });

  it('keeps two manufacturer parts (MG) apart: each matches its own sku, an unmapped one matches none', () => {
    expect(resolveProduct([{ qualifier: 'MG', value: 'MFR-ABC-1' }], catalog)).toMatchObject({ status: 'matched', product: widget });
    expect(resolveProduct([{ qualifier: 'MG', value: 'MFR-ABC-2' }], catalog)).toMatchObject({ status: 'matched', product: gadget });
    expect(resolveProduct([{ qualifier: 'MG', value: 'MFR-ABC-3' }], catalog).status).toBe('unknown');
    // Contradicting identifiers on one line are shown to an operator, never resolved by guessing.
    expect(
      resolveProduct(
        [
          { qualifier: 'MG', value: 'MFR-ABC-1' },
          { qualifier: 'CB', value: 'CAT-100' },
        ],
        catalog,
      ).status,
    ).toBe('ambiguous');
  });
});

describe('normalizeGtin', () => {
  it.each([
    [UPC, GTIN14],
    ['0 36000 29145 2', GTIN14],
    ['4006381333931', '04006381333931'],
    ['96385074', '00000096385074'],
  ])('%s → %s', (input, expected) => expect(normalizeGtin(input)).toBe(expected));

  it.each(['036000291453', '12345', 'ABCDEFGHIJKL', ''])('refuses %j', (input) => expect(normalizeGtin(input)).toBeNull());
});
