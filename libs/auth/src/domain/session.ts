/** A signed-in session. Its id is the SHA-256 of the bearer token; the token itself is never stored. */
export interface Session {
  id: string;
  userId: string;
  createdAt: Date;
  /** The earlier of the idle deadline (last activity + idle TTL) and the absolute deadline (creation + max TTL). */
  expiresAt: Date;
  lastSeenAt: Date;
}

export interface SessionLifetime {
  /** Ends a session nobody has used for this long. */
  idleMs: number;
  /** Ends every session this long after sign-in, however active. */
  absoluteMs: number;
}

/** The new deadline after activity at `now`: sliding for idleness, but never past the absolute cap. */
export function slidingExpiry(createdAt: Date, now: Date, lifetime: SessionLifetime): Date {
  return new Date(Math.min(now.getTime() + lifetime.idleMs, createdAt.getTime() + lifetime.absoluteMs));
}

/**
 * Writing last_seen_at on every request would turn each read into a write; a minute of slack in the idle
 * deadline is harmless.
 */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;

export function shouldTouch(session: Session, now: Date): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS;
}
