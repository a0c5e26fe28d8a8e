import { Injectable } from '@nestjs/common';
import { AuthErrors } from '../domain/auth.errors';
import type { User } from '../domain/user';
import { UserRepository } from './ports';

@Injectable()
export class GetUserUseCase {
  constructor(private readonly users: UserRepository) {}

  async execute(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw AuthErrors.userNotFound(id);
    return user;
  }
}
