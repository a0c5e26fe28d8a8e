import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * A sign-in. The primary key is the SHA-256 (hex) of the bearer token, so a lookup is one index probe and the
 * table holds nothing a thief could present. There is no CSRF column: the CSRF token is derived from the
 * session token (see session-token.ts).
 */
@Entity('app_session')
@Index('ix_app_session_user', ['userId'])
@Index('ix_app_session_expires', ['expiresAt'])
export class SessionEntity {
  @PrimaryColumn({ type: 'char', length: 64 })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  // Deleting a user (not offered by the API, but possible by hand) ends their sessions with it.
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_app_session_user' })
  user?: UserEntity;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt!: Date;
}
