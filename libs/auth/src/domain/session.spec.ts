import { shouldTouch, slidingExpiry, SESSION_TOUCH_INTERVAL_MS } from './session';
import { passwordPolicyViolation, normalizeEmail } from './user';

const HOUR = 3_600_000;
const lifetime = { idleMs: 12 * HOUR, absoluteMs: 7 * 24 * HOUR };

describe('session lifetime', () => {
  const created = new Date('2030-01-01T00:00:00Z');

  it('slides the idle deadline with activity', () => {
    const now = new Date(created.getTime() + 3 * HOUR);
    expect(slidingExpiry(created, now, lifetime)).toEqual(new Date(now.getTime() + 12 * HOUR));
  });

  it('never slides past the absolute cap', () => {
    const now = new Date(created.getTime() + 7 * 24 * HOUR - HOUR);
    expect(slidingExpiry(created, now, lifetime)).toEqual(new Date(created.getTime() + 7 * 24 * HOUR));
  });

  it('writes last activity at most once a minute', () => {
    const session = { id: 'x', userId: 'u', createdAt: created, expiresAt: created, lastSeenAt: created };
    expect(shouldTouch(session, new Date(created.getTime() + SESSION_TOUCH_INTERVAL_MS - 1))).toBe(false);
    expect(shouldTouch(session, new Date(created.getTime() + SESSION_TOUCH_INTERVAL_MS))).toBe(true);
  });
});

describe('users', () => {
  it('compare emails case-insensitively', () => {
    expect(normalizeEmail('  Ann@Example.COM ')).toBe('ann@example.com');
  });

  it('need passwords of 12 to 256 characters, not blank', () => {
    expect(passwordPolicyViolation('a'.repeat(11))).toMatch(/at least 12/);
    expect(passwordPolicyViolation('a'.repeat(12))).toBeNull();
    expect(passwordPolicyViolation(' '.repeat(12))).toMatch(/blank/);
    expect(passwordPolicyViolation('a'.repeat(257))).toMatch(/at most 256/);
  });
});
