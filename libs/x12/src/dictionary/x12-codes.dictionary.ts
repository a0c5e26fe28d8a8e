/**
 * Code lists of the elements whose values we act on. Elements not listed here are checked for type and
 * length only: a code we do not act on is never a syntax error (it is simply not ours to judge). Where we act
 * on a code the standard has but we do not handle (an 860 change type we cannot apply...), that is a business
 * problem for the exceptions queue, not an AK4/IK4 code 7.
 *
 * The lists are the standard's, not only the codes we handle: a valid code must never be reported invalid.
 */
const range = (from: number, to: number, width = 1): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(width, '0'));

export const CODE_LISTS: Readonly<Record<string, readonly string[]>> = {
  // 353 Transaction Set Purpose Code (BEG01, BCH01, BAK01, BCA01, BSN01, BIA01): the two-digit numeric
  // codes are assigned broadly across releases, so all of them are accepted; plus the alphanumeric ones.
  '353': [...range(0, 99, 2), '5C', 'CN', 'CO', 'EX', 'GR', 'PR', 'RH', 'RV', 'SU', 'ZZ'],
  // 670 Change or Response Type Code (POC02).
  '670': [
    'AI',
    'CA',
    'CB',
    'CC',
    'CE',
    'CF',
    'CG',
    'CH',
    'CI',
    'CP',
    'CT',
    'DI',
    'MU',
    'NC',
    'OC',
    'PC',
    'PQ',
    'PR',
    'QD',
    'QI',
    'RA',
    'RB',
    'RC',
    'RE',
    'RM',
    'RQ',
    'RS',
    'RZ',
    'SC',
    'TI',
  ],
  // 668 Line Item Status Code (ACK01).
  '668': [
    'AC',
    'AR',
    'BP',
    'DR',
    'IA',
    'IB',
    'IC',
    'ID',
    'IE',
    'IF',
    'IH',
    'IP',
    'IQ',
    'IR',
    'IS',
    'IW',
    'R1',
    'R2',
    'R3',
    'R4',
    'R5',
    'R6',
    'R7',
    'R8',
    'SP',
  ],
  // 587 Acknowledgment Type (BAK02, BCA02).
  '587': ['AC', 'AD', 'AE', 'AH', 'AK', 'AP', 'AT', 'NA', 'RD', 'RF', 'RJ', 'RN', 'RO', 'RV', 'ZZ'],
  // Acknowledgement codes, which we read in partners' 997/999/TA1.
  '715': ['A', 'E', 'M', 'P', 'R', 'W', 'X'],
  '717': ['A', 'E', 'M', 'R', 'W', 'X'],
  '716': range(1, 27),
  '718': range(1, 27),
  '618': [...range(1, 27), 'I5', 'I6'],
  '720': range(1, 8),
  '620': [...range(1, 8), 'I4', 'I6', 'I7', 'I8', 'I9'],
  '723': range(1, 13),
  '621': [...range(1, 13), 'I6', 'I9', 'I10', 'I11', 'I12', 'I13'],
  I17: ['A', 'E', 'R'],
  I18: range(0, 31, 3),
};
