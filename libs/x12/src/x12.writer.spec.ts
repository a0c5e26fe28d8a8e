import fc from 'fast-check';
import { X12Delimiters } from './x12-delimiters';
import { readX12Sync, toInterchangeTrees } from './x12-interchange.reader';
import { a850Set, anIdentity, anInterchange, parseWithNodeX12 } from './x12-test.builders';
import { writeInterchange, writeInterchangeText, X12SegmentDraft } from './x12.writer';

describe('X12 writer', () => {
  it('writes a fixed-width ISA (106 chars) with padded ids, yymmdd/hhmm and nine-digit control number', () => {
    const out = writeInterchangeText(anInterchange({ identity: { controlNumber: 42 } }));
    const isa = out.slice(0, out.indexOf('~') + 1);
    expect(isa).toHaveLength(106);
    expect(isa).toBe('ISA*00*          *00*          *ZZ*BUYERCO        *ZZ*ORDERHUB       *240305*1407*U*00401*000000042*0*P*:~');
    expect(out).toContain('GS*PO*BUYERCO*ORDERHUB*20240305*1407*7*X*004010~');
    expect(out.endsWith('GE*1*7~IEA*1*000000042~')).toBe(true);
  });

  it('counts segments in SE01 (ST..SE inclusive) and is accepted by node-x12 in strict mode', () => {
    const bytes = writeInterchange(anInterchange({ sets: [a850Set(1), a850Set(2)] }));
    const parsed = parseWithNodeX12(bytes);
    const sets = parsed.functionalGroups[0].transactions;
    expect(sets).toHaveLength(2);
    expect(bytes.toString()).toContain('SE*5*0001~');
  });

  it('uses ISA11 as repetition separator for 00501', () => {
    const out = writeInterchangeText(anInterchange({ identity: { version: '00501' }, gsVersion: '005010' }));
    expect(out.slice(0, 106)).toContain('*^*00501*');
  });

  it('refuses a value containing a delimiter with a coded error', () => {
    const draft = anInterchange({ sets: [a850Set(1, [['BEG', '00', 'SA', 'PO*1', undefined, '20240301']])] });
    expect(() => writeInterchange(draft)).toThrow(expect.objectContaining({ code: 'X12.DELIMITER_IN_VALUE' }));
    expect(() => writeInterchange(anInterchange({ identity: { sender: { qualifier: 'ZZ', id: 'A-VERY-LONG-SENDER-ID' } } }))).toThrow(
      expect.objectContaining({ code: 'X12.ENVELOPE_INVALID' }),
    );
  });

  it('drops trailing empty elements', () => {
    const out = writeInterchangeText(anInterchange({ sets: [a850Set(1, [['REF', 'PO', '1', undefined, '']])] }));
    expect(out).toContain('~REF*PO*1~');
  });
});

// Delimiters: distinct, non-alphanumeric, non-space; only the terminator may be a line break.
const delimiterPool = ['*', '|', '^', '~', ':', '>', '!', '\u0007', '\u007f', '\u001d', '+', '#'];
const arbDelimiters: fc.Arbitrary<X12Delimiters> = fc
  .tuple(fc.shuffledSubarray(delimiterPool, { minLength: 4, maxLength: 4 }), fc.boolean())
  .map(([[element, component, segment, repetition], newline]) => ({ element, component, segment: newline ? '\n' : segment, repetition }));
const value = fc.stringMatching(/^[A-Z0-9][A-Z0-9 .\-/]{0,11}[A-Z0-9]$|^[A-Z0-9]$/);
const arbSegment: fc.Arbitrary<X12SegmentDraft> = fc
  .tuple(fc.stringMatching(/^[A-Z][A-Z0-9]{1,2}$/), fc.array(fc.option(value, { nil: '' }), { minLength: 1, maxLength: 8 }), value)
  .filter(([tag]) => !['ISA', 'IEA', 'GS', 'GE', 'ST', 'SE', 'TA1'].includes(tag))
  .map(([tag, middle, last]) => [tag, ...middle, last]);

describe('write → read round trip (property)', () => {
  it('reads back exactly the segments written, under any valid delimiter set', () => {
    fc.assert(
      fc.property(
        arbDelimiters,
        fc.array(fc.array(arbSegment, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (delimiters, bodies, v5010) => {
          const draft = {
            ...anInterchange({ identity: v5010 ? { version: '00501' } : {}, gsVersion: v5010 ? '005010' : '004010' }),
            delimiters: v5010 ? delimiters : { ...delimiters, repetition: undefined },
          };
          draft.groups[0].sets = bodies.map((segments, i) => ({ id: '850', controlNumber: i + 1, segments }));
          // Arbitrary segments are not an 850: the envelope and tokens are what this property is about.
          const { interchanges, streamDefects } = toInterchangeTrees(readX12Sync(writeInterchange(draft), { dictionary: false }));
          expect(streamDefects).toEqual([]);
          expect(interchanges).toHaveLength(1);
          const [ic] = interchanges;
          expect(ic.result.defects.filter((d) => d.severity !== 'info')).toEqual([]);
          expect(ic.result.interchange.delimiters.element).toBe(delimiters.element);
          const sets = ic.groups[0].sets;
          expect(sets.map((s) => s.defects)).toEqual(bodies.map(() => []));
          expect(sets.map((s) => s.segments.slice(1, -1))).toEqual(bodies.map((b) => b.map((seg) => [...seg])));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps identity fields through the ISA', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9]{1,15}$/), fc.integer({ min: 1, max: 999_999_999 }), (id, control) => {
        const bytes = writeInterchange(
          anInterchange({ identity: { ...anIdentity(), sender: { qualifier: '01', id }, controlNumber: control } }),
        );
        const [ic] = toInterchangeTrees(readX12Sync(bytes)).interchanges;
        expect(ic.result.interchange.senderId).toBe(id);
        expect(Number(ic.result.interchange.controlNumber)).toBe(control);
      }),
    );
  });
});
