import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@orderhub/persistence';
import { AuditActors } from '../domain/audit-event';
import { normalizeEmail } from '../domain/user';
import { AuditLog, PasswordHasher, SessionRepository, UserRepository } from './ports';

export type NewPasswordOutcome =
  | { found: false; email: string }
  /** `changed` is false when the given password already was the user's: nothing was written. */
  | { found: true; userId: string; email: string; password: string; changed: boolean };

/**
 * Sets a user's password from outside the API: `npm run admin -- reset-password <email>` (a new random one, shown
 * once) and HUB_ADMIN_PASSWORD at boot (the configured one). Every session of the user ends, and the audit trail
 * says so, without the password.
 */
@Injectable()
export class IssueNewPasswordUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditLog,
    private readonly tx: TransactionRunner,
  ) {}

  async execute(command: { email: string; password?: string; reason: 'cli' | 'HUB_ADMIN_PASSWORD' }): Promise<NewPasswordOutcome> {
    const email = normalizeEmail(command.email);
    const current = await this.users.findCredentials(email);
    if (!current) return { found: false, email };
    const password = command.password ?? randomBytes(18).toString('base64url');
    // A restart with the same HUB_ADMIN_PASSWORD must not end everyone's sessions.
    if (command.password !== undefined && (await this.hasher.verify(password, current.passwordHash))) {
      return { found: true, userId: current.user.id, email, password, changed: false };
    }
    const passwordHash = await this.hasher.hash(password);
    await this.tx.run(async () => {
      await this.users.update(current.user.id, { passwordHash });
      const ended = await this.sessions.deleteForUser(current.user.id);
      await this.audit.record({
        actor: AuditActors.system,
        action: 'user.password.reset',
        subjectType: 'user',
        subjectId: current.user.id,
        details: { email, via: command.reason, sessionsEnded: ended },
      });
    });
    return { found: true, userId: current.user.id, email, password, changed: true };
  }
}
