/**
 * GS1 Serial Shipping Container Code (SSCC-18): extension digit, company prefix and serial reference (17 digits),
 * then a mod-10 check digit computed the GS1 way (weights 3 and 1 alternating from the right of the 17 digits).
 */
export function gs1CheckDigit(digits: string): number {
  let sum = 0;
  for (let i = digits.length - 1, weight = 3; i >= 0; i--, weight = weight === 3 ? 1 : 3) sum += Number(digits[i]) * weight;
  return (10 - (sum % 10)) % 10;
}

export type SsccResult = { ok: true; sscc: string } | { ok: false; reason: string };

/** 17 digits get their check digit; 18 digits must carry the right one; anything else is refused. */
export function completeSscc(input: string): SsccResult {
  const value = input.replace(/^\(00\)/, '').trim();
  if (/^\d{17}$/.test(value)) return { ok: true, sscc: `${value}${gs1CheckDigit(value)}` };
  if (/^\d{18}$/.test(value)) {
    const expected = gs1CheckDigit(value.slice(0, 17));
    return Number(value[17]) === expected ? { ok: true, sscc: value } : { ok: false, reason: `check digit should be ${expected}` };
  }
  return { ok: false, reason: 'an SSCC is 17 digits (the check digit is computed) or 18 digits' };
}
