import { Injectable } from '@nestjs/common';
import { AuthErrors } from '../domain/auth.errors';
import { PasswordHasher, UserRepository } from './ports';
import { UpdateUserUseCase } from './update-user.use-case';

export interface ChangeOwnPasswordCommand {
  userId: string;
  /** The session the change is made from: it stays signed in, every other session of the user ends. */
  sessionId?: string;
  currentPassword: string;
  newPassword: string;
}

/**
 * Every user changes their own password, proving they know the current one (a session left open on a shared
 * screen must not be enough to take the account over).
 */
@Injectable()
export class ChangeOwnPasswordUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly updateUser: UpdateUserUseCase,
  ) {}

  async execute(command: ChangeOwnPasswordCommand): Promise<void> {
    const user = await this.users.findById(command.userId);
    if (!user || user.disabled) throw AuthErrors.unauthenticated();
    const credentials = await this.users.findCredentials(user.email);
    if (!credentials || !(await this.hasher.verify(command.currentPassword, credentials.passwordHash))) {
      throw AuthErrors.wrongCurrentPassword();
    }
    await this.updateUser.execute({ actorId: user.id, actorSessionId: command.sessionId, userId: user.id, password: command.newPassword });
  }
}
