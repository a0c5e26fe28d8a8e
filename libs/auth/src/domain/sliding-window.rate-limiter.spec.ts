import { SlidingWindowRateLimiter } from './sliding-window.rate-limiter';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('SlidingWindowRateLimiter', () => {
  it('allows `max` attempts in a window and then says how long to wait', () => {
    const time = clock();
    const limiter = new SlidingWindowRateLimiter({ max: 3, windowMs: 60_000 }, time.now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.check('a')).toEqual({ allowed: true });
      limiter.record('a');
      time.advance(1_000);
    }
    // Attempts at 0 s, 1 s, 2 s; now 3 s: the first one leaves the window at 60 s.
    expect(limiter.check('a')).toEqual({ allowed: false, retryAfterMs: 57_000 });
  });

  it('slides: each old attempt that leaves the window frees one slot', () => {
    const time = clock();
    const limiter = new SlidingWindowRateLimiter({ max: 2, windowMs: 10_000 }, time.now);
    limiter.record('a');
    time.advance(5_000);
    limiter.record('a');
    expect(limiter.check('a').allowed).toBe(false);
    time.advance(5_001);
    expect(limiter.check('a').allowed).toBe(true);
    limiter.record('a');
    expect(limiter.check('a')).toEqual({ allowed: false, retryAfterMs: 4_999 });
  });

  it('keeps keys apart and forgets one on reset', () => {
    const limiter = new SlidingWindowRateLimiter({ max: 1, windowMs: 10_000 }, clock().now);
    limiter.record('a');
    expect(limiter.check('a').allowed).toBe(false);
    expect(limiter.check('b').allowed).toBe(true);
    limiter.reset('a');
    expect(limiter.check('a').allowed).toBe(true);
  });

  it('does not count checks, only recorded attempts', () => {
    const limiter = new SlidingWindowRateLimiter({ max: 1, windowMs: 10_000 }, clock().now);
    for (let i = 0; i < 10; i++) expect(limiter.check('a').allowed).toBe(true);
  });

  it('stays within its key budget under a spray of distinct keys, dropping expired and then oldest keys', () => {
    const time = clock();
    const limiter = new SlidingWindowRateLimiter({ max: 5, windowMs: 1_000 }, time.now, 100);
    for (let i = 0; i < 1_000; i++) limiter.record(`spray-${i}`);
    expect(limiter.size).toBeLessThanOrEqual(101);
    limiter.record('recent');
    expect(limiter.check('spray-999').allowed).toBe(true); // max 5, one recorded
    time.advance(2_000);
    for (let i = 0; i < 1_000; i++) limiter.record(`later-${i}`);
    expect(limiter.size).toBeLessThanOrEqual(101);
  });
});
