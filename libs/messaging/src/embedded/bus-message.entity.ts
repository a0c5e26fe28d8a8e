import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** The embedded bus's log: one table, durable in the same database as everything else. */
@Entity('bus_message')
@Index('ix_bus_message_topic_partition', ['topic', 'partition', 'seq'])
export class BusMessageEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq!: string;

  @Column({ type: 'varchar', length: 200 })
  topic!: string;

  @Column({ type: 'int' })
  partition!: number;

  @Column({ name: 'message_key', type: 'varchar', length: 300 })
  key!: string;

  @Column({ type: 'text' })
  value!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  headers!: Record<string, string>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** Committed position of a consumer group in one topic partition. */
@Entity('bus_offset')
export class BusOffsetEntity {
  @PrimaryColumn({ name: 'group_id', type: 'varchar', length: 200 })
  groupId!: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  topic!: string;

  @PrimaryColumn({ type: 'int' })
  partition!: number;

  @Column({ name: 'last_seq', type: 'bigint' })
  lastSeq!: string;
}
