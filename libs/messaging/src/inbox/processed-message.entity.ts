import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One row per (consumer, idempotency key) whose effect has been applied: redelivery finds it and skips. */
@Entity('processed_message')
export class ProcessedMessageEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  consumer!: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'varchar', length: 300 })
  idempotencyKey!: string;

  @CreateDateColumn({ name: 'processed_at', type: 'timestamptz' })
  processedAt!: Date;
}
