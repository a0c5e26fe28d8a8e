import { delimiterProblems, detectDelimiters, scanIsaHeader } from './x12-delimiters';

const ISA_4010 = 'ISA*00*          *00*          *ZZ*BUYERCO        *ZZ*ORDERHUB       *240305*1407*U*00401*000000001*0*P*>~';
const ISA_5010 = 'ISA*00*          *00*          *ZZ*BUYERCO        *ZZ*ORDERHUB       *240305*1407*^*00501*000000001*0*P*:~';

describe('ISA delimiter detection', () => {
  it('reads element, component and segment delimiters, and no repetition separator before 00402', () => {
    expect(detectDelimiters(`${ISA_4010}GS*PO~`)).toEqual({ element: '*', component: '>', segment: '~', repetition: undefined });
  });

  it('takes ISA11 as the repetition separator from 00402 on', () => {
    expect(detectDelimiters(ISA_5010)?.repetition).toBe('^');
  });

  it('understands a line break as the segment terminator', () => {
    const result = scanIsaHeader(`${ISA_4010.slice(0, -1)}\nGS*PO`, 0, false);
    expect(result.kind === 'ok' && result.scan.delimiters.segment).toBe('\n');
    expect(result.kind === 'ok' && result.scan.lineTerminated).toBe(true);
  });

  it('unwraps an ISA broken at 80 columns, even between ISA16 and the terminator', () => {
    const flat = ISA_4010;
    const wrapped = `${flat.slice(0, 80)}\r\n${flat.slice(80, 105)}\r\n${flat.slice(105)}GS*PO~`;
    const result = scanIsaHeader(wrapped, 0, false);
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.scan.wrapped).toBe(true);
    expect(result.scan.delimiters).toMatchObject({ element: '*', component: '>', segment: '~' });
    expect(result.scan.fields[13]).toBe('000000001');
  });

  it('handles unusual separators: |, 0x07, 0x7F and ~ as element separator', () => {
    for (const sep of ['|', '\u0007', '\u007f', '~']) {
      const isa = ISA_4010.replace(/\*/g, sep).replace(/~$/, sep === '~' ? '\n' : '~');
      expect(detectDelimiters(isa)?.element).toBe(sep);
    }
  });

  it('asks for more input when a chunk ends inside the ISA, and refuses non-ISA text', () => {
    expect(scanIsaHeader(ISA_4010.slice(0, 50), 0, false).kind).toBe('more');
    expect(scanIsaHeader(ISA_4010.slice(0, 50), 0, true).kind).toBe('invalid');
    expect(scanIsaHeader('ISAAC NEWTON', 0, true).kind).toBe('invalid');
  });

  it('flags ambiguous delimiter sets', () => {
    expect(delimiterProblems({ element: '*', component: '*', segment: '~' })).toContain('delimiters must be distinct');
    expect(delimiterProblems({ element: 'A', component: ':', segment: '~' }).length).toBeGreaterThan(0);
    expect(delimiterProblems({ element: '*', component: ':', segment: '\n', repetition: '^' })).toEqual([]);
  });
});
