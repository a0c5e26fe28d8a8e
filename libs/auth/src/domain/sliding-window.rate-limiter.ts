export interface RateLimit {
  /** Attempts allowed inside one window. */
  max: number;
  windowMs: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * An in-memory sliding-window log: each key keeps the times of its recent attempts. Per process, so a hub
 * scaled to N HTTP processes allows N times the limit, and a restart forgets; good enough to make online
 * password guessing slow, not a distributed quota. Memory is bounded by `maxKeys`.
 */
export class SlidingWindowRateLimiter {
  private readonly hits = new Map<string, number[]>();
  private operations = 0;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  /** Whether one more attempt for `key` is allowed now, without counting it. */
  check(key: string): RateDecision {
    const recent = this.recent(key);
    if (recent.length < this.limit.max) return { allowed: true };
    // The window frees a slot when the oldest attempt that still counts falls out of it.
    const oldestCounting = recent[recent.length - this.limit.max];
    return { allowed: false, retryAfterMs: Math.max(1, oldestCounting + this.limit.windowMs - this.now()) };
  }

  record(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    // Only the newest `max` attempts can ever matter.
    if (recent.length > this.limit.max) recent.splice(0, recent.length - this.limit.max);
    this.hits.delete(key);
    this.hits.set(key, recent);
    if (++this.operations % 1000 === 0 || this.hits.size > this.maxKeys) this.sweep();
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  get size(): number {
    return this.hits.size;
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.limit.windowMs;
    const times = this.hits.get(key);
    if (!times) return [];
    const kept = times.filter((t) => t > cutoff);
    if (kept.length === 0) this.hits.delete(key);
    return kept;
  }

  private sweep(): void {
    const cutoff = this.now() - this.limit.windowMs;
    for (const [key, times] of this.hits) {
      if (times[times.length - 1] <= cutoff) this.hits.delete(key);
    }
    // Still too many live keys (a spray of distinct emails): drop the least recently used; Map keeps insertion order.
    for (const key of this.hits.keys()) {
      if (this.hits.size <= this.maxKeys) break;
      this.hits.delete(key);
    }
  }
}
