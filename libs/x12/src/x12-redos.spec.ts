import { trimPadding } from './x12-envelope.validator';
import { trimTrailingLineSpace, X12SegmentTokenizer, X12Token } from './x12-segment.tokenizer';

/**
 * Partner input reaches these trims (HTTP with a partner key, or a drop folder). Each used a regex that backtracks
 * quadratically on a long whitespace run followed by another character: 40 000 characters took a second, and a
 * segment may be 1 000 000. A blocked event loop stops every door of the hub, so the bound here is generous but
 * far below what the old code took.
 */
const LIMIT_MS = 1_000;

function timed<T>(work: () => T): { value: T; ms: number } {
  const start = process.hrtime.bigint();
  const value = work();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

const ISA_LF =
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
    '000000001',
    '0',
    'P',
    '>',
  ].join('*') + '\n';

describe('X12 trims on hostile input', () => {
  it('trimTrailingLineSpace strips trailing spaces, tabs and line breaks only', () => {
    expect(trimTrailingLineSpace('SE*2*0001 \t\r\n')).toBe('SE*2*0001');
    expect(trimTrailingLineSpace('  N1*ST  x')).toBe('  N1*ST  x');
    expect(trimTrailingLineSpace('   ')).toBe('');
    expect(trimTrailingLineSpace('')).toBe('');
    expect(trimTrailingLineSpace('A\u00a0')).toBe('A\u00a0'); // NBSP is data here, as before
  });

  it('trimPadding strips spaces and NBSP padding on both ends, as before', () => {
    expect(trimPadding('  ACME\u00a0\u00a0 ')).toBe('ACME');
    expect(trimPadding('\u00a0ZZ')).toBe('ZZ');
    expect(trimPadding('A B')).toBe('A B');
  });

  it('trimPadding is linear on a long padding run followed by a character', () => {
    const hostile = 'A' + ' '.repeat(1_000_000) + 'x';
    const { value, ms } = timed(() => trimPadding(hostile));
    expect(value).toBe(hostile);
    expect(ms).toBeLessThan(LIMIT_MS);
  });

  it('tokenizes a line-terminated 1 MB segment of spaces ending in a character without stalling', () => {
    const hostile = `ST*850*${' '.repeat(990_000)}x`;
    const doc = `${ISA_LF}GS*PO*A*B*20240305*1407*7*X*004010\n${hostile}\nSE*2*0001\nGE*1*7\nIEA*1*000000001\n`;
    const { value: tokens, ms } = timed(() => {
      const tokenizer = new X12SegmentTokenizer();
      const out: X12Token[] = [...tokenizer.push(Buffer.from(doc, 'latin1')), ...tokenizer.end()];
      return out;
    });
    expect(ms).toBeLessThan(LIMIT_MS);
    const ids = tokens.flatMap((t) => (t.kind === 'segment' ? [t.elements[0]] : t.kind === 'isa' ? ['ISA'] : []));
    expect(ids).toEqual(['ISA', 'GS', 'ST', 'SE', 'GE', 'IEA']);
  });
});
