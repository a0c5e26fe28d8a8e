import { Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Channel, PurchaseOrder } from '@orderhub/contracts';
import type { OrderStatus } from '../../domain';
import { SalesOrderLineEntity } from './sales-order-line.entity';

@Index('ix_sales_order_raw_document', ['rawDocumentId'])
@Entity('sales_order')
// A customer's PO number raises one sales order: the index settles two racing deliveries of the same PO.
@Index('uq_sales_order_customer_po', ['customerId', 'poNumber'], { unique: true })
@Index('uq_sales_order_channel_key', ['channelOrderKey'], { unique: true, where: '"channel_order_key" IS NOT NULL' })
@Index('ix_sales_order_created', ['createdAt'])
export class SalesOrderEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Our own number, from a database sequence: SO-000001. */
  @Column({ type: 'varchar', length: 20, unique: true })
  number!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ name: 'customer_name', type: 'varchar', length: 200 })
  customerName!: string;

  @Column({ type: 'varchar', length: 16 })
  channel!: Channel;

  @Column({ name: 'po_number', type: 'varchar', length: 80 })
  poNumber!: string;

  @Column({ name: 'po_date', type: 'date', nullable: true })
  poDate!: string | null;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: OrderStatus;

  @Column({ type: 'varchar', length: 10 })
  priority!: PurchaseOrder['priority'];

  @Column({ type: 'numeric', precision: 16, scale: 4 })
  total!: string;

  @Column({ name: 'raw_document_id', type: 'uuid' })
  rawDocumentId!: string;

  @Column({ name: 'partner_id', type: 'uuid', nullable: true })
  partnerId!: string | null;

  @Column({ type: 'varchar', length: 200 })
  sender!: string;

  /** The canonical purchase order as accepted (after any operator corrections). */
  @Column({ name: 'purchase_order', type: 'jsonb' })
  purchaseOrder!: PurchaseOrder;

  @Column({ name: 'ship_to', type: 'jsonb', nullable: true })
  shipTo!: Record<string, unknown> | null;

  /** A channel's own identity for the order (Shopify shop + order id), so changes find it. */
  @Column({ name: 'channel_order_key', type: 'varchar', length: 200, nullable: true })
  channelOrderKey!: string | null;

  /** The channel's time of the last change applied, so older changes arriving late are ignored. */
  @Column({ name: 'channel_changed_at', type: 'varchar', length: 40, nullable: true })
  channelChangedAt!: string | null;

  @Column({ name: 'payment_status', type: 'varchar', length: 30, nullable: true })
  paymentStatus!: string | null;

  @Column({ name: 'refunded_total', type: 'numeric', precision: 16, scale: 4, default: 0 })
  refundedTotal!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'exception_id', type: 'uuid', nullable: true })
  exceptionId!: string | null;

  @OneToMany(() => SalesOrderLineEntity, (line) => line.order, { cascade: ['insert', 'update'] })
  lines!: SalesOrderLineEntity[];

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
