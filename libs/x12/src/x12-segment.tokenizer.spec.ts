import { X12SegmentTokenizer, X12Token } from './x12-segment.tokenizer';

const ISA = (sep = '*', comp = '>', term = '~', control = '000000001'): string =>
  [
    'ISA',
    '00',
    '          ',
    '00',
    '          ',
    'ZZ',
    'BUYERCO        ',
    'ZZ',
    'ORDERHUB       ',
    '240305',
    '1407',
    'U',
    '00401',
    control,
    '0',
    'P',
    comp,
  ].join(sep) + term;

function tokenize(input: string | Buffer, chunkSize?: number): X12Token[] {
  const tokenizer = new X12SegmentTokenizer({ maxSegmentLength: 1000 });
  const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input, 'utf8');
  const out: X12Token[] = [];
  if (chunkSize === undefined) out.push(...tokenizer.push(bytes));
  else for (let i = 0; i < bytes.length; i += chunkSize) out.push(...tokenizer.push(bytes.subarray(i, i + chunkSize)));
  out.push(...tokenizer.end());
  return out;
}

const segments = (tokens: X12Token[]): string[] =>
  tokens.flatMap((t) => (t.kind === 'segment' ? [t.elements.join('|')] : t.kind === 'isa' ? ['ISA'] : []));
const defects = (tokens: X12Token[]): string[] => tokens.flatMap((t) => (t.kind === 'defect' ? [t.defect.code] : []));

describe('X12 segment tokenizer', () => {
  const doc = `${ISA()}GS*PO*A*B*20240305*1407*7*X*004010~ST*850*0001~BEG*00*SA*PO-1**20240301~SE*3*0001~GE*1*7~IEA*1*000000001~`;

  it('gives the same segments whatever the chunk size (byte by byte included)', () => {
    const whole = segments(tokenize(doc));
    expect(whole).toEqual([
      'ISA',
      'GS|PO|A|B|20240305|1407|7|X|004010',
      'ST|850|0001',
      'BEG|00|SA|PO-1||20240301',
      'SE|3|0001',
      'GE|1|7',
      'IEA|1|000000001',
    ]);
    for (const size of [1, 2, 7, 105, 106]) expect(segments(tokenize(doc, size))).toEqual(whole);
  });

  it('skips a UTF-8 BOM, leading whitespace and whitespace/CRLF between segments', () => {
    const messy = `\ufeff \r\n${ISA()}\r\n  GS*PO*A*B*20240305*1407*7*X*004010~\n\tST*850*0001~ \nSE*2*0001~GE*1*7~IEA*1*000000001~\r\n`;
    const tokens = tokenize(messy, 3);
    expect(segments(tokens)).toEqual([
      'ISA',
      'GS|PO|A|B|20240305|1407|7|X|004010',
      'ST|850|0001',
      'SE|2|0001',
      'GE|1|7',
      'IEA|1|000000001',
    ]);
    expect(defects(tokens)).toEqual([]);
  });

  it('follows a second interchange with different delimiters', () => {
    const second = `${ISA('|', '^', '\n', '000000002')}GS|PO|A|B|20240305|1407|8|X|004010\nGE|0|8\nIEA|1|000000002\n`;
    const tokens = tokenize(doc + second, 16);
    expect(segments(tokens).slice(-4)).toEqual(['ISA', 'GS|PO|A|B|20240305|1407|8|X|004010', 'GE|0|8', 'IEA|1|000000002']);
  });

  it('rejoins values split by 80-column wrapping when the terminator is not a line break', () => {
    const flat = doc;
    const wrapped = flat.match(/.{1,80}/g)?.join('\r\n') ?? flat;
    expect(segments(tokenize(wrapped, 5))).toEqual(segments(tokenize(flat)));
  });

  it('keeps UTF-8 text intact', () => {
    const tokens = tokenize(`${ISA()}N1*ST*Müller Straße~IEA*0*000000001~`, 1);
    expect(segments(tokens)).toContain('N1|ST|Müller Straße');
  });

  it('reports content that is not X12, EBCDIC, and bytes between interchanges', () => {
    expect(defects(tokenize('Random file'))).toEqual(['X12.NOT_X12']);
    expect(defects(tokenize(Buffer.from([0xc9, 0xe2, 0xc1, 0x5c, 0xf0, 0xf0])))).toEqual(['X12.EBCDIC_NOT_SUPPORTED']);
    expect(defects(tokenize(`${doc}\nhello there\n${doc}`))).toEqual(['X12.CONTENT_OUTSIDE_INTERCHANGE']);
    expect(defects(tokenize(''))).toEqual(['X12.NOT_X12']);
  });

  it('gives up on a runaway segment without holding it in memory', () => {
    const tokens = tokenize(`${ISA()}GS*${'x'.repeat(5000)}`, 100);
    expect(defects(tokens)).toContain('X12.SEGMENT_TOO_LONG');
  });

  it('reports an ISA cut short by the end of input', () => {
    expect(defects(tokenize(ISA().slice(0, 60)))).toEqual(['X12.ISA_TRUNCATED']);
  });
});
