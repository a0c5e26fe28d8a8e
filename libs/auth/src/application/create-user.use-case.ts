import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@orderhub/persistence';
import type { Role } from '../roles.decorator';
import { AuditActors } from '../domain/audit-event';
import { AuthErrors } from '../domain/auth.errors';
import { normalizeEmail, passwordPolicyViolation, User } from '../domain/user';
import { AuditLog, PasswordHasher, UserRepository } from './ports';

export interface CreateUserCommand {
  actorId: string;
  email: string;
  name: string;
  role: Role;
  password: string;
}

@Injectable()
export class CreateUserUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditLog,
    private readonly tx: TransactionRunner,
  ) {}

  async execute(command: CreateUserCommand): Promise<User> {
    const weakness = passwordPolicyViolation(command.password);
    if (weakness) throw AuthErrors.weakPassword(weakness);
    // Hash outside the transaction: ~70 ms of CPU should not hold a connection.
    const passwordHash = await this.hasher.hash(command.password);
    return this.tx.run(async () => {
      const user = await this.users.create({
        email: normalizeEmail(command.email),
        name: command.name.trim(),
        role: command.role,
        passwordHash,
      });
      await this.audit.record({
        actor: AuditActors.user(command.actorId),
        action: 'user.create',
        subjectType: 'user',
        subjectId: user.id,
        details: { email: user.email, role: user.role },
      });
      return user;
    });
  }
}
