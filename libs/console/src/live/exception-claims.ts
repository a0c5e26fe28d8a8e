/** Who is working which exception: a soft lock that tells a second operator, never one that stops them. */
export interface Claim {
  exceptionId: string;
  userId: string;
  name: string;
  email: string;
  since: string;
  /** Last heartbeat; a claim not renewed for CLAIM_TTL_MS is gone (a closed tab, a lost laptop). */
  seenAt: number;
}

export const CLAIM_TTL_MS = 90_000;

/**
 * Claims live in this process's memory: the console is served by one hub process (apps/hub or apps/core), and a
 * claim is worth nothing after a restart anyway. Every change is told to the listeners (the live stream).
 */
export class ExceptionClaims {
  private readonly claims = new Map<string, Claim>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The caller works on the exception unless someone else holds a fresh claim; answers who holds it now. */
  claim(exceptionId: string, user: { id: string; name: string; email: string }): Claim {
    this.expire();
    const current = this.claims.get(exceptionId);
    if (current && current.userId !== user.id) return current;
    const claim: Claim = {
      exceptionId,
      userId: user.id,
      name: user.name,
      email: user.email,
      since: current?.since ?? new Date(this.now()).toISOString(),
      seenAt: this.now(),
    };
    this.claims.set(exceptionId, claim);
    if (!current) this.changed();
    return claim;
  }

  release(exceptionId: string, userId: string): void {
    const current = this.claims.get(exceptionId);
    if (current?.userId !== userId) return;
    this.claims.delete(exceptionId);
    this.changed();
  }

  list(): Claim[] {
    this.expire();
    return [...this.claims.values()];
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Drops stale claims; tells the listeners when any went. */
  expire(): void {
    const cutoff = this.now() - CLAIM_TTL_MS;
    let dropped = false;
    for (const [id, claim] of this.claims) {
      if (claim.seenAt < cutoff) {
        this.claims.delete(id);
        dropped = true;
      }
    }
    if (dropped) this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
