import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('shipment')
@Index('ix_shipment_order', ['salesOrderId'])
export class ShipmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'sales_order_id', type: 'uuid' })
  salesOrderId!: string;

  @Column({ type: 'jsonb' })
  lines!: Array<{ lineNumber: number; quantity: string }>;

  @Column({ type: 'varchar', length: 120 })
  actor!: string;

  @CreateDateColumn({ name: 'shipped_at', type: 'timestamptz' })
  shippedAt!: Date;
}

@Entity('invoice')
@Index('ix_invoice_order', ['salesOrderId'])
export class InvoiceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 20, unique: true })
  number!: string;

  @Column({ name: 'sales_order_id', type: 'uuid' })
  salesOrderId!: string;

  @Column({ name: 'shipment_id', type: 'uuid', unique: true })
  shipmentId!: string;

  @Column({ type: 'numeric', precision: 16, scale: 4 })
  total!: string;

  @Column({ type: 'jsonb' })
  lines!: Array<{ lineNumber: number; sku: string; quantity: string; unitPrice: string; amount: string }>;

  @CreateDateColumn({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;
}
