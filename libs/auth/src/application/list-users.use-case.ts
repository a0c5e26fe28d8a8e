import { Injectable } from '@nestjs/common';
import type { User } from '../domain/user';
import { Page, UserRepository } from './ports';

@Injectable()
export class ListUsersUseCase {
  constructor(private readonly users: UserRepository) {}

  execute(page: { limit: number; offset: number }): Promise<Page<User>> {
    return this.users.list(page);
  }
}
