// In-memory ports for unit specs of the use cases (not exported from the library).
import { randomUUID } from 'node:crypto';
import { TransactionRunner } from '@orderhub/persistence';
import type { AuditEvent, NewAuditEvent } from '../domain/audit-event';
import { AuthErrors } from '../domain/auth.errors';
import type { Session } from '../domain/session';
import type { User } from '../domain/user';
import { AuditLog, AuditQuery, NewUser, Page, PasswordHasher, SessionRepository, UserChanges, UserRepository } from './ports';

export class InMemoryUsers extends UserRepository {
  readonly rows = new Map<string, User & { passwordHash: string }>();

  async create(user: NewUser): Promise<User> {
    if ([...this.rows.values()].some((u) => u.email === user.email)) throw AuthErrors.emailTaken(user.email);
    const row = { ...user, id: randomUUID(), disabled: false, createdAt: new Date(), lastLoginAt: null };
    this.rows.set(row.id, row);
    return strip(row);
  }
  async findById(id: string) {
    const row = this.rows.get(id);
    return row ? strip(row) : null;
  }
  async findCredentials(email: string) {
    const row = [...this.rows.values()].find((u) => u.email === email);
    return row ? { user: strip(row), passwordHash: row.passwordHash } : null;
  }
  async list(page: { limit: number; offset: number }): Promise<Page<User>> {
    const all = [...this.rows.values()].map(strip);
    return { items: all.slice(page.offset, page.offset + page.limit), total: all.length };
  }
  async update(id: string, changes: UserChanges) {
    const row = this.rows.get(id);
    if (!row) return null;
    Object.assign(row, changes);
    return strip(row);
  }
  async recordLogin(id: string, at: Date) {
    const row = this.rows.get(id);
    if (row) row.lastLoginAt = at;
  }
  async count() {
    return this.rows.size;
  }
  async countActiveAdmins() {
    return [...this.rows.values()].filter((u) => u.role === 'admin' && !u.disabled).length;
  }
  async lockAdminChanges() {}
}

function strip(row: User & { passwordHash: string }): User {
  const { passwordHash: _hash, ...user } = row;
  return { ...user };
}

export class InMemorySessions extends SessionRepository {
  readonly rows = new Map<string, Session>();
  constructor(private readonly users: InMemoryUsers) {
    super();
  }
  async create(session: Session) {
    this.rows.set(session.id, { ...session });
  }
  async findWithUser(id: string) {
    const session = this.rows.get(id);
    const user = session && (await this.users.findById(session.userId));
    return session && user ? { session: { ...session }, user } : null;
  }
  async touch(id: string, lastSeenAt: Date, expiresAt: Date) {
    const row = this.rows.get(id);
    if (row) Object.assign(row, { lastSeenAt, expiresAt });
  }
  async delete(id: string) {
    this.rows.delete(id);
  }
  async deleteForUser(userId: string, exceptSessionId?: string) {
    let n = 0;
    for (const [id, s] of this.rows) if (s.userId === userId && id !== exceptSessionId && this.rows.delete(id)) n++;
    return n;
  }
  async deleteExpired(now: Date) {
    let n = 0;
    for (const [id, s] of this.rows) if (s.expiresAt < now && this.rows.delete(id)) n++;
    return n;
  }
}

export class InMemoryAudit extends AuditLog {
  readonly events: AuditEvent[] = [];
  async record(event: NewAuditEvent) {
    this.events.push({ id: randomUUID(), at: new Date(), subjectType: null, subjectId: null, details: {}, ...event });
  }
  async list(query: AuditQuery): Promise<Page<AuditEvent>> {
    const items = this.events.filter(
      (e) => (query.action === undefined || e.action === query.action) && (query.actor === undefined || e.actor === query.actor),
    );
    return { items: items.slice(query.offset, query.offset + query.limit), total: items.length };
  }
}

/** Fast and transparent: `plain:<password>`; it records what it was asked to verify. */
export class PlainHasher extends PasswordHasher {
  readonly verified: string[] = [];
  async hash(password: string) {
    return `plain:${password}`;
  }
  async verify(password: string, encoded: string) {
    this.verified.push(encoded);
    return encoded === `plain:${password}`;
  }
  needsRehash() {
    return false;
  }
}

export const noTransaction: TransactionRunner = { run: (work) => work() };
