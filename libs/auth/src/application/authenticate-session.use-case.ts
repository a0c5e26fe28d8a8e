import { Inject, Injectable } from '@nestjs/common';
import { AUTH_OPTIONS, AuthOptions } from '../auth-config';
import { AuthErrors } from '../domain/auth.errors';
import { Session, shouldTouch, slidingExpiry } from '../domain/session';
import { hashSessionToken, looksLikeSessionToken } from '../domain/session-token';
import type { User } from '../domain/user';
import { SessionRepository } from './ports';

/** Turns a presented token into its session and user, sliding the idle deadline; called for every request. */
@Injectable()
export class AuthenticateSessionUseCase {
  constructor(
    private readonly sessions: SessionRepository,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  async execute(token: string, now = new Date()): Promise<{ session: Session; user: User }> {
    if (!looksLikeSessionToken(token)) throw AuthErrors.unauthenticated();
    const found = await this.sessions.findWithUser(hashSessionToken(token));
    if (!found) throw AuthErrors.unauthenticated();
    const { session, user } = found;
    if (session.expiresAt.getTime() <= now.getTime()) {
      await this.sessions.delete(session.id);
      throw AuthErrors.sessionExpired();
    }
    if (user.disabled) {
      // Disabling already ends sessions; this covers a row written by anything that bypassed the use case.
      await this.sessions.deleteForUser(user.id);
      throw AuthErrors.unauthenticated();
    }
    if (shouldTouch(session, now)) {
      const expiresAt = slidingExpiry(session.createdAt, now, this.options.session);
      await this.sessions.touch(session.id, now, expiresAt);
      return { session: { ...session, lastSeenAt: now, expiresAt }, user };
    }
    return { session, user };
  }
}
