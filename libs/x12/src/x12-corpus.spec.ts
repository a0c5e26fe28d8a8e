import { createReadStream } from 'node:fs';
import { corpusFiles, corpusPath, describeWithCorpus } from '@orderhub/testing';
import { ackGroupFrom, buildTa1, functionalAckGroup, functionalAckKind, groupStatus, ta1Required } from './functional-ack.builder';
import { mapPurchaseOrder850, Po850Context } from './po850.mapper';
import { statusOf, syntaxDefects, X12Defect } from './x12-defects';
import type { X12TransactionSet } from './x12-envelope.model';
import { readX12 } from './x12-interchange.reader';
import { anIdentity, parseWithNodeX12 } from './x12-test.builders';
import { readX12Sync, toInterchangeTrees } from './x12-interchange.reader';
import { writeInterchange } from './x12.writer';
import type { PurchaseOrderInput } from '@orderhub/contracts';

interface SetOutcome {
  id: string;
  control: string;
  /** The 997/999 verdict (syntax and envelope only). */
  status: 'A' | 'E' | 'R';
  /** Business problems: the order goes to the exceptions queue instead of being raised. */
  exception: boolean;
  codes: string[];
  ak502: string[];
  po?: PurchaseOrderInput;
}
interface FileOutcome {
  stream: string[];
  interchanges: Array<{
    control: string;
    ta1?: readonly unknown[];
    codes: string[];
    groups: Array<{ ak9: string; codes: string[]; ak905: string[]; sets: SetOutcome[] }>;
  }>;
  acks: Buffer[];
}

const context: Po850Context = { rawDocumentId: 'raw', sender: 'partner', receivedAt: '2024-01-01T00:00:00Z' };
const errorsOf = (defects: readonly X12Defect[]) => defects.filter((d) => d.severity !== 'info');

/** What the EDI connector will do with a file: read (streaming), map 850s, answer TA1 and 997/999. */
async function process(file: string, extra: Partial<Po850Context> = {}): Promise<FileOutcome> {
  const outcome: FileOutcome = { stream: [], interchanges: [], acks: [] };
  const sets: Array<{ set: X12TransactionSet; defects: X12Defect[] }> = [];
  let groups: FileOutcome['interchanges'][number]['groups'] = [];
  let ackGroups: ReturnType<typeof functionalAckGroup>[] = [];
  for await (const event of readX12(createReadStream(corpusPath(file), { highWaterMark: 97 }), { supportedTransactionSets: ['850'] })) {
    switch (event.type) {
      case 'stream-defect':
        outcome.stream.push(event.defect.code);
        break;
      case 'transaction-set': {
        // Mapped even when the envelope is already wrong, so the ack lists every problem at once.
        const mapping = event.set.id === '850' ? mapPurchaseOrder850(event.set, { ...context, ...extra }) : undefined;
        sets.push({ set: event.set, defects: mapping?.defects ?? [] });
        break;
      }
      case 'group-end': {
        const input = ackGroupFrom(event.result, sets);
        groups.push({
          ak9: groupStatus(input).status,
          codes: errorsOf(event.result.defects).map((d) => d.code),
          ak905: errorsOf(event.result.defects).flatMap((d) => (d.ak905 ? [d.ak905] : [])),
          sets: sets.map(({ set, defects }) => {
            const all = [...set.defects, ...defects];
            const mapped =
              defects.length === 0 || statusOf(defects) !== 'R' ? mapPurchaseOrder850(set, { ...context, ...extra }) : undefined;
            return {
              id: set.id,
              control: set.controlNumber,
              status: statusOf(syntaxDefects(all)),
              exception: statusOf(defects) === 'R',
              codes: errorsOf(all).map((d) => d.code),
              ak502: [...new Set(errorsOf(all).flatMap((d) => (d.ak502 ? [d.ak502] : [])))],
              po: statusOf(all) !== 'R' && mapped?.ok ? mapped.purchaseOrder : undefined,
            };
          }),
        });
        if (/^\d{1,9}$/.test(event.result.group.controlNumber)) {
          ackGroups.push(
            functionalAckGroup(input, {
              kind: functionalAckKind(input.version),
              senderCode: 'ORDERHUB',
              receiverCode: 'PARTNER',
              groupControlNumber: ackGroups.length + 1,
              setControlNumber: 1,
            }),
          );
        }
        sets.length = 0;
        break;
      }
      case 'interchange-end': {
        const { interchange, defects } = event.result;
        const ta1 = ta1Required(interchange, defects) ? buildTa1(interchange, defects) : undefined;
        outcome.interchanges.push({ control: interchange.controlNumber, ta1, codes: errorsOf(defects).map((d) => d.code), groups });
        const five = ackGroups.some((g) => g.sets[0].id === '999');
        outcome.acks.push(
          writeInterchange({
            identity: anIdentity({ version: five ? '00501' : '00401', controlNumber: outcome.acks.length + 1 }),
            interchangeSegments: ta1 ? [ta1] : [],
            groups: ackGroups,
          }),
        );
        groups = [];
        ackGroups = [];
        break;
      }
      default:
        break;
    }
  }
  return outcome;
}

const x12Files = corpusFiles('x12', (name) => !name.endsWith('.md') && name !== 'DELIMITERS.txt');
const ta1Of = (o: FileOutcome, i = 0) => o.interchanges[i].ta1?.slice(4);

describeWithCorpus('X12 corpus', () => {
  it('has the corpus files', () => {
    expect(x12Files.length).toBeGreaterThan(150);
  });

  it.each(x12Files)('%s: reads without throwing and answers every interchange with valid acks', async (file) => {
    const outcome = await process(file);
    for (const ic of outcome.interchanges) {
      for (const group of ic.groups) {
        for (const set of group.sets) {
          // Every set gets a verdict; rejected ones carry an AK5/IK5 code, non-850s are "not supported" (1).
          if (set.status === 'R') expect(set.ak502.length).toBeGreaterThan(0);
          if (set.id !== '850') expect(set.ak502).toContain('1');
        }
      }
    }
    for (const ack of outcome.acks) {
      const [own] = toInterchangeTrees(readX12Sync(ack)).interchanges;
      expect(
        errorsOf([...own.result.defects, ...own.groups.flatMap((g) => [...g.result.defects, ...g.sets.flatMap((s) => s.defects)])]),
      ).toEqual([]);
      if (own.groups.length > 0 && own.result.interchange.fields.length > 0 && !ack.toString().includes('~TA1*'))
        expect(() => parseWithNodeX12(ack)).not.toThrow();
    }
  });

  describe('purchase orders that map', () => {
    it.each([
      // file, set index, PO number, line count, first line quantity, uom, first product id
      ['x12/bots-plugins/850_fixed/850-004010-08.x12', 0, '801104', 3, '8', 'CR', 'BP=MPDGART'], // ISA and segments wrapped at 80 columns
      ['x12/bots-plugins/850_fixed/850-004010VICS-01.x12', 0, '15918851602', 64, '7', 'EA', 'UP=058824014093'], // 0x7F / 0x15 delimiters
      ['x12/edi-parser/004010_sample850s/Academy_850_1.edi', 0, '0000044605C-AR', 16, '48', 'EA', 'UP=047559180135'], // 0x07 element separator
      ['x12/bots-plugins/supplier_version/inbound/850_01.x12', 0, '333333333333', 1, '1', 'EA', 'VN=123456789012345'], // "~" element separator
      ['x12/edi-parser/004010_sample850s/OfficeMax_850.edi', 2, '2069122021', 2, '72', 'EA', 'VA=35213'], // CR terminator
      ['x12/bootstrap-archived/X12-5010-850/input.edi', 0, '365465413', 2, '8', 'EA', 'VC=VND1234567'], // 5010
      ['x12/EDI.Net/x12.850.issue135.edi', 0, '740150', 10, '13200', 'SF', 'ST=F07EXPLBA1818'], // ISA16 "~" with LF terminator
    ] as const)('%s #%i → PO %s with %i lines', async (file, index, poNumber, lineCount, quantity, uom, productId) => {
      const outcome = await process(file);
      const sets = outcome.interchanges.flatMap((i) => i.groups.flatMap((g) => g.sets));
      expect(outcome.interchanges.every((i) => i.codes.length === 0)).toBe(true);
      const po = sets[index].po;
      expect(po?.poNumber).toBe(poNumber);
      expect(po?.lines).toHaveLength(lineCount);
      expect(po?.lines[0]).toMatchObject({ quantity, uom });
      expect(po?.lines[0].productIds.map((p) => `${p.qualifier}=${p.value}`)).toContain(productId);
    });

    it('maps the whole 64-line VICS order exactly (quantities sum, every line has a UPC)', async () => {
      const outcome = await process('x12/bots-plugins/850_fixed/850-004010VICS-01.x12');
      const po = outcome.interchanges[0].groups[0].sets[0].po;
      expect(po?.lines.every((l) => l.productIds.some((p) => p.qualifier === 'UP'))).toBe(true);
      expect(po?.stated).toMatchObject({ lineCount: 64 });
    });

    it('edi-parser samples state a CTT hash total that is not the sum of PO102: a business problem (exceptions queue by default, accepted when the partner is set to warn), never an ack code', async () => {
      const strict = await process('x12/edi-parser/005010_ta1-tests/850-multiple.edi');
      const first = (o: FileOutcome, i: number) => o.interchanges[i].groups[0].sets[0];
      expect([first(strict, 0).status, first(strict, 0).exception, first(strict, 0).codes]).toEqual([
        'A',
        true,
        ['PO850.CTT_HASH_TOTAL_MISMATCH'],
      ]);
      const lenient = await process('x12/edi-parser/005010_ta1-tests/850-multiple.edi', { hashTotalPolicy: 'warning' });
      expect(lenient.interchanges.map((i) => [i.ta1, i.groups[0].ak9, i.groups[0].sets[0].po?.poNumber])).toEqual([
        [['TA1', '123456789', '150106', '1201', 'A', '000'], 'A', 'PO01'],
        // REF*00***00>C04002: neither REF02 nor REF03 (R0203), so the second set is refused by the dictionary.
        [['TA1', '223456790', '150106', '1201', 'A', '000'], 'R', undefined],
      ]);
      expect(first(lenient, 1).codes).toEqual(['X12.ELEMENT_INVALID', 'PO850.CTT_HASH_TOTAL_MISMATCH']);
    });
  });

  describe('documents that are refused, with the right ack code', () => {
    it.each([
      ['x12/edi-parser/005010_ta1-tests/850-bad-isa.edi', 'R', '011'],
      ['x12/edi-parser/005010_ta1-tests/850-group-header-error.edi', 'R', '024'],
      ['x12/edi-parser/005010_ta1-tests/850-interchange-count-error.edi', 'R', '021'],
      ['x12/edi-parser/005010_ta1-tests/850-interchange-number-mismatch.edi', 'R', '001'],
      ['x12/edi-parser/005010_ta1-tests/850-missing-group-header.edi', 'R', '022'],
      ['x12/edi-parser/005010_bad-input/850-group.edi', 'R', '022'],
      ['x12/edi-parser/005010_bad-input/850-missing-se.edi', 'R', '012'],
      // ISA12 00204, 00300, 00305: interchange control versions before 004xx are not read (TA1 017).
      ['x12/X12.NET/DuplicateInterchange.txt', 'R', '017'],
      ['x12/bots-plugins/850_fixed/850-004010.15.x12', 'R', '017'],
      ['x12/bots-plugins/850_fixed/850-004010-02.x12', 'R', '017'],
      ['x12/EDI.Net/x12.850.edi', 'R', '001'],
      ['x12/EDI.Net/x12.850a.edi', 'R', '008'],
    ] as const)('%s → TA1 %s %s', async (file, status, code) => {
      const outcome = await process(file);
      expect(ta1Of(outcome)).toEqual([status, code]);
    });

    it('a repeated interchange control number in one file is refused too (here first for its version, 017)', async () => {
      const outcome = await process('x12/X12.NET/DuplicateInterchange.txt');
      expect(ta1Of(outcome, 1)).toEqual(['R', '017']);
      expect(outcome.interchanges[1].codes).toEqual(
        expect.arrayContaining(['X12.INTERCHANGE_VERSION_UNSUPPORTED', 'X12.INTERCHANGE_DUPLICATE']),
      );
    });

    it('a DTM05 without DTM06 (paired, P0506 in 004010) rejects the set with AK3/AK4 pointing at DTM06', async () => {
      const outcome = await process('x12/bots-plugins/850_fixed/850-004010-08.x12');
      const set = outcome.interchanges[0].groups[0].sets[1];
      expect([set.status, set.ak502, set.codes]).toEqual(['R', ['5'], ['X12.ELEMENT_INVALID']]);
      expect(outcome.interchanges[0].groups[0].sets[0].po?.poNumber).toBe('801104');
    });

    it.each([
      ['x12/edi-parser/005010_ta1-tests/850-group-number-mismatch.edi', ['4']],
      ['x12/edi-parser/005010_ta1-tests/850-missing-group-trailer.edi', ['3']],
      ['x12/edi-parser/005010_bad-input/850-missing-ge.edi', ['3']],
      ['x12/edi-parser/005010_bad-input/850-badbiztalk.edi', ['2']],
      ['x12/edi-parser/005010_biztalk-interop/850x1d.edi', ['5']],
      ['x12/edi-parser/005010_bad-input/850-missing-st.edi', ['5']],
      ['x12/X12.NET/CorruptSt.txt', ['5']],
    ] as const)('%s → AK9 R with AK905 %j', async (file, ak905) => {
      const outcome = await process(file);
      const group = outcome.interchanges[0].groups[0];
      expect(group.ak9).toBe('R');
      expect(group.ak905).toEqual(ak905);
    });

    it('a duplicated GS06 in one interchange rejects the second group', async () => {
      const outcome = await process('x12/X12.NET/DuplicateGroup.txt');
      expect(outcome.interchanges[0].groups.map((g) => [g.ak9, g.codes])).toEqual([
        ['A', []],
        ['R', ['X12.GS_CONTROL_DUPLICATE']],
      ]);
    });

    it.each([
      ['x12/edi-parser/005010_bad-input/850-missing-beg.edi', 'PO850.BEG_MISSING', ['4', '5']],
      ['x12/edi-parser/005010_bad-input/850-missing-po1.edi', 'PO850.PO1_MISSING', ['5']],
      // These edi-parser samples also carry the CTT hash total mismatch (AK502 5) of their whole family.
      ['x12/edi-parser/005010_bad-input/850-unknown-segment-se.edi', 'X12.SE_MISSING', ['2', '5']],
      // The CTT hash total mismatch is a business problem now (exceptions queue), no longer AK502 5.
      ['x12/edi-parser/005010_biztalk-interop/850x1a.edi', 'X12.SE_CONTROL_MISMATCH', ['4', '3']],
      ['x12/X12.NET/DuplicateMessage.txt', 'X12.ST_CONTROL_DUPLICATE', ['23']],
      ['x12/X12.NET/PurchaseOrderInvalid.txt', 'PO850.UOM_MISSING', ['4', '5']],
    ] as const)('%s → set rejected (%s), AK502 %j', async (file, code, ak502) => {
      const outcome = await process(file);
      const rejected = outcome.interchanges[0].groups[0].sets.filter((s) => s.status === 'R');
      expect(rejected.at(-1)?.codes).toContain(code);
      expect(rejected.at(-1)?.ak502).toEqual(ak502);
    });

    it.each([
      ['x12/edi-parser/005010_bad-input/random-file.edi', 'X12.NOT_X12'],
      ['x12/X12.NET/CorruptIsa.txt', 'X12.NOT_X12'],
      ['x12/X12.NET/MixedTransactionsNoEnvelopes.txt', 'X12.NOT_X12'],
      ['x12/bots-plugins/850_fixed/ebcdic.x12', 'X12.EBCDIC_NOT_SUPPORTED'],
    ] as const)('%s → no interchange at all (%s)', async (file, code) => {
      const outcome = await process(file);
      expect(outcome.stream).toEqual([code]);
      expect(outcome.interchanges).toEqual([]);
    });

    it('non-850 sets are acknowledged as not supported (AK5 R 1) without failing the file', async () => {
      const outcome = await process('x12/X12.NET/MixedTransactions.txt');
      const sets = outcome.interchanges[0].groups.flatMap((g) => g.sets);
      // The 850's TAX02 "TTT" is longer than element 309 allows (ID 1/2): AK502 5 since the dictionary checks.
      expect(sets.map((s) => [s.id, s.status, s.ak502])).toEqual([
        ['850', 'R', ['5']],
        ['810', 'R', ['1']],
      ]);
    });
  });
});
