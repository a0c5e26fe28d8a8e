import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@orderhub/persistence';
import { AuditActors } from '../domain/audit-event';
import { normalizeEmail } from '../domain/user';
import { AuditLog, PasswordHasher, UserRepository } from './ports';

export type FirstAdminOutcome =
  | { created: false }
  | { created: true; userId: string; email: string; passwordSource: 'configured' }
  /** The caller shows `password` once, to the operator who started the hub, and nowhere else. */
  | { created: true; userId: string; email: string; passwordSource: 'generated'; password: string };

/** A fresh hub has nobody who could sign in and create users; this makes the first administrator. */
@Injectable()
export class EnsureFirstAdminUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditLog,
    private readonly tx: TransactionRunner,
  ) {}

  async execute(command: { email: string; password?: string }): Promise<FirstAdminOutcome> {
    // Cheap check first, so a normal start does not pay for hashing.
    if ((await this.users.count()) > 0) return { created: false };
    const password = command.password ?? randomBytes(18).toString('base64url');
    const passwordHash = await this.hasher.hash(password);
    return this.tx.run(async (): Promise<FirstAdminOutcome> => {
      // Processes started together (hub, ingest, core) must not all create one.
      await this.users.lockAdminChanges();
      if ((await this.users.count()) > 0) return { created: false };
      const email = normalizeEmail(command.email);
      const user = await this.users.create({ email, name: 'Administrator', role: 'admin', passwordHash });
      await this.audit.record({
        actor: AuditActors.system,
        action: 'user.create',
        subjectType: 'user',
        subjectId: user.id,
        details: { email, role: 'admin', firstAdministrator: true },
      });
      return command.password === undefined
        ? { created: true, userId: user.id, email, passwordSource: 'generated', password }
        : { created: true, userId: user.id, email, passwordSource: 'configured' };
    });
  }
}
