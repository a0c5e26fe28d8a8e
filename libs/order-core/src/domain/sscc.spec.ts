import fc from 'fast-check';
import { completeSscc, gs1CheckDigit } from './sscc';

describe('SSCC-18', () => {
  it('appends the GS1 mod-10 check digit (weights 3, 1, 3... from the right)', () => {
    // Weighted 3,1,3... from the left of the 17 digits: 3*(0+0+1+1+1+2+4+6+8) + (0+6+4+4+1+3+5+7) = 99, so 10 - 9 = 1.
    expect(gs1CheckDigit('00061414112345678')).toBe(1);
    expect(completeSscc('00061414112345678')).toEqual({ ok: true, sscc: '000614141123456781' });
    expect(completeSscc('(00)000614141123456781')).toEqual({ ok: true, sscc: '000614141123456781' });
  });

  it('refuses a wrong check digit and anything not 17 or 18 digits', () => {
    expect(completeSscc('000614141123456780')).toEqual({ ok: false, reason: 'check digit should be 1' });
    expect(completeSscc('ABC').ok).toBe(false);
  });

  it('every completed SSCC verifies, and changing any one digit breaks it (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (body, at, delta) => {
        const done = completeSscc(body);
        expect(done.ok && completeSscc(done.sscc)).toEqual({ ok: true, sscc: done.ok ? done.sscc : '' });
        const changed = `${body.slice(0, at)}${(Number(body[at]) + delta) % 10}${body.slice(at + 1)}`;
        if (done.ok) expect(completeSscc(`${changed}${done.sscc[17]}`).ok).toBe(false);
      }),
    );
  });
});
