import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Channel } from '@orderhub/contracts';
import type { RawDocumentStatus } from '../ports';

@Entity('raw_document')
@Index('uq_raw_document_dedup', ['channel', 'dedupKey'], { unique: true, where: '"dedup_key" IS NOT NULL' })
@Index('ix_raw_document_received', ['receivedAt'])
export class RawDocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  channel!: Channel;

  @Column({ type: 'varchar', length: 200 })
  sender!: string;

  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType!: string;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'bigint' })
  size!: string;

  /** The bytes, for documents up to the inline limit. */
  @Column({ type: 'bytea', nullable: true, select: false })
  content!: Buffer | null;

  /** For very large documents (drop-folder interchanges): the durable file that holds the bytes. */
  @Column({ name: 'content_path', type: 'text', nullable: true })
  contentPath!: string | null;

  @Column({ name: 'dedup_key', type: 'varchar', length: 300, nullable: true })
  dedupKey!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  metadata!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 16, default: 'received' })
  status!: RawDocumentStatus;

  @Column({ name: 'status_detail', type: 'text', nullable: true })
  statusDetail!: string | null;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
