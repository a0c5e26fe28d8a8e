import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@orderhub/persistence';
import type { Role } from '../roles.decorator';
import { AuditActors } from '../domain/audit-event';
import { AuthErrors } from '../domain/auth.errors';
import { passwordPolicyViolation, User } from '../domain/user';
import { AuditLog, PasswordHasher, SessionRepository, UserChanges, UserRepository } from './ports';

export interface UpdateUserCommand {
  actorId: string;
  /** The actor's own session survives a change of their own password; every other session of the user ends. */
  actorSessionId?: string;
  userId: string;
  name?: string;
  role?: Role;
  disabled?: boolean;
  password?: string;
}

@Injectable()
export class UpdateUserUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditLog,
    private readonly tx: TransactionRunner,
  ) {}

  async execute(command: UpdateUserCommand): Promise<User> {
    if (command.password !== undefined) {
      const weakness = passwordPolicyViolation(command.password);
      if (weakness) throw AuthErrors.weakPassword(weakness);
    }
    const passwordHash = command.password !== undefined ? await this.hasher.hash(command.password) : undefined;

    return this.tx.run(async () => {
      await this.users.lockAdminChanges();
      const before = await this.users.findById(command.userId);
      if (!before) throw AuthErrors.userNotFound(command.userId);

      const changes: UserChanges = {};
      if (command.name !== undefined && command.name.trim() !== before.name) changes.name = command.name.trim();
      if (command.role !== undefined && command.role !== before.role) changes.role = command.role;
      if (command.disabled !== undefined && command.disabled !== before.disabled) changes.disabled = command.disabled;
      if (passwordHash !== undefined) changes.passwordHash = passwordHash;

      // Nobody could administer the hub again (users are only made by admins), so the last active admin stays.
      const losesAdmin = before.role === 'admin' && !before.disabled && (changes.role === 'operator' || changes.disabled === true);
      if (losesAdmin && (await this.users.countActiveAdmins()) <= 1) throw AuthErrors.lastAdmin();

      const after = Object.keys(changes).length > 0 ? await this.users.update(before.id, changes) : before;
      if (!after) throw AuthErrors.userNotFound(command.userId);

      let sessionsEnded = 0;
      if (changes.disabled === true) sessionsEnded = await this.sessions.deleteForUser(before.id);
      else if (changes.passwordHash !== undefined) {
        const keep = command.actorId === before.id ? command.actorSessionId : undefined;
        sessionsEnded = await this.sessions.deleteForUser(before.id, keep);
      }

      if (Object.keys(changes).length > 0) {
        await this.audit.record({
          actor: AuditActors.user(command.actorId),
          action: 'user.update',
          subjectType: 'user',
          subjectId: before.id,
          details: {
            ...(changes.name !== undefined ? { name: { from: before.name, to: after.name } } : {}),
            ...(changes.role !== undefined ? { role: { from: before.role, to: after.role } } : {}),
            ...(changes.disabled !== undefined ? { disabled: { from: before.disabled, to: after.disabled } } : {}),
            // That it changed, never what to.
            ...(changes.passwordHash !== undefined ? { passwordChanged: true } : {}),
            ...(sessionsEnded > 0 ? { sessionsEnded } : {}),
          },
        });
      }
      return after;
    });
  }
}
