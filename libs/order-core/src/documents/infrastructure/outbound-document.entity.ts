import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type OutboundKind = '997' | '999' | 'TA1' | '855' | '856' | '810' | '865' | '846' | 'email';
export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'undeliverable';

/** Every document the hub sends back, stored before delivery, so it can be shown, traced and re-sent. */
@Entity('outbound_document')
@Index('ix_outbound_document_order', ['salesOrderId'])
@Index('ix_outbound_document_receipt', ['rawDocumentId'])
@Index('uq_outbound_document_source', ['sourceKey'], { unique: true })
export class OutboundDocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: OutboundKind;

  @Column({ type: 'varchar', length: 16 })
  channel!: string;

  @Column({ name: 'sales_order_id', type: 'uuid', nullable: true })
  salesOrderId!: string | null;

  /** The inbound raw document this answers (997/999/TA1 answer a receipt). */
  @Column({ name: 'raw_document_id', type: 'uuid', nullable: true })
  rawDocumentId!: string | null;

  @Column({ name: 'partner_id', type: 'uuid', nullable: true })
  partnerId!: string | null;

  /** Idempotency: the event that produced it (a redelivered event writes nothing new). */
  @Column({ name: 'source_key', type: 'varchar', length: 300 })
  sourceKey!: string;

  @Column({ name: 'control_number', type: 'varchar', length: 20, nullable: true })
  controlNumber!: string | null;

  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType!: string;

  @Column({ type: 'text' })
  content!: string;

  /** Where it goes: a folder path, an email address. */
  @Column({ type: 'text', nullable: true })
  destination!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
