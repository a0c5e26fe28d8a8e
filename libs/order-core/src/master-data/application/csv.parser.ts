/**
 * RFC 4180 CSV: comma-separated fields, double-quoted fields may hold commas, line breaks and doubled quotes
 * (""), records end in CRLF or LF. Spreadsheet exports add a UTF-8 byte-order mark and a trailing newline; both are
 * tolerated. Anything else that is malformed (a quote inside an unquoted field, text after a closing quote, an
 * unterminated quote) is an error naming the line, because guessing would shift values into the wrong columns.
 */
export interface CsvRecord {
  /** 1-based line on which the record starts (records may span lines inside quotes). */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

export function parseCsv(input: string): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  // After a closing quote only a delimiter or end of record may follow.
  let afterQuoted = false;
  let fieldStarted = false;

  const endField = () => {
    fields.push(field);
    field = '';
    afterQuoted = false;
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    // A blank line is not a record of one empty field.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };

  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      if (fieldStarted || afterQuoted) throw new CsvSyntaxError(line, 'a quote inside an unquoted field (quote the whole field and double the quote)');
      i += 1;
      const startLine = line;
      for (;;) {
        if (i >= text.length) throw new CsvSyntaxError(startLine, 'a quoted field is never closed');
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        if (q === '\n') line += 1;
        field += q;
        i += 1;
      }
      afterQuoted = true;
      continue;
    }
    if (c === ',') {
      endField();
      i += 1;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    if (afterQuoted) throw new CsvSyntaxError(line, 'text after a closing quote');
    field += c;
    fieldStarted = true;
    i += 1;
  }
  if (fieldStarted || afterQuoted || fields.length > 0) endRecord();
  return records;
}

/** The header row names the columns; each later record becomes an object of the non-empty fields. */
export function csvToObjects(input: string): Array<{ line: number; values: Record<string, string> }> {
  const [header, ...rows] = parseCsv(input);
  if (!header) return [];
  const names = header.fields.map((h) => h.trim());
  return rows.map((r) => {
    if (r.fields.length > names.length) throw new CsvSyntaxError(r.line, `${r.fields.length} fields but the header names ${names.length}`);
    const values: Record<string, string> = {};
    names.forEach((name, idx) => {
      const value = r.fields[idx];
      if (name && value !== undefined && value.trim() !== '') values[name] = value.trim();
    });
    return { line: r.line, values };
  });
}
