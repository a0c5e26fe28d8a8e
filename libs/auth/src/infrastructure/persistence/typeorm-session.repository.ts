import { Injectable } from '@nestjs/common';
import { LessThan, Not } from 'typeorm';
import { TransactionManager } from '@orderhub/persistence';
import { SessionRepository } from '../../application/ports';
import type { Session } from '../../domain/session';
import type { User } from '../../domain/user';
import { SessionEntity } from './session.entity';

@Injectable()
export class TypeormSessionRepository extends SessionRepository {
  constructor(private readonly tx: TransactionManager) {
    super();
  }

  private repo() {
    return this.tx.manager().getRepository(SessionEntity);
  }

  async create(session: Session): Promise<void> {
    await this.repo().insert({ ...session });
  }

  async findWithUser(id: string): Promise<{ session: Session; user: User } | null> {
    // One round trip per request: the role is read fresh every time, so a role change applies at once.
    const row = await this.repo().createQueryBuilder('s').innerJoinAndSelect('s.user', 'u').where('s.id = :id', { id }).getOne();
    if (!row?.user) return null;
    const u = row.user;
    return {
      session: { id: row.id, userId: row.userId, createdAt: row.createdAt, expiresAt: row.expiresAt, lastSeenAt: row.lastSeenAt },
      user: {
        id: u.id,
        email: u.email,
        name: u.name,
        role: u.role,
        disabled: u.disabled,
        createdAt: u.createdAt,
        lastLoginAt: u.lastLoginAt,
      },
    };
  }

  async touch(id: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    await this.repo().update({ id }, { lastSeenAt, expiresAt });
  }

  async delete(id: string): Promise<void> {
    await this.repo().delete({ id });
  }

  async deleteForUser(userId: string, exceptSessionId?: string): Promise<number> {
    const result = await this.repo().delete(exceptSessionId ? { userId, id: Not(exceptSessionId) } : { userId });
    return result.affected ?? 0;
  }

  async deleteExpired(now: Date): Promise<number> {
    const result = await this.repo().delete({ expiresAt: LessThan(now) });
    return result.affected ?? 0;
  }
}
