import { Inject, Injectable, Logger } from '@nestjs/common';
import { TransactionRunner } from '@orderhub/persistence';
import { AUTH_OPTIONS, AuthOptions } from '../auth-config';
import { AuditActors } from '../domain/audit-event';
import { AuthErrors } from '../domain/auth.errors';
import { csrfTokenFor, generateSessionToken, hashSessionToken } from '../domain/session-token';
import { normalizeEmail, User } from '../domain/user';
import { LoginThrottle } from './login-throttle';
import { AuditLog, PasswordHasher, SessionRepository, UserRepository } from './ports';

export interface LoginCommand {
  email: string;
  password: string;
  /** The client address, for throttling and the audit trail. */
  ip: string;
}

export interface LoginResult {
  /** Shown to the caller once; only its SHA-256 is stored. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: User;
}

@Injectable()
export class LoginUseCase {
  private readonly logger = new Logger('auth');
  /** Unknown emails are checked against this so they take as long as known ones (no user enumeration by timing). */
  private dummyHash?: Promise<string>;

  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditLog,
    private readonly throttle: LoginThrottle,
    private readonly tx: TransactionRunner,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  async execute(command: LoginCommand): Promise<LoginResult> {
    const email = normalizeEmail(command.email);
    this.throttle.assertAllowed(email, command.ip);

    const found = await this.users.findCredentials(email);
    const matches = await this.hasher.verify(command.password, found?.passwordHash ?? (await this.dummy()));
    if (!found || !matches || found.user.disabled) {
      this.throttle.recordFailure(email, command.ip);
      const reason = !found ? 'unknown-user' : !matches ? 'wrong-password' : 'disabled';
      await this.audit.record({
        actor: AuditActors.anonymous,
        action: 'auth.login.failed',
        subjectType: 'user',
        subjectId: found?.user.id ?? null,
        // The attempted email says whom someone is guessing at; the password is never recorded.
        details: { email: email.slice(0, 254), reason, ip: command.ip },
      });
      // One answer for all three reasons: a caller learns nothing about which accounts exist or are disabled.
      throw AuthErrors.invalidCredentials();
    }
    this.throttle.recordSuccess(email);

    const user = found.user;
    const token = generateSessionToken();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + Math.min(this.options.session.idleMs, this.options.session.absoluteMs));
    const rehash = this.hasher.needsRehash(found.passwordHash) ? await this.hasher.hash(command.password) : undefined;
    await this.tx.run(async () => {
      await this.sessions.create({ id: hashSessionToken(token), userId: user.id, createdAt: now, lastSeenAt: now, expiresAt });
      await this.users.recordLogin(user.id, now);
      if (rehash) await this.users.update(user.id, { passwordHash: rehash });
      await this.audit.record({
        actor: AuditActors.user(user.id),
        action: 'auth.login',
        subjectType: 'user',
        subjectId: user.id,
        details: { ip: command.ip },
      });
    });
    // Housekeeping: sign-ins are rare enough to carry it, and a failure here must not fail the sign-in.
    this.sessions.deleteExpired(now).catch((error: unknown) => this.logger.warn('could not delete expired sessions', error as Error));
    return { token, csrfToken: csrfTokenFor(token), expiresAt, user: { ...user, lastLoginAt: now } };
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= this.hasher.hash(generateSessionToken());
    return this.dummyHash;
  }
}
