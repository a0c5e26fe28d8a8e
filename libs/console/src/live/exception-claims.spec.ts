import { CLAIM_TTL_MS, ExceptionClaims } from './exception-claims';

describe('exception claims', () => {
  const olivia = { id: 'u1', name: 'Olivia Operator', email: 'olivia@example.test' };
  const omar = { id: 'u2', name: 'Omar Operator', email: 'omar@example.test' };

  it('tells a second operator who is already working the exception, and hands it over once released', () => {
    let now = 1_000_000;
    const claims = new ExceptionClaims(() => now);
    const told: number[] = [];
    claims.onChange(() => told.push(now));

    expect(claims.claim('x1', olivia).name).toBe('Olivia Operator');
    now += 1000;
    expect(claims.claim('x1', omar).name).toBe('Olivia Operator');
    claims.release('x1', omar.id); // not Omar's to release
    expect(claims.list().map((c) => c.name)).toEqual(['Olivia Operator']);
    claims.release('x1', olivia.id);
    expect(claims.claim('x1', omar).name).toBe('Omar Operator');
    expect(told).toHaveLength(3);
  });

  it('forgets a claim that was not renewed in time', () => {
    let now = 0;
    const claims = new ExceptionClaims(() => now);
    claims.claim('x1', olivia);
    now += CLAIM_TTL_MS - 1;
    claims.claim('x1', olivia); // heartbeat
    now += CLAIM_TTL_MS - 1;
    expect(claims.claim('x1', omar).name).toBe('Olivia Operator');
    now += 2;
    expect(claims.claim('x1', omar).name).toBe('Omar Operator');
  });
});
