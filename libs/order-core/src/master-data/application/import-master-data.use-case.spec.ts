import { csvValues, toRows } from './import-master-data.use-case';

describe('import rows', () => {
  it('gives CSV values the JSON types the schemas expect', () => {
    expect(
      csvValues({
        code: 'ACME',
        emails: 'a@x.example; @y.example',
        creditHold: 'yes',
        leadTimeDays: '4',
        conversions: 'CS=12;PL=480',
        'shipTo.code': '0042',
        'shipTo.isDefault': 'false',
      }),
    ).toEqual({
      code: 'ACME',
      emails: ['a@x.example', '@y.example'],
      creditHold: true,
      leadTimeDays: 4,
      conversions: [
        { uom: 'CS', factor: '12' },
        { uom: 'PL', factor: '480' },
      ],
      shipTo: [{ code: '0042', isDefault: false }],
    });
  });

  it('leaves unparseable values as strings so validation names them', () => {
    expect(csvValues({ creditHold: 'maybe', priority: 'high' })).toEqual({ creditHold: 'maybe', priority: 'high' });
  });

  it('numbers rows from 1 for JSON arrays and CSV records alike', () => {
    expect(toRows([{ sku: 'A' }, { sku: 'B' }]).map((r) => r.row)).toEqual([1, 2]);
    expect(toRows('sku\nA\nB\n').map((r) => [r.row, r.values.sku])).toEqual([
      [1, 'A'],
      [2, 'B'],
    ]);
  });

  it('refuses malformed CSV with the line, and a body that is neither an array nor CSV', () => {
    expect(() => toRows('sku\n"open')).toThrow(expect.objectContaining({ code: 'IMPORT.CSV_MALFORMED' }));
    expect(() => toRows({ sku: 'A' })).toThrow(expect.objectContaining({ code: 'VALIDATION.FAILED' }));
  });
});
