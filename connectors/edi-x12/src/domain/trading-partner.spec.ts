import { followingControlNumbers, MAX_CONTROL_NUMBER } from './control-number';
import {
  applyPartnerPatch,
  newPartner,
  partnerDraftSchema,
  partnerPatchSchema,
  partnerProblems,
  writerDelimiters,
} from './trading-partner';
import { delimitersFor } from '../application/partner-interchange.writer';

const draft = {
  name: 'ACME',
  customerId: '0d6f3a52-5b7e-4c1a-9a43-1c2f7d0a0001',
  isaQualifier: 'ZZ',
  isaId: 'ACMERETAIL',
  gsId: 'ACMERETAIL',
  version: '004010' as const,
};

describe('trading partner profile', () => {
  it('applies the documented defaults', () => {
    const p = newPartner('id-1', partnerDraftSchema.parse(draft), new Date());
    expect(p).toMatchObject({
      documents: ['997'],
      delimiters: { element: '*', component: '>', segment: '~', repetition: '^' },
      destination: { kind: 'folder' },
      duplicateWindowHours: 72,
      hashTotalPolicy: 'warning',
      isaWidth: 'lenient',
      active: true,
    });
  });

  it('takes the new documents (856, 865, 846) and acknowledgement settings, and a patch of something else keeps the documents', () => {
    const p = newPartner(
      'id-1',
      partnerDraftSchema.parse({
        ...draft,
        documents: ['997', '855', '856', '810', '865', '846'],
        ackOverdueHours: 6,
        inventoryAdviceAt: '05:30',
      }),
      new Date(),
    );
    expect(p).toMatchObject({
      documents: ['997', '855', '856', '810', '865', '846'],
      ackOverdueHours: 6,
      inventoryAdviceAt: '05:30',
      ackChangesWith855: false,
    });
    expect(newPartner('id-2', partnerDraftSchema.parse(draft), new Date())).toMatchObject({ ackOverdueHours: 24, inventoryAdviceAt: null });
    const patched = applyPartnerPatch(p, partnerPatchSchema.parse({ inventoryAdviceAt: '06:00' }), new Date());
    expect(patched.documents).toEqual(['997', '855', '856', '810', '865', '846']);
    expect(partnerDraftSchema.safeParse({ ...draft, inventoryAdviceAt: '25:00' }).success).toBe(false);
    expect(partnerDraftSchema.safeParse({ ...draft, ackOverdueHours: 0 }).success).toBe(false);
  });

  it('refuses ambiguous delimiters and ids that would break an envelope', () => {
    expect(partnerDraftSchema.safeParse({ ...draft, delimiters: { element: '*', component: '*', segment: '~' } }).success).toBe(false);
    expect(partnerDraftSchema.safeParse({ ...draft, delimiters: { element: 'A', component: '>', segment: '~' } }).success).toBe(false);
    expect(partnerDraftSchema.safeParse({ ...draft, isaId: 'ACME*RETAIL' }).success).toBe(false);
    expect(partnerDraftSchema.safeParse({ ...draft, isaId: 'A'.repeat(16) }).success).toBe(false);
  });

  it('names cross-field problems: 5010 without a repetition separator, 997 and 999 together', () => {
    const p = newPartner(
      'id-1',
      partnerDraftSchema.parse({
        ...draft,
        version: '005010',
        documents: ['997', '999'],
        delimiters: { element: '*', component: '>', segment: '~' },
      }),
      new Date(),
    );
    expect(partnerProblems(p)).toHaveLength(2);
  });

  it('patches only the given fields', () => {
    const p = newPartner('id-1', partnerDraftSchema.parse(draft), new Date(0));
    const next = applyPartnerPatch(p, { hashTotalPolicy: 'reject' }, new Date(1));
    expect(next).toEqual({ ...p, hashTotalPolicy: 'reject', updatedAt: new Date(1) });
  });

  it('writes 004010 without a repetition separator and 005010 with one', () => {
    const d = { element: '*', component: '>', segment: '~', repetition: '^' };
    expect(writerDelimiters({ version: '004010', delimiters: d })).toEqual({ element: '*', component: '>', segment: '~' });
    expect(writerDelimiters({ version: '005010', delimiters: d })).toEqual(d);
    expect(delimitersFor({ element: '^', component: '>', segment: '~' }, '00501').repetition).toBe('{');
  });
});

describe('control numbers', () => {
  it('continue after the last one and wrap from 999999999 to 1, never 0', () => {
    expect(followingControlNumbers(0, 2)).toEqual([1, 2]);
    expect(followingControlNumbers(MAX_CONTROL_NUMBER - 1, 3)).toEqual([MAX_CONTROL_NUMBER, 1, 2]);
  });
});

describe('partner PATCH', () => {
  it('leaves the documents a partner takes alone when the patch does not name them', () => {
    const { partnerPatchSchema } = jest.requireActual<typeof import('./trading-partner')>('./trading-partner');
    expect(partnerPatchSchema.parse({ name: 'Renamed' })).toEqual({ name: 'Renamed' });
  });
});
