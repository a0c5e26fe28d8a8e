/** ISA13, GS06 and ST02 are at most nine digits; after 999999999 a sequence starts again at 1 (0 is invalid). */
export const MAX_CONTROL_NUMBER = 999_999_999;

export type ControlNumberKind = 'ISA' | 'GS' | 'ST';

/** The `count` numbers following `last`, wrapping at MAX_CONTROL_NUMBER. */
export function followingControlNumbers(last: number, count: number): number[] {
  const out: number[] = [];
  let n = last;
  for (let i = 0; i < count; i++) {
    n = n >= MAX_CONTROL_NUMBER ? 1 : n + 1;
    out.push(n);
  }
  return out;
}

export function formatIsaControl(n: number): string {
  return String(n).padStart(9, '0');
}
