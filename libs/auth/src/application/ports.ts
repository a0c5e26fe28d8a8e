import type { Role } from '../roles.decorator';
import type { AuditEvent, NewAuditEvent } from '../domain/audit-event';
import type { Session } from '../domain/session';
import type { User } from '../domain/user';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
}

export interface UserChanges {
  name?: string;
  role?: Role;
  disabled?: boolean;
  passwordHash?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export abstract class UserRepository {
  /** Throws `USER.EMAIL_TAKEN` when the (lower-cased) email exists. */
  abstract create(user: NewUser): Promise<User>;
  abstract findById(id: string): Promise<User | null>;
  /** The only read that returns the hash: sign-in needs it, nothing else does. */
  abstract findCredentials(email: string): Promise<{ user: User; passwordHash: string } | null>;
  abstract list(page: { limit: number; offset: number }): Promise<Page<User>>;
  abstract update(id: string, changes: UserChanges): Promise<User | null>;
  abstract recordLogin(id: string, at: Date): Promise<void>;
  abstract count(): Promise<number>;
  abstract countActiveAdmins(): Promise<number>;
  /**
   * Serializes "is there still an admin?" decisions (first-admin creation, disabling or demoting an admin)
   * across requests and processes until the current transaction ends.
   */
  abstract lockAdminChanges(): Promise<void>;
}

export abstract class SessionRepository {
  abstract create(session: Session): Promise<void>;
  abstract findWithUser(id: string): Promise<{ session: Session; user: User } | null>;
  abstract touch(id: string, lastSeenAt: Date, expiresAt: Date): Promise<void>;
  abstract delete(id: string): Promise<void>;
  /** Ends a user's sessions, all of them or all but one (the caller's own, after a password change). */
  abstract deleteForUser(userId: string, exceptSessionId?: string): Promise<number>;
  abstract deleteExpired(now: Date): Promise<number>;
}

export abstract class PasswordHasher {
  abstract hash(password: string): Promise<string>;
  /** False for a wrong password and for a hash it cannot read; never throws on bad input. */
  abstract verify(password: string, encoded: string): Promise<boolean>;
  /** True when the hash was made with weaker parameters than the hasher uses now. */
  abstract needsRehash(encoded: string): boolean;
}

/**
 * The audit trail port, for every module: inject `AuditLog` and `record(...)` who changed what. The TypeORM
 * implementation writes through the current transaction, so an audit row commits or rolls back with the change
 * it describes.
 */
export abstract class AuditLog {
  abstract record(event: NewAuditEvent): Promise<void>;
  abstract list(query: AuditQuery): Promise<Page<AuditEvent>>;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  limit: number;
  offset: number;
}
