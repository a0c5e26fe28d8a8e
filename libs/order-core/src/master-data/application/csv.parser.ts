import { CsvError, parse } from 'csv-parse/sync';

/**
 * RFC 4180 CSV read with `csv-parse`: comma-separated fields, double-quoted fields may hold commas, line breaks and
 * doubled quotes (""), records end in CRLF or LF. Spreadsheet exports add a UTF-8 byte-order mark, blank lines and
 * a trailing newline; all are tolerated. Anything else that is malformed (a quote inside an unquoted field, text
 * after a closing quote, an unterminated quote) is an error naming the line, because guessing would shift values
 * into the wrong columns.
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

/** csv-parse's codes in words an admin fixing a spreadsheet understands. */
const EXPLAINED: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'text after a closing quote',
  INVALID_OPENING_QUOTE: 'a quote inside an unquoted field (quote the whole field and double the quote)',
};

export function parseCsv(input: string): CsvRecord[] {
  let parsed: Array<{ record: string[]; info: { lines: number } }>;
  try {
    parsed = parse(input, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as unknown as typeof parsed;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof (error as CsvError & { lines?: number }).lines === 'number' ? (error as CsvError & { lines: number }).lines : 0;
      throw new CsvSyntaxError(line, EXPLAINED[error.code] ?? error.message);
    }
    throw error;
  }
  // csv-parse reports the line a record ends on; a record starts as many lines earlier as its fields hold breaks.
  return parsed.map(({ record, info }) => ({
    line: info.lines - record.reduce((n, f) => n + (f.match(/\r\n|\r|\n/g)?.length ?? 0), 0),
    fields: record,
  }));
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
