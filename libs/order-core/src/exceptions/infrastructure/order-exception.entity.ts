import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Channel, PurchaseOrder } from '@orderhub/contracts';

/** 'replayed': a MESSAGE.UNPROCESSABLE exception whose message was handed to the core again. */
export type ExceptionStatus = 'open' | 'approved' | 'rejected' | 'replayed';

export interface ExceptionReason {
  code: string;
  message: string;
  lineNumber?: number;
  details?: Record<string, unknown>;
}

/** A purchase order an operator must look at, with every reason, the extracted order and the raw source. */
@Entity('order_exception')
@Index('ix_order_exception_status', ['status', 'createdAt'])
@Index('uq_order_exception_source', ['sourceKey'], { unique: true })
@Index('ix_order_exception_raw_document', ['rawDocumentId'])
export class OrderExceptionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  channel!: Channel;

  @Column({ type: 'varchar', length: 10, default: 'open' })
  status!: ExceptionStatus;

  @Column({ type: 'jsonb' })
  reasons!: ExceptionReason[];

  /** The extracted order; partial when extraction could not complete it (then `draft` is true). */
  @Column({ name: 'purchase_order', type: 'jsonb', nullable: true })
  purchaseOrder!: PurchaseOrder | Record<string, unknown> | null;

  @Column({ name: 'raw_document_id', type: 'uuid' })
  rawDocumentId!: string;

  /** Idempotency: one exception per source message (a redelivery finds it). */
  @Column({ name: 'source_key', type: 'varchar', length: 300 })
  sourceKey!: string;

  @Column({ type: 'varchar', length: 200 })
  sender!: string;

  @Column({ name: 'partner_id', type: 'uuid', nullable: true })
  partnerId!: string | null;

  @Column({ name: 'customer_id', type: 'uuid', nullable: true })
  customerId!: string | null;

  @Column({ name: 'customer_name', type: 'varchar', length: 200, nullable: true })
  customerName!: string | null;

  @Column({ name: 'po_number', type: 'varchar', length: 80, nullable: true })
  poNumber!: string | null;

  /**
   * What the channel already told the sender about this document, when it told anything: 'rejected' for an
   * X12 set its 997/999 rejected (AK5 R). Resolution may not contradict it (no 855 after a rejecting 997).
   */
  @Column({ name: 'sender_told', type: 'varchar', length: 10, nullable: true })
  senderTold!: 'rejected' | null;

  @Column({ name: 'sales_order_id', type: 'uuid', nullable: true })
  salesOrderId!: string | null;

  /** Optimistic lock: an operator's resolve names the version it saw. */
  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  history!: Array<{ at: string; actor: string; action: string; note?: string }>;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'resolved_by', type: 'varchar', length: 120, nullable: true })
  resolvedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
