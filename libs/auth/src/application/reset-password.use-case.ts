import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { UpdateUserUseCase } from './update-user.use-case';

/**
 * An administrator resets someone's password: the hub makes a random one (shown once, to be passed on and
 * changed at first sign-in) and ends every session of that user.
 */
@Injectable()
export class ResetPasswordUseCase {
  constructor(private readonly updateUser: UpdateUserUseCase) {}

  async execute(command: { actorId: string; userId: string }): Promise<{ password: string }> {
    // 15 random bytes: 20 URL-safe characters, over the length policy and easy to read out.
    const password = randomBytes(15).toString('base64url');
    await this.updateUser.execute({ actorId: command.actorId, userId: command.userId, password });
    return { password };
  }
}
