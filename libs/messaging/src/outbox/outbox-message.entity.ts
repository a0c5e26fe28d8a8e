import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('outbox_message')
@Index('ix_outbox_unpublished', ['seq'], { where: '"published_at" IS NULL' })
export class OutboxMessageEntity {
  /** Commit order is publish order, which keeps one key's messages in sequence. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq!: string;

  @Column({ name: 'message_id', type: 'uuid' })
  messageId!: string;

  @Column({ type: 'varchar', length: 200 })
  topic!: string;

  @Column({ name: 'message_key', type: 'varchar', length: 300 })
  key!: string;

  /** The envelope's JSON text, exactly as it will travel. */
  @Column({ type: 'text' })
  value!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  headers!: Record<string, string>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
