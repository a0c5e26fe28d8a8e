import { Injectable } from '@nestjs/common';
import { TransactionManager } from '@orderhub/persistence';
import { Page, NewUser, UserChanges, UserRepository } from '../../application/ports';
import { AuthErrors } from '../../domain/auth.errors';
import type { User } from '../../domain/user';
import { UserEntity } from './user.entity';

/** Any constant works; it only has to differ from other advisory locks in the hub. */
const ADMIN_CHANGES_LOCK = 0x6f7264_7573; // "ord" "us"

@Injectable()
export class TypeormUserRepository extends UserRepository {
  constructor(private readonly tx: TransactionManager) {
    super();
  }

  private repo() {
    return this.tx.manager().getRepository(UserEntity);
  }

  async create(user: NewUser): Promise<User> {
    // ON CONFLICT instead of catching 23505: a failed INSERT would poison the caller's transaction.
    const inserted = await this.repo()
      .createQueryBuilder()
      .insert()
      .values({ email: user.email, name: user.name, role: user.role, passwordHash: user.passwordHash })
      .orIgnore()
      .returning('id')
      .execute();
    const id = (inserted.raw as Array<{ id: string }>)[0]?.id;
    if (!id) throw AuthErrors.emailTaken(user.email);
    return (await this.findById(id))!;
  }

  async findById(id: string): Promise<User | null> {
    const row = await this.repo().findOne({ where: { id } });
    return row ? toDomain(row) : null;
  }

  async findCredentials(email: string): Promise<{ user: User; passwordHash: string } | null> {
    const row = await this.repo().createQueryBuilder('u').addSelect('u.passwordHash').where('u.email = :email', { email }).getOne();
    return row ? { user: toDomain(row), passwordHash: row.passwordHash } : null;
  }

  async list(page: { limit: number; offset: number }): Promise<Page<User>> {
    const [rows, total] = await this.repo().findAndCount({
      order: { createdAt: 'ASC', email: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items: rows.map(toDomain), total };
  }

  async update(id: string, changes: UserChanges): Promise<User | null> {
    if (Object.keys(changes).length > 0) await this.repo().update({ id }, changes);
    return this.findById(id);
  }

  async recordLogin(id: string, at: Date): Promise<void> {
    await this.repo().update({ id }, { lastLoginAt: at });
  }

  count(): Promise<number> {
    return this.repo().count();
  }

  countActiveAdmins(): Promise<number> {
    return this.repo().count({ where: { role: 'admin', disabled: false } });
  }

  async lockAdminChanges(): Promise<void> {
    await this.tx.manager().query('SELECT pg_advisory_xact_lock($1)', [ADMIN_CHANGES_LOCK]);
  }
}

function toDomain(row: UserEntity): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabled,
    createdAt: row.createdAt,
    lastLoginAt: row.lastLoginAt,
  };
}
