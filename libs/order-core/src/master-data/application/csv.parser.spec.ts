import { CsvSyntaxError, csvToObjects, parseCsv } from './csv.parser';

describe('parseCsv (RFC 4180)', () => {
  it('splits plain fields and records, with CRLF or LF line ends', () => {
    expect(parseCsv('a,b,c\r\n1,2,3\n4,5,6').map((r) => r.fields)).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const records = parseCsv('sku,description\nHW-1,"Screw, wood ""#8"", zinc"\nHW-2,"two\nlines"\nHW-3,after\n');
    expect(records.map((r) => r.fields)).toEqual([
      ['sku', 'description'],
      ['HW-1', 'Screw, wood "#8", zinc'],
      ['HW-2', 'two\nlines'],
      ['HW-3', 'after'],
    ]);
    // A record's line is where it starts, even after a field that spans lines.
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 5]);
  });

  it('keeps empty fields, including a trailing one and an empty quoted one', () => {
    expect(parseCsv('a,,c,\n"",x,"",').map((r) => r.fields)).toEqual([
      ['a', '', 'c', ''],
      ['', 'x', '', ''],
    ]);
  });

  it('ignores a byte-order mark, blank lines and the final newline', () => {
    expect(parseCsv('\ufeffa,b\n\n1,2\n\n').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('refuses an unterminated quote, text after a closing quote and a stray quote, naming the line', () => {
    expect(() => parseCsv('a,b\n1,"open')).toThrow(new CsvSyntaxError(2, 'a quoted field is never closed'));
    expect(() => parseCsv('a\n"x"y')).toThrow(/line 2: text after a closing quote/);
    expect(() => parseCsv('a\nx"y')).toThrow(/line 2: a quote inside an unquoted field/);
  });
});

describe('csvToObjects', () => {
  it('names fields by the header and drops empty ones', () => {
    expect(csvToObjects('sku, description ,upc\nHW-1,"Screw, wood",\n')).toEqual([
      { line: 2, values: { sku: 'HW-1', description: 'Screw, wood' } },
    ]);
  });

  it('refuses a record with more fields than the header', () => {
    expect(() => csvToObjects('a,b\n1,2,3')).toThrow(/line 2: 3 fields but the header names 2/);
  });
});
