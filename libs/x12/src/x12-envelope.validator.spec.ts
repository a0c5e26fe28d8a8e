import { checkGroupTrailer, checkInterchangeTrailer, checkSetTrailer, validateIsa } from './x12-envelope.validator';

const fields = (overrides: Record<number, string> = {}): string[] => {
  const base = [
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
  ];
  for (const [k, v] of Object.entries(overrides)) base[Number(k)] = v;
  return base;
};
const delimiters = { element: '*', component: '>', segment: '~' };
const codes = (list: Array<{ code: string; ta1?: string; severity: string }>) =>
  list.filter((d) => d.severity !== 'info').map((d) => `${d.code}:${d.ta1 ?? ''}:${d.severity}`);

describe('envelope validation', () => {
  it('accepts a well-formed ISA', () => {
    expect(codes(validateIsa(fields(), delimiters))).toEqual([]);
  });

  it('refuses short padding with the TA1 code of the field (011 for ISA02), or only warns when lenient', () => {
    expect(codes(validateIsa(fields({ 2: '      ' }), delimiters))).toEqual(['X12.ISA_FIELD_INVALID:011:error']);
    expect(codes(validateIsa(fields({ 2: '      ' }), delimiters, { isaWidth: 'lenient' }))).toEqual(['X12.ISA_FIELD_INVALID:011:warning']);
  });

  it('checks dates, control number, ack flag and usage', () => {
    const found = codes(validateIsa(fields({ 9: '241305', 13: '00000000A', 14: '2', 15: 'X' }), delimiters));
    expect(found).toEqual([
      'X12.ISA_FIELD_INVALID:018:error',
      'X12.ISA_FIELD_INVALID:019:error',
      'X12.ISA_FIELD_INVALID:020:error',
      'X12.ISA_FIELD_INVALID:014:error',
    ]);
  });

  it('checks the receiver against our ids and the sender against the partner', () => {
    expect(codes(validateIsa(fields(), delimiters, { expectedReceivers: [{ qualifier: 'ZZ', id: 'ORDERHUB' }] }))).toEqual([]);
    expect(codes(validateIsa(fields(), delimiters, { expectedReceivers: [{ id: 'SOMEONEELSE' }] }))).toEqual([
      'X12.RECEIVER_UNKNOWN:009:error',
    ]);
    expect(codes(validateIsa(fields(), delimiters, { expectedSenders: [{ qualifier: '01', id: 'BUYERCO' }] }))).toEqual([
      'X12.SENDER_UNKNOWN:006:error',
    ]);
  });

  it('matches trailers with headers and counts', () => {
    expect(checkSetTrailer(['ST', '850', '0001'], ['SE', '5', '0001'], 5)).toEqual([]);
    expect(checkSetTrailer(['ST', '850', '0001'], ['SE', '4', '0002'], 5).map((d) => d.ak502)).toEqual(['4', '3']);
    expect(checkGroupTrailer(['GS', 'PO', 'A', 'B', 'd', 't', '7', 'X', '004010'], ['GE', '2', '8'], 1).map((d) => d.ak905)).toEqual([
      '5',
      '4',
    ]);
    expect(checkInterchangeTrailer('000000001', ['IEA', '2', '000000009'], 1).map((d) => d.ta1)).toEqual(['021', '001']);
  });
});
