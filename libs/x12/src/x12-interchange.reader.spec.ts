import { Readable } from 'node:stream';
import { readX12, readX12Sync, toInterchangeTrees } from './x12-interchange.reader';
import { a850Set, anInterchange } from './x12-test.builders';
import { writeInterchangeText } from './x12.writer';

const text = writeInterchangeText(anInterchange({ sets: [a850Set(1), a850Set(2)] }));
const read = (input: string, options = {}) => toInterchangeTrees(readX12Sync(input, options));
const codesOf = (list: Array<{ code: string; severity: string }>) => list.filter((d) => d.severity !== 'info').map((d) => d.code);

describe('streaming interchange reader', () => {
  it('yields interchange → group → sets from a Readable in small chunks', async () => {
    const chunks = text.match(/[\s\S]{1,13}/g) ?? [];
    const types: string[] = [];
    for await (const event of readX12(Readable.from(chunks.map((c) => Buffer.from(c))))) types.push(event.type);
    expect(types).toEqual(['interchange', 'group', 'transaction-set', 'transaction-set', 'group-end', 'interchange-end']);
  });

  it('gives each set its segments ST..SE and no defects when the envelope is right', () => {
    const { interchanges } = read(text);
    const sets = interchanges[0].groups[0].sets;
    expect(sets.map((s) => [s.id, s.controlNumber, s.segments[0][0], s.segments.at(-1)?.[0], s.defects])).toEqual([
      ['850', '0001', 'ST', 'SE', []],
      ['850', '0002', 'ST', 'SE', []],
    ]);
    expect(codesOf(interchanges[0].result.defects)).toEqual([]);
  });

  it('reports a missing SE, GE and IEA with their ack codes', () => {
    const broken = text
      .replace(/SE\*\d+\*0002~/, '')
      .replace(/GE\*[^~]*~/, '')
      .replace(/IEA\*[^~]*~/, '');
    const { interchanges } = read(broken);
    const [ic] = interchanges;
    expect(ic.groups[0].sets[1].defects.map((d) => [d.code, d.ak502])).toEqual([['X12.SE_MISSING', '2']]);
    expect(ic.groups[0].result.defects.map((d) => [d.code, d.ak905])).toEqual([['X12.GE_MISSING', '3']]);
    expect(ic.result.defects.map((d) => [d.code, d.ta1])).toEqual([['X12.IEA_MISSING', '023']]);
  });

  it('finds duplicate ST02 in a group and reports unsupported sets', () => {
    const dup = writeInterchangeText(anInterchange({ sets: [a850Set(1), { ...a850Set(2), id: '810' }] })).replace(/\*0002~/g, '*0001~');
    const { interchanges } = read(dup, { supportedTransactionSets: ['850'] });
    expect(interchanges[0].groups[0].sets[1].defects.map((d) => d.ak502)).toEqual(['23', '1']);
  });

  it('treats an ISA before IEA as a new interchange and the old one as unterminated', () => {
    const twice = text.replace(/IEA\*[^~]*~/, '') + text.replaceAll('000000001', '000000002');
    const { interchanges } = read(twice);
    expect(interchanges.map((i) => codesOf(i.result.defects))).toEqual([['X12.IEA_MISSING'], []]);
  });

  it('never holds more than one set: a huge set is cut off and rejected', () => {
    const { interchanges } = read(text, { maxSetSegments: 3 });
    const set = interchanges[0].groups[0].sets[0];
    expect(set.segments.length).toBe(3);
    expect(set.defects.map((d) => d.code)).toContain('X12.SET_TOO_LARGE');
  });
});
